/**
 * The envelope every gateway call resolves with, so the UI can say where a
 * value came from and how old it is ("cached 12 min ago").
 */
import type { SerializedError } from '../../../shared/contract/errors';

/** upstream: answered now; fallback: the secondary source; cache: stored earlier. */
export type ResultSource = 'upstream' | 'fallback' | 'cache';

export interface CallResult<T> {
  readonly value: T;
  /** True when served because the upstream call failed (fallback or cache). */
  readonly stale: boolean;
  /** Age of the value in ms; 0 when it came from upstream just now. */
  readonly ageMs: number;
  /** When a cached value was stored (epoch ms); null otherwise. */
  readonly cachedAt: number | null;
  readonly source: ResultSource;
  /** Why the primary source was not used, when it failed. */
  readonly error?: SerializedError;
}

export function upstreamResult<T>(value: T): CallResult<T> {
  return { value, stale: false, ageMs: 0, cachedAt: null, source: 'upstream' };
}
