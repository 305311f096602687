/**
 * The wait before a retry, as the design gives it: exponential from a base
 * delay, capped, plus up to a second of random jitter so clients that failed
 * together do not retry together:
 *
 *     min(baseDelay × 2^attempt, maxDelay) + random × jitter
 *
 * `attempt` is 0 before the first retry. `random` (in [0, 1)) is injectable
 * so tests can seed it.
 */
export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The random part is below this; the design's 1 s by default. */
  readonly jitterMs?: number;
  readonly random?: () => number;
}

export const DEFAULT_JITTER_MS = 1_000;

export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const { baseDelayMs, maxDelayMs, jitterMs = DEFAULT_JITTER_MS, random = Math.random } = options;
  return Math.min(baseDelayMs * 2 ** attempt, maxDelayMs) + Math.floor(random() * jitterMs);
}
