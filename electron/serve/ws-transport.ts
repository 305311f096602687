/**
 * The contract over WebSocket: what the preload bridge is for Electron, this
 * is for a browser. Invokes go through `core.dispatch` (the same validation
 * as IPC); events reach a socket only for the channels it subscribed to, at
 * the contract's bounded rate.
 *
 * Upgrades arrive here already checked (path, Host, Origin, token) by the
 * HTTP server. What one socket can hold is bounded: frames over the size limit
 * are refused from their header before they are read, invokes past the
 * in-flight limit are answered BUSY at once, dead peers are dropped by a
 * ping/pong heartbeat and slow readers when their unsent backlog grows past a
 * limit.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { AppError } from '../../shared/contract/errors';
import { isEventChannel, type EventChannel } from '../../shared/contract/events';
import type { Core } from '../core/create-core';
import type { RefusalLog } from '../core/logging/refusal-log';
import { forwardEvents } from '../core/transport/event-forwarder';
import { DEFAULT_MAX_IN_FLIGHT, createInFlightLimit } from '../core/transport/in-flight-limit';
import { MAX_MESSAGE_BYTES, parseClientMessage } from './ws-messages';
import { type ServerMessage } from '../../shared/contract/ws-protocol';

export type WsCore = Pick<Core, 'dispatch' | 'events' | 'logger'>;

export interface WsTransportOptions {
  readonly core: WsCore;
  /** Frames over this size close the socket (1009) unread; default 1 MiB. */
  readonly maxMessageBytes?: number;
  /** Invokes one socket may have in flight; past it they are answered BUSY. Default 32. */
  readonly maxInFlight?: number;
  /** Where refused frames and BUSY answers are counted. */
  readonly refusals?: Pick<RefusalLog, 'note'>;
  /** Ping interval; a socket that has not answered the previous ping is dropped. Default 30 s. */
  readonly heartbeatMs?: number;
  /** Unsent bytes a socket may accumulate before it is dropped. Default 16 MiB. */
  readonly maxBufferedBytes?: number;
}

export interface WsTransport {
  /** Completes a handshake that the caller has already authorised. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  /** Closes every socket (1001) and stops the heartbeat; resolves when they are gone. */
  close(): Promise<void>;
}

interface SocketState {
  alive: boolean;
  readonly inFlight: ReturnType<typeof createInFlightLimit>;
  readonly subscriptions: Set<EventChannel>;
  dispose(): void;
}

/** Close code for "the server is going away" (RFC 6455). */
const GOING_AWAY = 1001;
const CLOSE_GRACE_MS = 1000;

/** Creates the `/ws` transport for one core; the HTTP server hands it authorised upgrades. */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const { core } = options;
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // ws checks this against the frame header and closes (1009) before buffering the payload.
    maxPayload: maxMessageBytes,
    // Compression would let a small frame inflate into a big one; the messages are small anyway.
    perMessageDeflate: false,
  });
  const sockets = new Map<WebSocket, SocketState>();
  let closing = false;

  const send = (ws: WebSocket, message: ServerMessage): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > maxBufferedBytes) {
      core.logger.warn('dropping a WebSocket client that is not reading its messages');
      ws.terminate();
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch {
      if (message.type !== 'result') return;
      text = JSON.stringify({ type: 'result', id: message.id, ok: false, error: new AppError('INTERNAL', 'The result could not be encoded.').toJSON() });
    }
    ws.send(text);
  };

  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const noteBusy = (): void => options.refusals?.note('busy', `answered BUSY to a WebSocket client with ${maxInFlight} requests already waiting`);

  const dispatch = async (channel: string, payload: unknown): Promise<Awaited<ReturnType<WsCore['dispatch']>>> => {
    try {
      return await core.dispatch(channel, payload);
    } catch (error) {
      // dispatch promises never to throw; this keeps a broken promise from killing the socket.
      core.logger.error({ err: error }, 'dispatch threw');
      return { ok: false, error: new AppError('INTERNAL', 'Something went wrong inside MediaNest. The details are in the log.').toJSON() };
    }
  };

  const onMessage = async (ws: WebSocket, state: SocketState, data: RawData, isBinary: boolean): Promise<void> => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const parsed = parseClientMessage(buffer, isBinary);
    if (!parsed.ok) {
      send(ws, { type: 'result', id: parsed.id, ok: false, error: parsed.error });
      return;
    }
    const message = parsed.message;
    if (message.type === 'invoke') {
      const outcome = await state.inFlight.run(() => dispatch(message.channel, message.payload));
      send(ws, outcome.ok ? { type: 'result', id: message.id, ok: true, result: outcome.result } : { type: 'result', id: message.id, ok: false, error: outcome.error });
      return;
    }
    if (!isEventChannel(message.channel)) {
      send(ws, { type: 'result', id: null, ok: false, error: new AppError('UNKNOWN_CHANNEL', `No such event: ${message.channel.slice(0, 80)}`).toJSON() });
      return;
    }
    if (message.type === 'subscribe') state.subscriptions.add(message.channel);
    else state.subscriptions.delete(message.channel);
  };

  const onConnection = (ws: WebSocket): void => {
    if (closing) {
      // The handshake finished after stop() began; this socket must not outlive the server.
      ws.terminate();
      return;
    }
    const subscriptions = new Set<EventChannel>();
    const forwarder = forwardEvents(core.events, (channel, payload) => {
      if (subscriptions.has(channel)) send(ws, { type: 'event', channel, payload });
    });
    const state: SocketState = { alive: true, inFlight: createInFlightLimit(maxInFlight, noteBusy), subscriptions, dispose: () => forwarder.dispose() };
    sockets.set(ws, state);
    ws.on('pong', () => {
      state.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      void onMessage(ws, state, data, isBinary);
    });
    ws.on('error', (error) => {
      // Protocol errors (oversized frame, bad opcode): ws closes the socket itself; count them and move on.
      const code = (error as { code?: unknown }).code;
      if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') options.refusals?.note('oversize', `closed a WebSocket that sent a frame over ${maxMessageBytes} bytes`);
      else core.logger.debug({ err: error }, 'WebSocket client error');
    });
    ws.on('close', () => {
      state.dispose();
      sockets.delete(ws);
    });
  };

  const heartbeat = setInterval(() => {
    for (const [ws, state] of sockets) {
      if (!state.alive) {
        ws.terminate();
        continue;
      }
      state.alive = false;
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head) {
      if (closing) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, onConnection);
    },
    get clientCount() {
      return sockets.size;
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      const open = [...sockets.keys()];
      await Promise.all(
        open.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
              ws.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              ws.close(GOING_AWAY, 'MediaNest is stopping');
            }),
        ),
      );
      // A socket whose 'close' we missed still has its forwarder; drop them all.
      for (const state of sockets.values()) state.dispose();
      sockets.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
