/**
 * What a probe saw, and the status that means (issue 3 §4):
 * 2xx/3xx healthy; timeouts, dropped connections, 5xx (and 408/429) degraded;
 * 401/403, refused, DNS and other 4xx unhealthy.
 */
import { networkFailureWords, type CallTarget, type NetworkErrorKind } from '../upstream/upstream-errors';
import type { HealthStatus } from './service-health';

export type ProbeOutcome =
  | { readonly kind: 'response'; readonly httpStatus: number }
  | { readonly kind: NetworkErrorKind };

export interface ClassifiedProbe {
  readonly status: Exclude<HealthStatus, 'unknown'>;
  readonly httpStatus: number | null;
  readonly error: string | null;
}

const networkStatus: Readonly<Record<NetworkErrorKind, ClassifiedProbe['status']>> = {
  timeout: 'degraded',
  reset: 'degraded',
  refused: 'unhealthy',
  dns: 'unhealthy',
  network: 'unhealthy',
  tls: 'unhealthy',
  port: 'unhealthy',
};

/** `target` and `timeoutMs` let the words say where and how long: "No answer from nas.local:5055 within 5 s". */
export function classifyProbe(outcome: ProbeOutcome, target: CallTarget | null = null, timeoutMs?: number): ClassifiedProbe {
  if (outcome.kind !== 'response') {
    return { status: networkStatus[outcome.kind], httpStatus: null, error: networkFailureWords(outcome.kind, target, outcome.kind === 'timeout' ? timeoutMs : undefined) };
  }
  const httpStatus = outcome.httpStatus;
  if (httpStatus >= 200 && httpStatus < 400) return { status: 'healthy', httpStatus, error: null };
  if (httpStatus === 401 || httpStatus === 403) {
    return { status: 'unhealthy', httpStatus, error: `Credentials rejected (HTTP ${httpStatus})` };
  }
  if (httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) {
    return { status: 'degraded', httpStatus, error: `HTTP ${httpStatus}` };
  }
  return { status: 'unhealthy', httpStatus, error: `HTTP ${httpStatus}: check the address` };
}
