/**
 * Chooses how the renderer reaches the core: the preload bridge inside Electron,
 * a WebSocket to the serve-mode server in any other browser.
 */
import type { ContractTransport } from '../../../../shared/contract/api';
import { BRIDGE_GLOBAL } from '../../../../shared/contract/bridge-api';
import type { ConnectionSource } from './connection-state';
import { WsTransport, type WebSocketConstructor } from './ws-transport';

/** Where the serve token is kept for this tab once it has been taken out of the address bar. */
export const SERVE_TOKEN_STORAGE_KEY = 'medianest.serveToken';

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

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    // Storage can throw when the browser blocks it (privacy modes, sandboxed frames).
    return null;
  }
}

/**
 * Takes `?token=` from the page URL (serve mode on a LAN address prints a link with it),
 * keeps it in sessionStorage and removes it from the address bar so it does not end up
 * in history, bookmarks or a screenshot; a reload then finds it in storage.
 */
export function takeServeToken(win: Window): string | null {
  const storage = sessionStorageOf(win);
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      storage?.setItem(SERVE_TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Quota or blocked storage: the token still works for this page load.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return storage?.getItem(SERVE_TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** `ws(s)://<same host>/ws`, with the serve token when there is one. */
export function serveSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}/ws${query}`;
}

/** Picks the transport and, for the WebSocket, starts connecting. Call once from main.tsx. */
export function pickTransport(win: Window = window, options: PickTransportOptions = {}): PickedTransport {
  const bridge: unknown = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (isTransport(bridge)) return { kind: 'bridge', transport: bridge, connection: alwaysConnected };

  const socket = new WsTransport({
    url: serveSocketUrl(win.location, takeServeToken(win)),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
  socket.connect();
  return { kind: 'websocket', transport: socket, connection: socket };
}
