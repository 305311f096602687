/**
 * Bulkhead: at most `concurrency` calls in flight per service, at most
 * `queueLimit` waiting; one more is rejected at once with BULKHEAD_FULL rather
 * than queued without bound (a dead service must not pile up work).
 *
 * Built on p-queue. p-queue's `clear()` drops queued tasks without settling
 * their promises, so `dispose()` rejects the waiting callers itself.
 */
import PQueue from 'p-queue';
import { isAppError } from '../../../shared/contract/errors';
import { bulkheadFullError, cancelledError } from './resilience-errors';

export interface BulkheadOptions {
  readonly service: string;
  readonly concurrency: number;
  readonly queueLimit: number;
}

export interface Bulkhead {
  execute<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Calls running now. */
  readonly running: number;
  /** Calls waiting for a slot. */
  readonly queued: number;
  /** Rejects waiting calls with CANCELLED and refuses new ones; running calls finish. */
  dispose(): void;
}

export function createBulkhead(options: BulkheadOptions): Bulkhead {
  const { service, concurrency, queueLimit } = options;
  const queue = new PQueue({ concurrency });
  const waiting = new Set<(error: unknown) => void>();
  let disposed = false;

  const toTyped = (error: unknown, signal: AbortSignal | undefined): unknown => {
    // p-queue rejects an aborted task with the signal's raw reason.
    if (signal?.aborted && error === signal.reason && !isAppError(error)) return cancelledError(service);
    return error;
  };

  return {
    execute(work, signal) {
      if (disposed) return Promise.reject(cancelledError(service));
      if (queue.pending < concurrency) {
        // Starts at once: nothing to drop on abort or dispose (the layers inside
        // the work handle those), so skip the signal, which costs p-queue two
        // listeners per call, and the bookkeeping below.
        return queue.add(() => work());
      }
      if (queue.size >= queueLimit) return Promise.reject(bulkheadFullError(service));
      return new Promise((resolve, reject) => {
        let started = false;
        const rejectWaiting = (error: unknown): void => {
          if (!started) reject(error);
        };
        waiting.add(rejectWaiting);
        queue
          .add(
            () => {
              started = true;
              waiting.delete(rejectWaiting);
              return work();
            },
            signal ? { signal } : {},
          )
          .then(resolve, (error: unknown) => reject(toTyped(error, signal)))
          .finally(() => waiting.delete(rejectWaiting));
      });
    },
    get running() {
      return queue.pending;
    },
    get queued() {
      return queue.size;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      queue.clear();
      const error = cancelledError(service);
      for (const rejectWaiting of [...waiting]) rejectWaiting(error);
      waiting.clear();
    },
  };
}
