/**
 * A Kuma client over the simulator's bodies without HTTP, for tests that run
 * on a fake clock (the HTTP path has its own tests in kuma-client.test.ts).
 * The bodies still go through the real schemas and metrics reader.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { KumaClient } from './kuma-client';
import { kumaMonitorsFromMetrics } from './kuma-metrics';
import { HeartbeatsSchema, StatusPageSchema } from './kuma-schemas';
import type { KumaStatusPages } from './kuma-status-page-replies';
import { parsePrometheusText } from './prometheus-text';

export interface MemoryKumaClientOptions {
  /** Make every call fail this way (Kuma unreachable, say). */
  failure?: AppError | null;
  /** /metrics answers 401 unless true. */
  apiKeyAccepted?: boolean;
}

export function createMemoryKumaClient(pages: KumaStatusPages, options: MemoryKumaClientOptions = {}): KumaClient {
  const fail = (): void => {
    if (options.failure) throw options.failure;
  };
  return {
    statusPage(slug) {
      fail();
      const body = pages.statusPageBody(slug);
      if (body === null) return Promise.reject(new AppError('NOT_FOUND', `Uptime Kuma has no status page called "${slug}".`, { service: 'uptime-kuma', status: 404 }));
      return Promise.resolve(StatusPageSchema.parse(body));
    },
    heartbeats(slug) {
      fail();
      return Promise.resolve(HeartbeatsSchema.parse(pages.heartbeatBody(slug)));
    },
    metrics() {
      fail();
      if (!options.apiKeyAccepted) return Promise.reject(new AppError('AUTH_FAILED', 'Uptime Kuma rejected the API key (HTTP 401).', { service: 'uptime-kuma', status: 401 }));
      return Promise.resolve(kumaMonitorsFromMetrics(parsePrometheusText(pages.metrics()).samples));
    },
  };
}
