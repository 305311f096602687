/**
 * Retries a failed attempt with jittered exponential backoff (backoff.ts).
 *
 * Rules: only idempotent operations are retried, and only errors the
 * caller's `shouldRetry` accepts (the gateway: network errors, timeouts, 5xx,
 * 408, 429; never an open breaker). An error carrying `retryAfterMs` (parsed
 * from Retry-After) waits that long instead of the backoff; when it asks for
 * more than `maxRetryAfterMs` we stop and surface the error, so a call never
 * blocks longer than its budget and the caller still learns when to come back.
 * A run may have a deadline (the call's budget): a retry whose wait would
 * end at or after it is not made, and the last error surfaces at once.
 * A caller's abort stops everything with CANCELLED, during a wait as well.
 */
import { isAppError } from '../../../shared/contract/errors';
import { abortableDelay } from './abortable-delay';
import { createBackoff } from './backoff';
import { abortError } from './resilience-errors';

export interface RetryPolicyOptions {
  readonly service: string;
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Up to this much random time is added to each wait. */
  readonly jitterMs: number;
  readonly random?: () => number;
  /** The clock deadlines are read against. */
  readonly now?: () => number;
  /** Longest Retry-After we wait for; defaults to maxDelayMs. */
  readonly maxRetryAfterMs?: number;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryRun {
  readonly idempotent: boolean;
  readonly shouldRetry: (error: unknown) => boolean;
  readonly signal?: AbortSignal | undefined;
  /** When the run's budget ends (same clock as `now`); no retry starts at or after it. */
  readonly deadline?: number | undefined;
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface RetryPolicy {
  /** Runs `attempt(0)`, then `attempt(1)`… until one succeeds or the rules say stop. */
  execute<T>(attempt: (attemptNumber: number) => Promise<T>, run: RetryRun): Promise<T>;
}

export function createRetryPolicy(options: RetryPolicyOptions): RetryPolicy {
  const { service, retries } = options;
  const now = options.now ?? Date.now;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? options.maxDelayMs;

  return {
    async execute(attempt, run) {
      // Backoff state is per call, so concurrent calls jitter independently.
      const backoff = createBackoff(options);
      for (let n = 0; ; n++) {
        if (run.signal?.aborted) throw abortError(run.signal, service);
        try {
          return await attempt(n);
        } catch (error) {
          if (!run.idempotent || n >= retries || run.signal?.aborted || !run.shouldRetry(error)) throw error;
          const retryAfterMs = isAppError(error) ? error.retryAfterMs : undefined;
          if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
          const delayMs = retryAfterMs ?? backoff();
          if (run.deadline !== undefined && now() + delayMs >= run.deadline) throw error;
          run.onRetry?.({ retry: n + 1, delayMs, error });
          await abortableDelay(delayMs, run.signal, service);
        }
      }
    },
  };
}
