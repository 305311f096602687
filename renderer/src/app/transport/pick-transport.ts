/**
 * Chooses how the renderer reaches the core: the preload bridge inside Electron,
 * a WebSocket to the serve-mode server in any other browser.
 *
 * In a browser the page never sees the serve token: the server traded it for
 * an HttpOnly cookie before the page loaded, and the socket's handshake
 * carries that cookie (same origin). Scripts on the page cannot read it.
 */
import type { ContractTransport } from '../../../../shared/contract/api';
import { BRIDGE_GLOBAL } from '../../../../shared/contract/bridge-api';
import type { ConnectionSource } from './connection-state';
import { WsTransport, type WebSocketConstructor } from './ws-transport';

export interface PickedTransport {
  readonly kind: 'bridge' | 'websocket';
  readonly transport: ContractTransport;
  readonly connection: ConnectionSource;
}

export interface PickTransportOptions {
  /** Injected by tests; defaults to the browser's WebSocket. */
  readonly WebSocket?: WebSocketConstructor;
}

/** The IPC bridge cannot drop, so it always reports `connected`. */
const alwaysConnected: ConnectionSource = {
  connectionState: 'connected',
  watchConnection(listener) {
    listener('connected');
    return () => {};
  },
};

function isTransport(value: unknown): value is ContractTransport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ContractTransport).invoke === 'function' &&
    typeof (value as ContractTransport).subscribe === 'function'
  );
}

/** `ws(s)://<same host>/ws`. */
export function serveSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/** Picks the transport and, for the WebSocket, starts connecting. Call once from main.tsx. */
export function pickTransport(win: Window = window, options: PickTransportOptions = {}): PickedTransport {
  const bridge: unknown = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (isTransport(bridge)) return { kind: 'bridge', transport: bridge, connection: alwaysConnected };

  const socket = new WsTransport({
    url: serveSocketUrl(win.location),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
  socket.connect();
  return { kind: 'websocket', transport: socket, connection: socket };
}
