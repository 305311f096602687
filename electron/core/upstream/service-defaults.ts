/**
 * Per-service defaults: the seed's numbers, where each service keeps its
 * secret, and how that secret is sent.
 *
 * Seed values: Plex 5 s timeout, 2 retries from 1 s, bulkhead 5; Overseerr 10 s,
 * 3 retries from 2 s, breaker threshold 30 %; monitoring (Uptime Kuma) bulkhead 3.
 * The downloads bulkhead (2) is `settings.downloads.maxConcurrent`, owned by the
 * yt-dlp runner, not an HTTP service. Values the seed leaves open are ours and
 * say why below.
 */
import type { SecretName, ServiceName } from '../../../shared/contract/services';

/** How a service's secret travels. Never in a URL: URLs end up in logs. */
export type ServiceAuth =
  | { readonly secret: SecretName; readonly style: 'header'; readonly header: string }
  /** HTTP Basic with an empty user name and the secret as password (Uptime Kuma API keys). */
  | { readonly secret: SecretName; readonly style: 'basic-password' };

export interface ServiceDefaults {
  readonly auth: ServiceAuth;
  /** Sent on every request, after the auth header. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly retry: { readonly retries: number; readonly minDelayMs: number; readonly maxDelayMs: number };
  readonly breaker: {
    readonly errorThresholdPercentage: number;
    readonly resetTimeoutMs: number;
    readonly volumeThreshold: number;
    readonly rollingWindowMs: number;
    readonly buckets: number;
  };
  readonly bulkhead: { readonly concurrency: number; readonly queueLimit: number };
  readonly rateLimit: { readonly requests: number; readonly perMs: number };
  readonly health: {
    readonly path: string;
    readonly intervalMs: number;
    readonly timeoutMs: number;
    readonly probesToChange: number;
  };
}

// Shared where the seed says nothing: open after 5 calls in a 60 s window
// (12 buckets of 5 s) fail more than half of the time, rest 30 s.
const breaker = {
  errorThresholdPercentage: 50,
  resetTimeoutMs: 30_000,
  volumeThreshold: 5,
  rollingWindowMs: 60_000,
  buckets: 12,
} as const;

export const serviceDefaults: Readonly<Record<ServiceName, ServiceDefaults>> = {
  plex: {
    auth: { secret: 'plex.token', style: 'header', header: 'X-Plex-Token' },
    // Plex answers XML unless asked for JSON.
    headers: { Accept: 'application/json' },
    timeoutMs: 5_000,
    // maxDelay caps the decorrelated growth (1 s → ≤ 3 s → ≤ 4 s) and Retry-After waits.
    retry: { retries: 2, minDelayMs: 1_000, maxDelayMs: 4_000 },
    breaker,
    bulkhead: { concurrency: 5, queueLimit: 50 },
    // Browsing a library fires bursts of small calls; a LAN Plex takes them easily.
    rateLimit: { requests: 50, perMs: 1_000 },
    health: { path: '/identity', intervalMs: 30_000, timeoutMs: 5_000, probesToChange: 2 },
  },
  overseerr: {
    auth: { secret: 'overseerr.apiKey', style: 'header', header: 'X-Api-Key' },
    headers: { Accept: 'application/json' },
    timeoutMs: 10_000,
    retry: { retries: 3, minDelayMs: 2_000, maxDelayMs: 8_000 },
    breaker: { ...breaker, errorThresholdPercentage: 30 },
    // Overseerr fans each request out to TMDB; keep few in flight.
    bulkhead: { concurrency: 4, queueLimit: 20 },
    rateLimit: { requests: 20, perMs: 1_000 },
    health: { path: '/api/v1/status', intervalMs: 30_000, timeoutMs: 5_000, probesToChange: 2 },
  },
  'uptime-kuma': {
    auth: { secret: 'uptime-kuma.apiKey', style: 'basic-password' },
    headers: {},
    timeoutMs: 5_000,
    retry: { retries: 2, minDelayMs: 1_000, maxDelayMs: 4_000 },
    breaker,
    bulkhead: { concurrency: 3, queueLimit: 10 },
    rateLimit: { requests: 10, perMs: 1_000 },
    health: { path: '/api/entry-page', intervalMs: 30_000, timeoutMs: 5_000, probesToChange: 2 },
  },
};
