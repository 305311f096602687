/**
 * `services:test`: runs a service's probe with proposed, unsaved settings (and
 * optionally an unsaved secret), so Settings can show both checks (the address
 * answers as the program, the credential is accepted) before anything is
 * stored. Nothing is recorded and no event fires.
 */
import type { ServiceTestResult } from '../../../shared/contract/areas/services';
import type { ServiceSettings } from '../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../shared/contract/services';
import { resolveServiceConfig, type ServiceHeaders } from '../upstream/service-config';
import type { Dispatcher } from 'undici';
import { runHealthCheck } from './health-check';
import type { ProbeFactory } from './probe';
import { addressFailed, failed } from './probe-outcome';
import type { HealthCheckResult } from './service-health';

export interface TestServiceOptions {
  /** The same probes the monitor runs. */
  readonly probes: ProbeFactory;
  /** The same extra headers the registry adds. */
  readonly headers?: ServiceHeaders;
  readonly signal?: AbortSignal;
  /** The connection pool the probe uses; default the process-wide one (see service-test-queue.ts). */
  readonly dispatcher?: Dispatcher;
  readonly now?: () => number;
}

/** The contract's result plus the probe's details (the contract strips the extras). */
export type TestServiceResult = ServiceTestResult & Pick<HealthCheckResult, 'httpStatus' | 'checkedAt'>;

/** Throws INVALID_PAYLOAD when the settings are out of range; otherwise always returns a result. */
export async function testService(name: ServiceName, settings: ServiceSettings, secret: string | undefined, options: TestServiceOptions): Promise<TestServiceResult> {
  // Testing is asked for explicitly, so a service not yet enabled is probed all the same.
  const config = resolveServiceConfig(name, { ...settings, enabled: true }, options.headers);
  const now = options.now ?? Date.now;
  if (config.baseUrl === '') {
    const steps = addressFailed(failed('unhealthy', 'No address set'));
    return { service: name, ok: false, status: 'unhealthy', responseTimeMs: null, error: steps.address.message, steps, httpStatus: null, checkedAt: now() };
  }
  const probe = options.probes((secretName) => (secretName === config.auth?.secret ? secret : undefined), options.dispatcher ? { dispatcher: options.dispatcher } : {});
  const { result, outcome } = await runHealthCheck(config, probe, { ...(options.signal ? { signal: options.signal } : {}), now });
  return {
    service: name,
    ok: result.status === 'healthy',
    status: result.status,
    responseTimeMs: result.responseTimeMs,
    error: result.error,
    steps: outcome,
    httpStatus: result.httpStatus,
    checkedAt: result.checkedAt,
  };
}
