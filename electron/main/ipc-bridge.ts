/**
 * The IPC bridge: the only file in the main process that touches `ipcMain`.
 *
 * One invoke channel carries every contract call. Before the core sees a call
 * the sender must be the app's own main frame (checklist item 17: parse
 * `senderFrame.url` with `new URL()`, compare with the app origin); the core's
 * dispatcher then validates channel and payload with the contract's schemas.
 * Events go the other way through `forwardEvents` (rate-bounded), to trusted
 * windows only. Each window may have a bounded number of invokes in flight;
 * past it an invoke is answered BUSY without reaching the core.
 */
import type { InvokeResult } from '../../shared/contract/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge-api';
import { AppError } from '../../shared/contract/errors';
import type { InvokeDispatcher } from '../core/transport/dispatch-invoke';
import { createRefusalLog } from '../core/logging/refusal-log';
import { forwardEvents, type EventForwarderOptions, type EventSource } from '../core/transport/event-forwarder';
import { DEFAULT_MAX_IN_FLIGHT, createInFlightLimit, type InFlightLimit } from '../core/transport/in-flight-limit';
import { isAppUrl } from './app-origin';

/** The part of `Electron.WebFrameMain` a sender check needs. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** The part of `Electron.IpcMainInvokeEvent` the bridge reads. */
export interface BridgeInvokeEvent {
  readonly senderFrame: SenderFrame | null;
  /** The calling WebContents; the in-flight limit is counted per sender. */
  readonly sender?: object;
}

/** The part of `Electron.IpcMain` the bridge uses. */
export interface BridgeIpcMain {
  handle(channel: string, listener: (event: BridgeInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of `Electron.WebContents` events are sent through. */
export interface BridgeContents {
  isDestroyed(): boolean;
  readonly mainFrame: SenderFrame | null;
  send(channel: string, ...args: unknown[]): void;
}

export interface BridgeWindow {
  readonly webContents: BridgeContents;
}

export interface BridgeLogger {
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export interface IpcBridgeOptions {
  readonly ipcMain: BridgeIpcMain;
  readonly dispatch: InvokeDispatcher;
  /** Defaults to `isTrustedAppFrame`. */
  readonly isTrustedSender?: (frame: SenderFrame | null) => boolean;
  readonly events: EventSource;
  /** The windows that receive events (the main window today). */
  readonly getWindows: () => Iterable<BridgeWindow>;
  readonly logger?: BridgeLogger;
  /** Timer hooks for the event forwarder, for tests. */
  readonly forwarder?: EventForwarderOptions;
  /** Invokes one window may have in flight; default 32. */
  readonly maxInFlight?: number;
}

/** True for the app's own top-level frame (`medianest://app/…`, no parent); false for anything else, including a null frame. */
export function isTrustedAppFrame(frame: SenderFrame | null): boolean {
  if (frame === null || frame === undefined) return false;
  try {
    return frame.parent === null && isAppUrl(frame.url);
  } catch {
    // A destroyed frame throws on property access.
    return false;
  }
}

function describeFrame(frame: SenderFrame | null): string {
  if (!frame) return 'no frame';
  try {
    const url = new URL(frame.url);
    return `${frame.parent === null ? 'main' : 'sub'} frame at ${url.protocol}//${url.host}`;
  } catch {
    return 'unreadable frame';
  }
}

/** Registers the invoke handler and event forwarding; the returned disposer undoes both. */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, dispatch, events, getWindows, logger } = options;
  const isTrustedSender = options.isTrustedSender ?? isTrustedAppFrame;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const refusals = logger ? createRefusalLog({ logger }) : undefined;
  const noteBusy = (): void => refusals?.note('busy', `answered BUSY to a window with ${maxInFlight} requests already waiting`);
  // Weak: a closed window's count goes with it.
  const limits = new WeakMap<object, InFlightLimit>();
  const sharedLimit = createInFlightLimit(maxInFlight, noteBusy);
  const limitFor = (sender: object | undefined): InFlightLimit => {
    if (sender === undefined) return sharedLimit;
    let limit = limits.get(sender);
    if (!limit) {
      limit = createInFlightLimit(maxInFlight, noteBusy);
      limits.set(sender, limit);
    }
    return limit;
  };

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel, payload): Promise<InvokeResult> => {
    if (!isTrustedSender(event.senderFrame)) {
      logger?.warn({ sender: describeFrame(event.senderFrame), channel: typeof channel === 'string' ? channel.slice(0, 80) : typeof channel }, 'refused an IPC call from an untrusted sender');
      return { ok: false, error: new AppError('FORBIDDEN', 'This caller may not use the MediaNest bridge.').toJSON() };
    }
    return limitFor(event.sender).run(async () => {
      try {
        return await dispatch(channel, payload);
      } catch (error) {
        // The dispatcher never throws; this is a last line so a bug cannot leak a stack to the renderer.
        logger?.error({ err: error }, 'dispatch threw');
        return { ok: false, error: new AppError('INTERNAL', 'Something went wrong inside MediaNest. The details are in the log.').toJSON() };
      }
    });
  });

  const forwarder = forwardEvents(
    events,
    (channel, payload) => {
      for (const window of getWindows()) {
        const contents = window.webContents;
        if (contents.isDestroyed() || !isTrustedSender(contents.mainFrame)) continue;
        contents.send(IPC_EVENT_CHANNEL, channel, payload);
      }
    },
    options.forwarder,
  );

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    forwarder.dispose();
    refusals?.dispose();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}

/** Registers the bridge on Electron's real `ipcMain` (loaded lazily so this file imports in plain Node). */
export async function registerElectronIpcBridge(options: Omit<IpcBridgeOptions, 'ipcMain'>): Promise<() => void> {
  const { ipcMain } = await import('electron');
  return registerIpcBridge({ ...options, ipcMain });
}
