/**
 * The contract over a WebSocket, for serve mode (a browser on a laptop or phone).
 *
 * The wire protocol is shared/contract/ws-protocol.ts; every message from the
 * server is parsed with its schema.
 *
 * The socket comes and goes (the media PC sleeps, the phone changes networks), so the
 * transport reconnects with backoff, re-sends its subscriptions on every new socket and
 * fails the invokes that were in flight rather than leaving them hanging.
 */
import type { ContractTransport, InvokeResult } from '../../../../shared/contract/api';
import { MessageIdSchema, ServerMessageSchema, type ClientMessage } from '../../../../shared/contract/ws-protocol';
import type { ConnectionSource, ConnectionState } from './connection-state';

/** The part of the DOM WebSocket the transport uses; tests inject a fake with the same shape. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WsTransportOptions {
  readonly url: string;
  /** Defaults to the browser's WebSocket. */
  readonly WebSocket?: WebSocketConstructor;
  /** Delay before the first reconnect; doubles per failed attempt up to `maxDelayMs`. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

export const LOST_CONNECTION_MESSAGE = 'Lost connection to MediaNest; retrying…';

const SOCKET_OPEN = 1;

interface PendingInvoke {
  readonly frame: string;
  sent: boolean;
  readonly resolve: (result: InvokeResult) => void;
}

interface Subscription {
  readonly listener: (payload: unknown) => void;
}

const lostConnection = (): InvokeResult => ({ ok: false, error: { code: 'INTERNAL', message: LOST_CONNECTION_MESSAGE } });

export const UNREADABLE_ANSWER_MESSAGE = 'MediaNest sent an answer this page cannot read; reload the page.';

/** The id of a result message that failed the protocol's schema, when it has a usable one. */
function unreadableResultId(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'result') return null;
  const id = MessageIdSchema.safeParse((json as { id?: unknown }).id);
  return id.success ? id.data : null;
}

export class WsTransport implements ContractTransport, ConnectionSource {
  readonly #url: string;
  readonly #WebSocketImpl: WebSocketConstructor;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;

  #socket: WebSocketLike | null = null;
  #state: ConnectionState = 'connecting';
  #failedAttempts = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  #nextId = 1;
  readonly #pending = new Map<number, PendingInvoke>();
  readonly #subscriptions = new Map<string, Set<Subscription>>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(options: WsTransportOptions) {
    this.#url = options.url;
    this.#WebSocketImpl = options.WebSocket ?? WebSocket;
    this.#initialDelayMs = options.initialDelayMs ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 10_000;
  }

  get connectionState(): ConnectionState {
    return this.#state;
  }

  /** Opens the first socket. Kept out of the constructor so creating a transport never touches the network. */
  connect(): void {
    if (this.#disposed || this.#socket) return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = new this.#WebSocketImpl(this.#url);
    } catch {
      // A malformed URL or a blocked port throws synchronously; treat it like a refused connection.
      this.#handleClose();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      this.#failedAttempts = 0;
      for (const channel of this.#subscriptions.keys()) this.#send({ type: 'subscribe', channel });
      for (const invoke of this.#pending.values()) {
        if (!invoke.sent) {
          socket.send(invoke.frame);
          invoke.sent = true;
        }
      }
      this.#setState('connected');
    };
    socket.onmessage = (event) => {
      if (socket === this.#socket) this.#handleMessage(event.data);
    };
    socket.onclose = () => {
      if (socket === this.#socket) this.#handleClose();
    };
    // Every error is followed by a close, which is where recovery happens.
    socket.onerror = null;
  }

  /** Stops reconnecting and fails whatever is still waiting. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'closing');
    this.#failPending();
    this.#setState('offline');
  }

  watchConnection(listener: (state: ConnectionState) => void): () => void {
    this.#stateListeners.add(listener);
    listener(this.#state);
    return () => {
      this.#stateListeners.delete(listener);
    };
  }

  invoke(channel: string, payload: unknown): Promise<InvokeResult> {
    // While waiting out a backoff there is no socket to queue behind: say so at once instead
    // of leaving a button spinning for up to `maxDelayMs`.
    if (this.#disposed || this.#state === 'offline') return Promise.resolve(lostConnection());
    const id = this.#nextId++;
    let frame: string;
    try {
      frame = JSON.stringify({ type: 'invoke', id, channel, payload } satisfies ClientMessage);
    } catch {
      return Promise.resolve({ ok: false, error: { code: 'INVALID_PAYLOAD', message: `${channel}: the payload cannot be sent as JSON.` } });
    }
    return new Promise((resolve) => {
      const invoke: PendingInvoke = { frame, sent: false, resolve };
      this.#pending.set(id, invoke);
      if (this.#socket?.readyState === SOCKET_OPEN) {
        this.#socket.send(frame);
        invoke.sent = true;
      }
    });
  }

  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    // One entry object per call, so subscribing the same function twice needs two unsubscribes.
    const subscription: Subscription = { listener };
    let set = this.#subscriptions.get(channel);
    if (!set) {
      set = new Set();
      this.#subscriptions.set(channel, set);
      this.#send({ type: 'subscribe', channel });
    }
    set.add(subscription);
    return () => {
      const current = this.#subscriptions.get(channel);
      if (!current?.delete(subscription) || current.size > 0) return;
      this.#subscriptions.delete(channel);
      this.#send({ type: 'unsubscribe', channel });
    };
  }

  #send(message: Extract<ClientMessage, { type: 'subscribe' | 'unsubscribe' }>): void {
    // When the socket is not open the message is not lost: subscriptions are replayed on open.
    if (this.#socket?.readyState === SOCKET_OPEN) this.#socket.send(JSON.stringify(message));
  }

  #handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) {
      // A result we cannot read still ends its invoke, rather than leaving a button spinning.
      const id = unreadableResultId(json);
      if (id !== null) this.#settle(id, { ok: false, error: { code: 'INTERNAL', message: UNREADABLE_ANSWER_MESSAGE } });
      return;
    }
    const message = parsed.data;
    if (message.type === 'result') {
      if (message.id !== null) this.#settle(message.id, message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
      return;
    }
    const set = this.#subscriptions.get(message.channel);
    if (!set) return;
    for (const { listener } of [...set]) {
      try {
        listener(message.payload);
      } catch (error) {
        // One broken listener must not starve the others; rethrow where devtools will see it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #settle(id: number, result: InvokeResult): void {
    const invoke = this.#pending.get(id);
    if (!invoke) return;
    this.#pending.delete(id);
    invoke.resolve(result);
  }

  #handleClose(): void {
    this.#socket = null;
    this.#failPending();
    if (this.#disposed) return;
    this.#setState('offline');
    // No jitter: a household has a handful of clients, so there is no herd to spread out.
    const delay = Math.min(this.#maxDelayMs, this.#initialDelayMs * 2 ** this.#failedAttempts);
    this.#failedAttempts += 1;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  #failPending(): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const invoke of waiting) invoke.resolve(lostConnection());
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }
}
