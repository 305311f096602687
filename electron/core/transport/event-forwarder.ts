/**
 * Forwards the core's renderer-facing events to one host (a window, a socket)
 * at a bounded rate.
 *
 * Each contract event declares `minIntervalMs` and an optional key. Within the
 * window only the latest payload per key is kept and delivered when the window
 * ends, so bursts (download progress, flapping health) cost the receiver at most
 * one message per key per window, and the last state always arrives.
 */
import { events, isEventChannel, type EventChannel, type EventPayload } from '../../../shared/contract/events';

export type EventSink = (channel: EventChannel, payload: unknown) => void;

export interface EventSource {
  subscribe(listener: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void): () => void;
}

export interface EventForwarderOptions {
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  readonly now?: () => number;
}

export interface EventForwarder {
  dispose(): void;
}

interface Slot {
  lastSentAt: number;
  pending?: { payload: unknown };
  timer?: unknown;
}

export function forwardEvents(source: EventSource, sink: EventSink, options: EventForwarderOptions = {}): EventForwarder {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();

  const deliver = (channel: EventChannel, payload: unknown): void => {
    const definition = events[channel];
    // Validate on the way out too: the renderer must only ever see contract shapes.
    const parsed = definition.payload.safeParse(payload);
    if (parsed.success) sink(channel, parsed.data);
  };

  const unsubscribe = source.subscribe((channel, payload) => {
    if (!isEventChannel(channel)) return;
    const definition = events[channel] as { minIntervalMs: number; key?: (payload: unknown) => string };
    if (definition.minIntervalMs <= 0) {
      deliver(channel, payload);
      return;
    }
    const slotKey = `${channel}\u0000${definition.key ? definition.key(payload) : ''}`;
    let slot = slots.get(slotKey);
    if (!slot) slots.set(slotKey, (slot = { lastSentAt: Number.NEGATIVE_INFINITY }));
    const elapsed = now() - slot.lastSentAt;
    if (elapsed >= definition.minIntervalMs && slot.timer === undefined) {
      slot.lastSentAt = now();
      deliver(channel, payload);
      return;
    }
    slot.pending = { payload };
    if (slot.timer === undefined) {
      const current = slot;
      current.timer = setTimer(() => {
        current.timer = undefined;
        const pending = current.pending;
        current.pending = undefined;
        if (pending) {
          current.lastSentAt = now();
          deliver(channel, pending.payload);
        }
      }, definition.minIntervalMs - Math.max(0, elapsed));
    }
  });

  return {
    dispose() {
      unsubscribe();
      for (const slot of slots.values()) if (slot.timer !== undefined) clearTimer(slot.timer);
      slots.clear();
    },
  };
}
