/**
 * Health types. The snapshot shape (`ServiceHealth`) is the contract's, so
 * what the monitor keeps is exactly what `health:list` and `health:changed` send.
 *
 * Status meanings: healthy = the address answers as the program and the
 * saved credential is accepted; degraded = there but struggling (timeout,
 * dropped connection, 5xx, 408, 429); unhealthy = refused, not found, another
 * program or a redirect at the address, or a missing or rejected credential;
 * unknown = never probed, or disabled.
 */
import type { HealthStatus } from '../../../shared/contract/areas/health';
import type { UpstreamId } from '../../../shared/contract/services';

export type { HealthStatus, ServiceHealth } from '../../../shared/contract/areas/health';

/** One probe of one upstream: what `services:test` builds on and what is kept in SQLite. */
export interface HealthCheckResult {
  readonly upstream: UpstreamId;
  readonly status: Exclude<HealthStatus, 'unknown'>;
  readonly checkedAt: number;
  readonly responseTimeMs: number;
  readonly httpStatus: number | null;
  /** Plain words, no URLs or secrets. */
  readonly error: string | null;
}
