/**
 * At most one progress event per interval per job, whatever yt-dlp prints
 * (it may print hundreds of lines a second): the newest value wins, a change
 * of phase goes out at once, and `flush()` delivers what is pending so the
 * last value is never lost.
 */
import type { DownloadProgress } from '../../../../../shared/contract/areas/downloads';

export interface ProgressThrottle {
  push(progress: DownloadProgress): void;
  /** Delivers the pending value now (the run ended). */
  flush(): void;
  /** Drops the pending value and the timer. */
  dispose(): void;
}

export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_CLOCK: ThrottleClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createProgressThrottle(intervalMs: number, deliver: (progress: DownloadProgress) => void, clock: ThrottleClock = REAL_CLOCK): ProgressThrottle {
  let lastAt = -Infinity;
  let lastPhase: DownloadProgress['phase'] | undefined;
  let pending: DownloadProgress | undefined;
  let timer: unknown;
  const send = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    const value = pending;
    pending = undefined;
    if (!value) return;
    lastAt = clock.now();
    lastPhase = value.phase;
    deliver(value);
  };
  return {
    push(progress) {
      pending = progress;
      const wait = lastAt + intervalMs - clock.now();
      if (wait <= 0 || progress.phase !== lastPhase) return send();
      timer ??= clock.setTimeout(send, wait);
    },
    flush: send,
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
