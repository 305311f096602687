/**
 * `services:test`: probes a service's health path with proposed, unsaved
 * settings (and optionally an unsaved secret), so Settings can say "Connected"
 * before anything is stored. Nothing is recorded and no event fires.
 */
import type { ServiceTestResult } from '../../../shared/contract/areas/services';
import type { ServiceSettings } from '../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../shared/contract/services';
import { runHealthCheck } from './health-check';
import { createHttpProbe, type Probe } from './http-probe';
import type { HealthCheckResult } from './service-health';
import { resolveServiceConfig } from '../upstream/service-config';

export interface TestServiceOptions {
  readonly signal?: AbortSignal;
  /** For tests: replaces the HTTP probe. */
  readonly probe?: Probe;
  readonly now?: () => number;
}

/** The contract's result plus the probe's details (the contract strips the extras). */
export type TestServiceResult = ServiceTestResult & Pick<HealthCheckResult, 'httpStatus' | 'checkedAt'>;

/** Throws INVALID_PAYLOAD when the settings are out of range; otherwise always returns a result. */
export async function testService(
  name: ServiceName,
  settings: ServiceSettings,
  secret?: string,
  options: TestServiceOptions = {},
): Promise<TestServiceResult> {
  // Testing is asked for explicitly, so a service not yet enabled is probed all the same.
  const config = resolveServiceConfig(name, { ...settings, enabled: true });
  const now = options.now ?? Date.now;
  if (config.baseUrl === '') {
    return { service: name, ok: false, status: 'unhealthy', responseTimeMs: null, error: 'No address set', httpStatus: null, checkedAt: now() };
  }
  const probe = options.probe ?? createHttpProbe((secretName) => (secretName === config.auth?.secret ? secret : undefined));
  const result = await runHealthCheck(config, probe, { ...(options.signal ? { signal: options.signal } : {}), now });
  return {
    service: name,
    ok: result.status === 'healthy',
    status: result.status,
    responseTimeMs: result.responseTimeMs,
    error: result.error,
    httpStatus: result.httpStatus,
    checkedAt: result.checkedAt,
  };
}
