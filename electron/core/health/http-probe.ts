/**
 * The real probe: GET the service's health path with its auth, outside the
 * gateway (no breaker, no retry: a probe is how recovery is seen). Redirects
 * are not followed, so a 3xx counts as the service answering.
 */
import type { Dispatcher } from 'undici';
import { createServiceHttp, relativePath, type GetSecret } from '../upstream/service-http';
import type { ResolvedServiceConfig } from '../upstream/service-config';
import { networkErrorKind } from '../upstream/upstream-errors';
import type { ProbeOutcome } from './probe-outcome';

/** Probes one service; the caller bounds it with the health timeout through `signal`. */
export type Probe = (config: ResolvedServiceConfig, signal: AbortSignal) => Promise<ProbeOutcome>;

export interface HttpProbeOptions {
  /** The connection pool to use instead of the process-wide one (see service-test-queue.ts). */
  readonly dispatcher?: Dispatcher;
}

export function createHttpProbe(getSecret: GetSecret, options: HttpProbeOptions = {}): Probe {
  return async (config, signal) => {
    const http = createServiceHttp(config, getSecret)();
    try {
      const response = await http.get(relativePath(config.health.path), {
        signal,
        throwHttpErrors: false,
        redirect: 'manual',
        // ky hands options it does not know to fetch, which takes `dispatcher`.
        ...(options.dispatcher ? ({ dispatcher: options.dispatcher } as object) : {}),
      });
      // Only the status matters; dropping the body frees the keep-alive socket.
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'response', httpStatus: response.status };
    } catch (error) {
      const kind = networkErrorKind(error);
      if (kind) return { kind };
      throw error;
    }
  };
}
