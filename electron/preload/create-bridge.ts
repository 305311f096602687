/**
 * Builds the one object the preload exposes as `window.medianest`: the
 * contract transport (`invoke`, `subscribe`) and nothing else.
 *
 * Pure and Electron-free (the renderer IPC is a parameter), so it is
 * unit-tested with a fake. It stays zod-free to keep the sandboxed preload
 * bundle small: here a channel only has to look like `domain:action`; the main
 * process checks it against the contract and validates every payload.
 * Listeners never see the IPC event object.
 */
import type { InvokeResult } from '../../shared/contract/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type BridgeApi } from '../../shared/contract/bridge-api';

/** The part of `Electron.IpcRenderer` the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const CHANNEL_NAME = /^[a-z-]+:[a-z-]+$/;

export function isChannelName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && CHANNEL_NAME.test(value);
}

function refuse(channel: unknown): InvokeResult {
  const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
  return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No such channel: ${name}` } };
}

export interface BridgeOptions {
  /** Where a throwing listener is reported (defaults to console.error). */
  readonly reportError?: (error: unknown) => void;
}

export function createBridgeApi(ipc: RendererIpc, options: BridgeOptions = {}): BridgeApi {
  const reportError = options.reportError ?? ((error: unknown) => console.error('A MediaNest event listener failed:', error));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  // One IPC listener for every event channel, attached while anyone listens.
  const onEvent = (_event: unknown, channel: unknown, payload: unknown): void => {
    if (typeof channel !== 'string') return;
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        reportError(error);
      }
    }
  };
  let attached = false;
  const listenerCount = (): number => [...listeners.values()].reduce((total, set) => total + set.size, 0);

  return {
    invoke(channel, payload) {
      if (!isChannelName(channel)) return Promise.resolve(refuse(channel));
      return ipc.invoke(IPC_INVOKE_CHANNEL, channel, payload) as Promise<InvokeResult>;
    },
    subscribe(channel, listener) {
      if (!isChannelName(channel)) throw new TypeError(`No such event channel: ${String(channel).slice(0, 64)}`);
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const entry = (payload: unknown): void => listener(payload);
      set.add(entry);
      if (!attached) {
        ipc.on(IPC_EVENT_CHANNEL, onEvent as (event: unknown, ...args: unknown[]) => void);
        attached = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(entry);
        if (set.size === 0) listeners.delete(channel);
        if (attached && listenerCount() === 0) {
          ipc.removeListener(IPC_EVENT_CHANNEL, onEvent as (event: unknown, ...args: unknown[]) => void);
          attached = false;
        }
      };
    },
  };
}
