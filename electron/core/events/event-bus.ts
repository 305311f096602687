/**
 * A typed in-process event bus.
 *
 * `on()` returns a disposer (VS Code style) so owners can drop their listeners
 * in `dispose()`. A listener that throws is logged and does not stop the others:
 * one broken consumer (say, the tray) must never silence notifications.
 */
import type { Logger } from '../logging/logger';

export type Listener<T> = (payload: T) => void;
export type Disposer = () => void;

export interface EventBus<M extends object> {
  on<K extends keyof M>(event: K, listener: Listener<M[K]>): Disposer;
  /** Every event, in emission order; used by the transports to forward to the renderer. */
  onAny(listener: (event: keyof M, payload: M[keyof M]) => void): Disposer;
  emit<K extends keyof M>(event: K, payload: M[K]): void;
  listenerCount(event?: keyof M): number;
  clear(): void;
}

export function createEventBus<M extends object>(logger?: Pick<Logger, 'error'>): EventBus<M> {
  const listeners = new Map<keyof M, Set<Listener<never>>>();
  const anyListeners = new Set<(event: keyof M, payload: M[keyof M]) => void>();

  const report = (event: keyof M, error: unknown): void => {
    logger?.error({ err: error, event: String(event) }, 'event listener failed');
  };

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener<never>);
      return () => {
        set.delete(listener as Listener<never>);
      };
    },
    onAny(listener) {
      anyListeners.add(listener);
      return () => {
        anyListeners.delete(listener);
      };
    },
    emit(event, payload) {
      // Copy first: a listener may unsubscribe itself or others while we iterate.
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as Listener<typeof payload>)(payload);
        } catch (error) {
          report(event, error);
        }
      }
      for (const listener of [...anyListeners]) {
        try {
          listener(event, payload as M[keyof M]);
        } catch (error) {
          report(event, error);
        }
      }
    },
    listenerCount(event) {
      if (event !== undefined) return listeners.get(event)?.size ?? 0;
      let total = anyListeners.size;
      for (const set of listeners.values()) total += set.size;
      return total;
    },
    clear() {
      listeners.clear();
      anyListeners.clear();
    },
  };
}
