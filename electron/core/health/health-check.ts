/**
 * Runs one probe under the service's health timeout and turns what it saw
 * into a HealthCheckResult. Shared by the monitor and `testService`.
 */
import { isAppError } from '../../../shared/contract/errors';
import type { ResolvedServiceConfig } from '../upstream/service-config';
import { withTimeout } from '../resilience/timeout-policy';
import type { Probe } from './probe';
import { callTarget } from '../upstream/upstream-errors';
import { addressFailed, classifyProbe, networkStep, type ProbeOutcome } from './probe-outcome';
import type { HealthCheckResult } from './service-health';

export interface HealthCheckOptions {
  /** Aborting it cancels the probe: the promise rejects with CANCELLED and nothing is recorded. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/** The result and the two steps behind it (Settings' "Test" shows both). */
export interface HealthCheck {
  readonly result: HealthCheckResult;
  readonly outcome: ProbeOutcome;
}

export async function runHealthCheck(config: ResolvedServiceConfig, probe: Probe, options: HealthCheckOptions = {}): Promise<HealthCheck> {
  const now = options.now ?? Date.now;
  const started = now();
  let outcome: ProbeOutcome;
  try {
    outcome = await withTimeout((signal) => probe(config, signal), {
      service: config.name,
      timeoutMs: config.health.timeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'CANCELLED') throw error;
    // A timeout is ours; anything else a probe throws is an unexplained network failure.
    outcome = addressFailed(networkStep(isAppError(error) && error.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'network', callTarget(config.baseUrl), config.health.timeoutMs));
  }
  const verdict = classifyProbe(outcome);
  const result: HealthCheckResult = {
    upstream: config.name,
    status: verdict.status,
    checkedAt: now(),
    responseTimeMs: Math.max(0, now() - started),
    httpStatus: verdict.httpStatus,
    error: verdict.error,
  };
  return { result, outcome };
}
