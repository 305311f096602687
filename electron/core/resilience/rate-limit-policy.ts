/**
 * Token-bucket rate limit: `requests` per `perMs`, with bursts up to `requests`.
 *
 * Design choice: a call that finds the bucket empty reserves the next
 * token and waits for it, but only if that wait fits in `maxWaitMs` (the gateway
 * uses the service's timeout); otherwise it is rejected at once with
 * RATE_LIMITED and `retryAfterMs`, because a UI call that would sit in line
 * longer than its own timeout is better told to come back. Reservations let the
 * balance go negative, so waiters are served in order and the rate holds.
 */
import { abortableDelay } from './abortable-delay';
import { linkSignals } from './linked-signal';
import { cancelledError, rateLimitedError } from './resilience-errors';

export interface RateLimitOptions {
  readonly service: string;
  readonly requests: number;
  readonly perMs: number;
  readonly maxWaitMs: number;
  readonly now?: () => number;
}

export interface RateLimiter {
  /** Takes a token: resolves when the call may proceed; rejects with RATE_LIMITED or CANCELLED. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Tokens available now (negative while calls wait). */
  readonly available: number;
  dispose(): void;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { service, requests, perMs, maxWaitMs, now = Date.now } = options;
  const msPerToken = perMs / requests;
  const lifetime = new AbortController();
  let tokens = requests;
  let refilledAt = now();

  const refill = (): void => {
    const at = now();
    tokens = Math.min(requests, tokens + (at - refilledAt) / msPerToken);
    refilledAt = at;
  };

  const wait = async (waitMs: number, signal: AbortSignal | undefined): Promise<void> => {
    const link = linkSignals(signal, lifetime.signal);
    try {
      await abortableDelay(waitMs, link.signal, service);
    } catch (error) {
      // Give the reservation back so a cancelled caller does not slow the others.
      tokens += 1;
      throw error;
    } finally {
      link.dispose();
    }
  };

  return {
    async acquire(signal) {
      if (lifetime.signal.aborted) throw cancelledError(service);
      refill();
      tokens -= 1;
      if (tokens >= 0) return;
      const waitMs = Math.ceil(-tokens * msPerToken);
      if (waitMs > maxWaitMs) {
        tokens += 1;
        throw rateLimitedError(service, waitMs);
      }
      await wait(waitMs, signal);
    },
    get available() {
      refill();
      return tokens;
    },
    dispose() {
      lifetime.abort(cancelledError(service));
    },
  };
}
