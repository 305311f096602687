/**
 * Logs refusals (bad token, foreign origin, oversized frame, busy) once per
 * kind per window, with a count.
 *
 * A refusal is what an attacker or a broken client can cause at will, so one
 * log line each would let them fill the disk and bury everything else. The
 * first refusal of a kind is logged at once (so it shows when it starts); the
 * ones after it within the window are counted and summed up in one line when
 * the window ends.
 */
export interface RefusalLogOptions {
  /** The core's logger fits, and so does the Electron bridge's narrower one. */
  readonly logger: { warn(object: Record<string, unknown>, message: string): void };
  /** Default one minute. */
  readonly windowMs?: number;
  readonly now?: () => number;
}

export interface RefusalLog {
  /** Notes one refusal; `message` is the line logged for the first one of a window. */
  note(kind: string, message: string): void;
  /** Logs the pending counts now and stops the timers. */
  dispose(): void;
}

interface KindState {
  readonly message: string;
  readonly startedAt: number;
  suppressed: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export function createRefusalLog(options: RefusalLogOptions): RefusalLog {
  const { logger } = options;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const kinds = new Map<string, KindState>();
  let disposed = false;

  const flush = (kind: string, state: KindState): void => {
    if (state.timer !== undefined) clearTimeout(state.timer);
    kinds.delete(kind);
    if (state.suppressed > 0) {
      const seconds = Math.max(1, Math.round((now() - state.startedAt) / 1000));
      logger.warn({ refusal: kind, count: state.suppressed }, `${state.message}: ${state.suppressed} more in the last ${seconds} s`);
    }
  };

  return {
    note(kind, message) {
      if (disposed) return;
      const state = kinds.get(kind);
      if (state && now() - state.startedAt < windowMs) {
        state.suppressed += 1;
        // The summary waits for the window's end; one timer per kind, only while there is something to say.
        state.timer ??= setTimeout(() => flush(kind, state), Math.max(0, state.startedAt + windowMs - now()));
        state.timer.unref?.();
        return;
      }
      if (state) flush(kind, state);
      kinds.set(kind, { message, startedAt: now(), suppressed: 0, timer: undefined });
      logger.warn({ refusal: kind }, message);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const [kind, state] of [...kinds]) flush(kind, state);
    },
  };
}
