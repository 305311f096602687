/**
 * The design's degradation chain as one reusable helper: primary, then a
 * secondary source, then the last cached value marked stale with its age.
 *
 * Only failures `shouldFallBack` accepts move down the chain (the gateway:
 * outages, open breakers, full bulkheads; not auth errors or cancellations,
 * which the caller must see). When nothing is left, the primary's error is
 * thrown: that is the one that explains the outage.
 */
import { serializeError } from '../../../shared/contract/errors';
import { upstreamResult, type CallResult } from './call-result';
import type { CacheEntry } from './response-cache';

export interface FallbackChainOptions<T> {
  readonly primary: () => Promise<T>;
  readonly secondary?: (() => Promise<T> | T) | undefined;
  /** Reads the cached entry (any age within its stale window), if there is one. */
  readonly cached?: (() => CacheEntry<T> | undefined) | undefined;
  readonly shouldFallBack?: (error: unknown) => boolean;
  readonly now?: () => number;
}

export async function runFallbackChain<T>(options: FallbackChainOptions<T>): Promise<CallResult<T>> {
  const { shouldFallBack = () => true, now = Date.now } = options;
  try {
    return upstreamResult(await options.primary());
  } catch (primaryError) {
    if (!shouldFallBack(primaryError)) throw primaryError;
    const error = serializeError(primaryError);
    if (options.secondary) {
      try {
        const value = await options.secondary();
        return { value, stale: true, ageMs: 0, cachedAt: null, source: 'fallback', error };
      } catch {
        // The secondary failing too is what the cache is for; its error explains less than the primary's.
      }
    }
    const entry = options.cached?.();
    if (entry) {
      const ageMs = Math.max(0, now() - entry.cachedAt);
      return { value: entry.value, stale: true, ageMs, cachedAt: entry.cachedAt, source: 'cache', error };
    }
    throw primaryError;
  }
}
