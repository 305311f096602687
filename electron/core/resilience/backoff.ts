/**
 * Exponential backoff with jitter, so clients that failed together do not
 * retry together.
 *
 * - `decorrelated` (the default; AWS "Exponential Backoff and Jitter"): each
 *   delay is uniform in [minDelay, min(maxDelay, 3 × previous)], starting from
 *   minDelay. It never drops below minDelay, which is what "2 retries from 1 s"
 *   in the seed asks for.
 * - `full`: uniform in [0, min(maxDelay, minDelay × 2^attempt)].
 *
 * `random` is injectable so tests can seed it.
 */
export type JitterMode = 'decorrelated' | 'full';

export interface BackoffOptions {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly jitter?: JitterMode;
  readonly random?: () => number;
}

/** Returns the delay before each successive retry (first call: before retry 1). */
export type Backoff = () => number;

export function createBackoff(options: BackoffOptions): Backoff {
  const { minDelayMs, jitter = 'decorrelated', random = Math.random } = options;
  const maxDelayMs = Math.max(minDelayMs, options.maxDelayMs);
  let attempt = 0;
  let previous = minDelayMs;
  return () => {
    const r = random();
    if (jitter === 'full') {
      const cap = Math.min(maxDelayMs, minDelayMs * 2 ** attempt++);
      return Math.floor(r * cap);
    }
    const upper = Math.min(maxDelayMs, previous * 3);
    previous = Math.min(maxDelayMs, Math.floor(minDelayMs + r * (upper - minDelayMs)));
    return previous;
  };
}
