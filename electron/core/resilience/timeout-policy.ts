/**
 * Per-attempt timeout that cancels the work, not just the wait.
 *
 * The work receives a signal that aborts when the time is up or the caller
 * aborts, so ky/fetch tear down the socket. The returned promise settles at that
 * moment with a typed error (UPSTREAM_TIMEOUT or CANCELLED), whatever the work
 * does afterwards: a late result or late error is dropped, so it can neither
 * reach the caller nor be counted twice by the breaker.
 */
import { abortError, upstreamTimeoutError } from './resilience-errors';

/** Ends a running attempt with `reason` (and aborts its work signal with it). */
export type CancelAttempt = (reason: unknown) => void;

export interface TimeoutOptions {
  readonly service: string;
  readonly timeoutMs: number;
  /** Host and port the work calls ("plex.local:32400"), for the timeout's words. */
  readonly where?: string | undefined;
  /** The caller's signal; its abort ends the attempt with CANCELLED. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Holds a canceller for every attempt still running, so their owner can end
   * them all at once (CircuitBreaker.dispose) without listening on a
   * long-lived signal once per attempt.
   */
  readonly running?: Set<CancelAttempt> | undefined;
}

export function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, options: TimeoutOptions): Promise<T> {
  const { service, timeoutMs, where, signal: parent, running } = options;
  if (parent?.aborted) return Promise.reject(abortError(parent, service));
  return new Promise<T>((resolve, reject) => {
    const controller = new AbortController();
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
      running?.delete(fail);
      return true;
    };
    const fail: CancelAttempt = (error) => {
      if (!finish()) return;
      // Reject before aborting: the work's own AbortError must lose the race.
      reject(error);
      controller.abort(error);
    };
    const onParentAbort = (): void => fail(abortError(parent!, service));
    const timer = setTimeout(() => fail(upstreamTimeoutError(service, timeoutMs, where)), timeoutMs);
    parent?.addEventListener('abort', onParentAbort, { once: true });
    running?.add(fail);

    let pending: Promise<T>;
    try {
      pending = work(controller.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        if (finish()) resolve(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}
