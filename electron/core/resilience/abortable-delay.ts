/**
 * Waits `ms`, or rejects as soon as `signal` aborts, clearing its timer either
 * way so a cancelled wait leaves nothing pending (dispose must end with 0 timers).
 */
import { abortError } from './resilience-errors';

export function abortableDelay(ms: number, signal: AbortSignal | undefined, service: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal, service));
  if (ms <= 0 && !signal) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal!, service));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
