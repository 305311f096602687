/**
 * What a probe saw, and the status that means.
 *
 * A probe proves two things, one step each: that the address answers as the
 * program (`address`), then that the saved credential is accepted
 * (`credential`). The service is healthy only when the address step passed
 * and the credential step passed or was rightly skipped (Uptime Kuma without
 * an API key). Timeouts, dropped connections, 5xx, 408 and 429 are degraded
 * (there but struggling); everything else that fails is unhealthy.
 */
import { networkFailureWords, type CallTarget, type NetworkErrorKind } from '../upstream/upstream-errors';
import type { HealthStatus } from './service-health';

export interface ProbeStep {
  /** `skipped`: not run, because an earlier step failed or nothing needs checking. */
  readonly result: 'passed' | 'degraded' | 'unhealthy' | 'skipped';
  readonly httpStatus: number | null;
  /** Plain words for the user: what was seen, and what to do when it failed. No URLs or secrets. */
  readonly message: string;
}

export interface ProbeOutcome {
  readonly address: ProbeStep;
  readonly credential: ProbeStep;
}

export interface ClassifiedProbe {
  readonly status: Exclude<HealthStatus, 'unknown'>;
  readonly httpStatus: number | null;
  readonly error: string | null;
}

/** There but struggling, or not there; the words come from upstream-errors, so every screen says it alike. */
const networkResults: Readonly<Record<NetworkErrorKind, 'degraded' | 'unhealthy'>> = {
  timeout: 'degraded',
  reset: 'degraded',
  refused: 'unhealthy',
  dns: 'unhealthy',
  network: 'unhealthy',
  tls: 'unhealthy',
  port: 'unhealthy',
};

export function passed(message: string, httpStatus: number | null = null): ProbeStep {
  return { result: 'passed', httpStatus, message };
}

export function failed(result: 'degraded' | 'unhealthy', message: string, httpStatus: number | null = null): ProbeStep {
  return { result, httpStatus, message };
}

export function skipped(message: string): ProbeStep {
  return { result: 'skipped', httpStatus: null, message };
}

/** A step that could not reach the service at all: what happened and where ("Connection refused by nas.local:5055"). */
export function networkStep(kind: NetworkErrorKind, target: CallTarget | null = null, timeoutMs?: number): ProbeStep {
  return failed(networkResults[kind], networkFailureWords(kind, target, kind === 'timeout' ? timeoutMs : undefined));
}

/** The outcome when the address step failed: the credential was not tried. */
export function addressFailed(address: ProbeStep): ProbeOutcome {
  return { address, credential: skipped('Not checked, because the address check failed') };
}

/** Whether a step let the probe go on (passed) or ends it. */
export function isPassed(step: ProbeStep): boolean {
  return step.result === 'passed';
}

/** The service's status from its two steps; the error is the failing step's words. */
export function classifyProbe(outcome: ProbeOutcome): ClassifiedProbe {
  for (const step of [outcome.address, outcome.credential]) {
    if (step.result === 'degraded' || step.result === 'unhealthy') {
      return { status: step.result, httpStatus: step.httpStatus, error: step.message };
    }
  }
  return { status: 'healthy', httpStatus: outcome.credential.httpStatus ?? outcome.address.httpStatus, error: null };
}
