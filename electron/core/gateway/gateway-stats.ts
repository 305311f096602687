/**
 * Per-service call statistics for `services:stats`: counts, latency percentiles
 * over a bounded window, and the last error in its serialised (secret-free) form.
 */
import { serializeError, type SerializedError } from '../../../shared/contract/errors';
import type { ServiceStats as ContractServiceStats } from '../../../shared/contract/areas/services';
import { createLatencyWindow } from './latency-window';

/** The contract's ServiceStats plus detail the contract strips (useful in logs and tests). */
export interface ServiceStats extends ContractServiceStats {
  readonly enabled: boolean;
  /** Has a base URL. */
  readonly configured: boolean;
  /** Every call() made, including those answered from cache. */
  readonly calls: number;
  /** Calls whose upstream attempt failed, whether or not stale data was served. */
  readonly failures: number;
  /** Over the last 256 calls that reached upstream. */
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  /** Calls answered from a fresh cache entry without asking upstream. */
  readonly cacheHits: number;
  /** Failed calls answered by a fallback or a stale cache entry. */
  readonly degraded: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly lastError: SerializedError | null;
  readonly lastErrorAt: number | null;
}

export type StatsCounters = Pick<
  ServiceStats,
  'calls' | 'failures' | 'cacheHits' | 'degraded' | 'p50Ms' | 'p95Ms' | 'lastError' | 'lastErrorAt'
>;

export interface StatsRecorder {
  call(): void;
  cacheHit(): void;
  degraded(): void;
  /** A call that reached upstream and how long it took. */
  latency(ms: number): void;
  failure(error: unknown, at: number): void;
  counters(): StatsCounters;
}

export function createStatsRecorder(): StatsRecorder {
  const latencies = createLatencyWindow(256);
  let calls = 0;
  let failures = 0;
  let cacheHits = 0;
  let degraded = 0;
  let lastError: SerializedError | null = null;
  let lastErrorAt: number | null = null;
  return {
    call: () => void calls++,
    cacheHit: () => void cacheHits++,
    degraded: () => void degraded++,
    latency: (ms) => latencies.record(ms),
    failure(error, at) {
      failures++;
      lastError = serializeError(error);
      lastErrorAt = at;
    },
    counters: () => ({
      calls,
      failures,
      cacheHits,
      degraded,
      p50Ms: latencies.percentile(50),
      p95Ms: latencies.percentile(95),
      lastError,
      lastErrorAt,
    }),
  };
}
