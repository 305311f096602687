/**
 * Exponential backoff with jitter, as the design gives it: before retry n
 * (n = 0 for the first), wait min(minDelay · 2^n, maxDelay) plus up to
 * `jitterMs` of random time, so clients that failed together do not retry
 * together. `random` is injectable so tests can seed it.
 */
export interface BackoffOptions {
  /** The design's baseDelay. */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Random time added to each delay, from 0 up to this. */
  readonly jitterMs: number;
  readonly random?: () => number;
}

/** Returns the delay before each successive retry (first call: before retry 1). */
export type Backoff = () => number;

/** The delay before retry `n` (0-based) for a random draw `r` in [0, 1). */
export function backoffDelay(n: number, r: number, options: Omit<BackoffOptions, 'random'>): number {
  return Math.min(options.minDelayMs * 2 ** n, options.maxDelayMs) + Math.floor(r * options.jitterMs);
}

export function createBackoff(options: BackoffOptions): Backoff {
  const random = options.random ?? Math.random;
  let n = 0;
  return () => backoffDelay(n++, random(), options);
}
