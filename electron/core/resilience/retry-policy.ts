/**
 * Retries a failed attempt with the design's backoff (backoff.ts).
 *
 * Only idempotent operations are retried, and only errors the caller's
 * `shouldRetry` accepts (the gateway: network errors, timeouts, 5xx, 408,
 * 429; never an open breaker). An error carrying `retryAfterMs` (parsed from
 * Retry-After) waits that long instead of the backoff; when it asks for more
 * than `maxRetryAfterMs` we stop and surface the error, so a call never blocks
 * longer than its budget and the caller still learns when to come back. A
 * caller's abort stops everything with CANCELLED, during a wait as well.
 */
import { isAppError } from '../../../shared/contract/errors';
import { abortableDelay } from './abortable-delay';
import { backoffDelay } from './backoff';
import { abortError } from './resilience-errors';

export interface RetryPolicyOptions {
  readonly service: string;
  readonly retries: number;
  /** The wait before the first retry, jitter aside (the design's baseDelay); it doubles for each later one. */
  readonly minDelayMs: number;
  /** Where the doubling stops (the design's maxDelay); jitter comes on top. */
  readonly maxDelayMs: number;
  /** Each backoff adds a random wait below this; default 1 s, as the design has it. */
  readonly jitterMs?: number;
  readonly random?: () => number;
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
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface RetryPolicy {
  /** Runs `attempt(0)`, then `attempt(1)`… until one succeeds or the rules say stop. */
  execute<T>(attempt: (attemptNumber: number) => Promise<T>, run: RetryRun): Promise<T>;
}

export function createRetryPolicy(options: RetryPolicyOptions): RetryPolicy {
  const { service, retries, random } = options;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? options.maxDelayMs;
  const backoff = {
    baseDelayMs: options.minDelayMs,
    maxDelayMs: options.maxDelayMs,
    ...(options.jitterMs === undefined ? {} : { jitterMs: options.jitterMs }),
    ...(random === undefined ? {} : { random }),
  };

  return {
    async execute(attempt, run) {
      for (let n = 0; ; n++) {
        if (run.signal?.aborted) throw abortError(run.signal, service);
        try {
          return await attempt(n);
        } catch (error) {
          if (!run.idempotent || n >= retries || run.signal?.aborted || !run.shouldRetry(error)) throw error;
          const retryAfterMs = isAppError(error) ? error.retryAfterMs : undefined;
          if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
          const delayMs = retryAfterMs ?? backoffDelay(n, backoff);
          run.onRetry?.({ retry: n + 1, delayMs, error });
          await abortableDelay(delayMs, run.signal, service);
        }
      }
    },
  };
}
