/**
 * Bulkhead: at most `concurrency` calls in flight per service, at most
 * `queueLimit` waiting; one more is rejected at once with BULKHEAD_FULL rather
 * than queued without bound (a dead service must not pile up work).
 *
 * A semaphore: `tryAcquire()` takes a free slot synchronously, `acquire()`
 * waits in line for one, and both hand back the slot's release. `execute()`
 * wraps a piece of work in a slot. The gateway takes and releases slots itself,
 * so a call that finds a free slot (the common case) costs no promise, closure
 * or queue entry here at all.
 *
 * The waiting line is a p-queue. A slot taken without waiting is counted in
 * `direct` and never enters p-queue: `add()` costs an options copy, a task id,
 * a Symbol, a Map entry, five events and a queueMicrotask, ~3 % of a local
 * request, for a line that is empty in the common case. The limit still holds
 * because p-queue is only allowed the slots direct holders leave free
 * (`syncQueue`): its concurrency is `concurrency − direct`, and it is paused
 * while direct holders have every slot. A slot is only taken directly when
 * nobody waits, so nobody is overtaken.
 *
 * p-queue's `clear()` drops queued tasks without settling their promises, so
 * `dispose()` rejects the waiting callers itself.
 */
import PQueue from 'p-queue';
import { isAppError } from '../../../shared/contract/errors';
import { bulkheadFullError, cancelledError } from './resilience-errors';

export interface BulkheadOptions {
  readonly service: string;
  readonly concurrency: number;
  readonly queueLimit: number;
}

/** Gives a slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

export interface Bulkhead {
  execute<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Takes a slot when one is free and nobody waits; undefined otherwise. Never waits. */
  tryAcquire(): ReleaseSlot | undefined;
  /**
   * Waits in line for a slot. Rejects with BULKHEAD_FULL when the line is full,
   * and with CANCELLED when `signal` aborts or the bulkhead is disposed first.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
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
  /** Slots held outside p-queue (taken without waiting). */
  let direct = 0;
  let disposed = false;

  const toTyped = (error: unknown, signal: AbortSignal | undefined): unknown => {
    // p-queue rejects an aborted task with the signal's raw reason.
    if (signal?.aborted && error === signal.reason && !isAppError(error)) return cancelledError(service);
    return error;
  };

  /** Gives p-queue exactly the slots the direct holders leave free. */
  const syncQueue = (): void => {
    const free = concurrency - direct;
    // p-queue's concurrency must be ≥ 1: with no slot free, pause it instead.
    if (free <= 0) {
      queue.pause();
      return;
    }
    if (queue.concurrency !== free) queue.concurrency = free;
    if (queue.isPaused) queue.start();
  };

  const tryAcquire = (): ReleaseSlot | undefined => {
    if (disposed || queue.size > 0 || direct + queue.pending >= concurrency) return undefined;
    direct++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      direct--;
      // Only a waiting line needs to hear about the freed slot.
      if (queue.size > 0) syncQueue();
    };
  };

  const acquire = (signal?: AbortSignal): Promise<ReleaseSlot> => {
    if (disposed) return Promise.reject(cancelledError(service));
    const free = tryAcquire();
    if (free) return Promise.resolve(free);
    if (queue.size >= queueLimit) return Promise.reject(bulkheadFullError(service));
    syncQueue();
    return new Promise((resolve, reject) => {
      let started = false;
      const rejectWaiting = (error: unknown): void => {
        if (!started) reject(error);
      };
      waiting.add(rejectWaiting);
      queue
        .add(
          // p-queue holds the slot until this task's promise settles: that is the release.
          () =>
            new Promise<void>((hold) => {
              started = true;
              waiting.delete(rejectWaiting);
              let released = false;
              resolve(() => {
                if (released) return;
                released = true;
                hold();
              });
            }),
          signal ? { signal } : {},
        )
        .catch((error: unknown) => reject(toTyped(error, signal)))
        .finally(() => waiting.delete(rejectWaiting));
    });
  };

  /** Runs `work` in a held slot and releases it once, when the work settles. */
  const runHolding = <T>(work: () => Promise<T>, release: ReleaseSlot): Promise<T> => {
    let pending: Promise<T>;
    try {
      pending = work();
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(release, release);
    return pending;
  };

  return {
    execute(work, signal) {
      if (disposed) return Promise.reject(cancelledError(service));
      // A free slot: start at once. Nothing to drop on abort or dispose (the
      // layers inside the work handle those), so the signal is not needed here.
      const free = tryAcquire();
      if (free) return runHolding(work, free);
      return acquire(signal).then((release) => runHolding(work, release));
    },
    tryAcquire,
    acquire,
    get running() {
      return direct + queue.pending;
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
