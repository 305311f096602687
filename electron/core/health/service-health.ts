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
export type { HealthCheckResult, HealthStatus, ServiceHealth } from '../../../shared/contract/areas/health';

