/**
 * A bound on the invokes one connection (a WebSocket, an Electron window) may
 * have in flight at once.
 *
 * Without it one connection could start any number of slow calls and hold a
 * file descriptor or a timer for each. Past the limit an invoke is answered
 * at once with BUSY and nothing is started, so a caller that waits for its
 * answers (the renderer does) never meets it.
 */
import type { InvokeResult } from '../../../shared/contract/api';
import { busyError } from '../../../shared/contract/errors';

/** Generous for a UI (a page issues a handful at a time), small enough to bound what one client holds. */
export const DEFAULT_MAX_IN_FLIGHT = 32;

export interface InFlightLimit {
  /**
   * Runs `invoke` when the connection is under its limit; otherwise resolves
   * with BUSY at once and calls `onBusy` (for the refusal log).
   */
  run(invoke: () => Promise<InvokeResult>): Promise<InvokeResult>;
  readonly inFlight: number;
}

export function createInFlightLimit(max: number = DEFAULT_MAX_IN_FLIGHT, onBusy?: () => void): InFlightLimit {
  let inFlight = 0;
  return {
    async run(invoke) {
      if (inFlight >= max) {
        onBusy?.();
        return { ok: false, error: busyError(`There are already ${max} requests waiting on this connection`).toJSON() };
      }
      inFlight += 1;
      try {
        return await invoke();
      } finally {
        inFlight -= 1;
      }
    },
    get inFlight() {
      return inFlight;
    },
  };
}
