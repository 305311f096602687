/**
 * Owns things that must be torn down, in reverse order of creation.
 *
 * The core registers everything with a lifetime here (timers, listeners, HTTP
 * listeners, child processes, the database), so `core.dispose()` is one call
 * that leaves nothing behind and never throws half-way.
 */
export type Disposal = () => void | Promise<void>;

export interface DisposableStore {
  add<T extends Disposal>(disposal: T): T;
  dispose(): Promise<void>;
  readonly disposed: boolean;
}

export function createDisposableStore(onError?: (error: unknown) => void): DisposableStore {
  const disposals: Disposal[] = [];
  let disposed = false;
  return {
    add(disposal) {
      if (disposed) {
        void Promise.resolve()
          .then(disposal)
          .catch((error: unknown) => onError?.(error));
      } else disposals.push(disposal);
      return disposal;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      while (disposals.length > 0) {
        const disposal = disposals.pop()!;
        try {
          await disposal();
        } catch (error) {
          onError?.(error);
        }
      }
    },
    get disposed() {
      return disposed;
    },
  };
}
