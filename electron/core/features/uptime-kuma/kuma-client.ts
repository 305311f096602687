/**
 * Reads Uptime Kuma through the gateway (the monitoring bulkhead, its rate
 * limit, retries and breaker): the public status pages by slug and, with an
 * API key, `/metrics`.
 *
 * Every status-page request carries `x-apicache-bypass: 1`: Kuma caches these
 * answers on the server for 5 minutes (page) and 1 minute (heartbeats), which
 * would otherwise hide a monitor that just went down.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { Gateway } from '../../gateway/gateway';
import { parseResponse } from '../../upstream/parse-response';
import { httpStatusError, invalidResponseError } from '../../upstream/upstream-errors';
import { kumaMonitorsFromMetrics, type KumaMetricMonitor } from './kuma-metrics';
import { HeartbeatsSchema, StatusPageSchema, type KumaHeartbeats, type KumaStatusPage } from './kuma-schemas';
import { parsePrometheusText } from './prometheus-text';

const SERVICE = 'uptime-kuma';
const BYPASS = { 'x-apicache-bypass': '1' } as const;

export interface KumaClient {
  statusPage(slug: string, signal?: AbortSignal): Promise<KumaStatusPage>;
  heartbeats(slug: string, signal?: AbortSignal): Promise<KumaHeartbeats>;
  /** Needs the API key (saved as the Uptime Kuma secret). */
  metrics(signal?: AbortSignal): Promise<KumaMetricMonitor[]>;
}

export interface KumaClientDeps {
  readonly gateway: Pick<Gateway, 'call'>;
}

function statusPageMissing(slug: string): AppError {
  return new AppError('NOT_FOUND', `Uptime Kuma has no status page called "${slug}". Check the slug in Settings (it is the last part of the page's address).`, {
    service: SERVICE,
    status: 404,
  });
}

/** A JSON answer, or INVALID_RESPONSE when the address serves something else (Kuma's web app answers HTML for unknown paths). */
async function readJson(response: Response): Promise<unknown> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel().catch(() => undefined);
    throw invalidResponseError(SERVICE, 'a web page instead of status data; is this the Uptime Kuma address?');
  }
  return response.json();
}

export function createKumaClient(deps: KumaClientDeps): KumaClient {
  const { gateway } = deps;
  const statusPagePath = (slug: string): string => `api/status-page/${encodeURIComponent(slug)}`;
  return {
    // GET /api/status-page/{slug} (server/routers/status-page-router.js)
    async statusPage(slug, signal) {
      const result = await gateway.call(
        SERVICE,
        'status-page',
        async ({ http }) => {
          const response = await http.get(statusPagePath(slug), { headers: BYPASS, throwHttpErrors: false });
          if (response.status === 404) {
            await response.body?.cancel().catch(() => undefined);
            throw statusPageMissing(slug);
          }
          if (!response.ok) {
            await response.body?.cancel().catch(() => undefined);
            throw httpStatusError(SERVICE, response.status);
          }
          return parseResponse(StatusPageSchema, await readJson(response), SERVICE);
        },
        { idempotent: true, ...(signal ? { signal } : {}) },
      );
      return result.value;
    },
    // GET /api/status-page/heartbeat/{slug}
    async heartbeats(slug, signal) {
      const result = await gateway.call(
        SERVICE,
        'status-page-heartbeat',
        async ({ http }) => parseResponse(HeartbeatsSchema, await readJson(await http.get(`api/status-page/heartbeat/${encodeURIComponent(slug)}`, { headers: BYPASS })), SERVICE),
        { idempotent: true, ...(signal ? { signal } : {}) },
      );
      return result.value;
    },
    // GET /metrics (server.js: apiAuth; Basic auth with the API key as password)
    async metrics(signal) {
      const result = await gateway.call(
        SERVICE,
        'metrics',
        async ({ http }) => {
          const response = await http.get('metrics');
          const text = parsePrometheusText(await response.text());
          if (text.samples.length === 0 && text.invalidLines > 0) throw invalidResponseError(SERVICE, 'no metrics in the answer to /metrics');
          return kumaMonitorsFromMetrics(text.samples);
        },
        { idempotent: true, ...(signal ? { signal } : {}) },
      );
      return result.value;
    },
  };
}
