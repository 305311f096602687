/**
 * What a probe saw, and the status that means:
 * 2xx/3xx healthy; timeouts, dropped connections, 5xx (and 408/429) degraded;
 * 401/403, refused, DNS and other 4xx unhealthy.
 */
import type { NetworkErrorKind } from '../upstream/upstream-errors';
import type { HealthStatus } from './service-health';

export type ProbeOutcome =
  | { readonly kind: 'response'; readonly httpStatus: number }
  | { readonly kind: NetworkErrorKind };

export interface ClassifiedProbe {
  readonly status: Exclude<HealthStatus, 'unknown'>;
  readonly httpStatus: number | null;
  readonly error: string | null;
}

const networkVerdicts: Readonly<Record<NetworkErrorKind, ClassifiedProbe>> = {
  timeout: { status: 'degraded', httpStatus: null, error: 'Did not answer in time' },
  reset: { status: 'degraded', httpStatus: null, error: 'Connection dropped' },
  refused: { status: 'unhealthy', httpStatus: null, error: 'Connection refused' },
  dns: { status: 'unhealthy', httpStatus: null, error: 'Address not found' },
  network: { status: 'unhealthy', httpStatus: null, error: 'Network error' },
};

export function classifyProbe(outcome: ProbeOutcome): ClassifiedProbe {
  if (outcome.kind !== 'response') return networkVerdicts[outcome.kind];
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
