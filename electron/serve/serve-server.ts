/**
 * The serve-mode HTTP server: the renderer's files, `/binary/…` and the `/ws`
 * contract socket, on one port.
 *
 * Every request passes the same gates in the same order: a well-formed
 * origin-form target, the Host check (DNS rebinding), the token (when one is
 * required), then routing. WebSocket upgrades also pass the Origin check.
 * The policies themselves live in request-guards.ts and serve-auth.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Core } from '../core/create-core';
import { BINARY_PREFIX, serveBinary } from './binary-handler';
import { refuseUpgrade, sendPlain } from './http-replies';
import { isHostHeaderAllowed, isLoopbackHost, isOriginAllowed } from './request-guards';
import { createServeAuth } from './serve-auth';
import { formatServeUrl } from './serve-url';
import { createStaticFileHandler } from './static-files';
import { createWsTransport } from './ws-transport';

export const DEFAULT_SERVE_HOST = '127.0.0.1';
export const DEFAULT_SERVE_PORT = 5573;
export const WS_PATH = '/ws';

/** Tokens we accept from callers: long enough to resist guessing, and cookie/URL-safe without escaping. */
const ACCEPTABLE_TOKEN = /^[A-Za-z0-9_-]{32,256}$/;

export type ServeCore = Pick<Core, 'dispatch' | 'events' | 'binary' | 'logger'>;

export interface ServeServerOptions {
  readonly core: ServeCore;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** Default 127.0.0.1. Anything that is not loopback requires `token`. */
  readonly host?: string;
  /** Default 5573; 0 picks a free port. */
  readonly port?: number;
  /** When set, every HTTP request and WebSocket needs it (cookie or `?token=`), on any bind. */
  readonly token?: string;
  readonly heartbeatMs?: number;
  readonly maxMessageBytes?: number;
}

export interface ServeServer {
  readonly host: string;
  readonly port: number;
  /** The base URL, without the token. */
  readonly url: string;
  readonly tokenRequired: boolean;
  readonly clientCount: number;
  /** Closes every socket and connection; the core is the caller's to dispose. Safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown before anything listens when the options would expose MediaNest unsafely. */
export class ServeConfigError extends Error {
  override readonly name = 'ServeConfigError';
}

/** The request target split at `?`, untouched: URL parsing would resolve `..` and hide traversal attempts. */
function splitTarget(target: string): { rawPath: string; url: URL } | null {
  // Origin-form only: `//host/x` or absolute-form targets could otherwise be read as another host.
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  try {
    return { rawPath, url: new URL(`http://localhost${target}`) };
  } catch {
    return null;
  }
}

/** Starts the serve-mode server; refuses (throws) a non-loopback bind without a token, before anything listens. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const host = options.host?.trim() || DEFAULT_SERVE_HOST;
  const port = options.port ?? DEFAULT_SERVE_PORT;
  const { core, token } = options;
  const loopback = isLoopbackHost(host);
  if (token !== undefined && !ACCEPTABLE_TOKEN.test(token)) {
    throw new ServeConfigError('The serve token must be 32 to 256 URL-safe characters; use generateServeToken().');
  }
  if (!loopback && token === undefined) {
    throw new ServeConfigError(
      `Refusing to listen on ${host} without a token: anyone on that network could control MediaNest. Pass a token (the CLI does this for you) or bind 127.0.0.1.`,
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ServeConfigError(`Invalid port: ${port}`);

  const auth = createServeAuth(token);
  const staticFiles = createStaticFileHandler(options.rendererDir);
  const transport = createWsTransport({
    core,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
  });

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = splitTarget(req.url ?? '');
    if (!target) return sendPlain(res, 400, 'Bad request');
    if (!isHostHeaderAllowed(req.headers.host, loopback)) return sendPlain(res, 403, 'This address is not allowed. Open MediaNest through the address it printed.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendPlain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const decision = auth.checkHttp(target.url, req.headers.cookie);
    if (decision.kind === 'deny') return sendPlain(res, decision.status, decision.message);
    if (decision.kind === 'redirect') return sendPlain(res, 303, 'Redirecting', { Location: decision.location, 'Set-Cookie': decision.setCookie });
    if (target.rawPath === WS_PATH) return sendPlain(res, 426, 'This address only speaks WebSocket.', { Upgrade: 'websocket' });
    if (target.rawPath.startsWith(BINARY_PREFIX)) return serveBinary(core.binary, target.rawPath.slice(BINARY_PREFIX.length), req, res, core.logger);
    return staticFiles(req, res, target.rawPath);
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const target = splitTarget(req.url ?? '');
    if (!target || target.rawPath !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found');
    if (!isHostHeaderAllowed(req.headers.host, loopback)) return refuseUpgrade(socket, 403, 'This address is not allowed.');
    if (!isOriginAllowed(req.headers.origin, req.headers.host, loopback)) {
      core.logger.warn('refused a WebSocket from another origin');
      return refuseUpgrade(socket, 403, 'WebSocket connections from other sites are not allowed.');
    }
    if (!auth.checkUpgrade(target.url, req.headers.cookie)) return refuseUpgrade(socket, 401, 'This MediaNest server needs its token.');
    transport.handleUpgrade(req, socket, head);
  };

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      core.logger.error({ err: error }, 'serve request failed');
      if (!res.headersSent) sendPlain(res, 500, 'Something went wrong inside MediaNest.');
      else res.destroy();
    });
  });
  server.on('upgrade', handleUpgrade);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await transport.close();
    throw error;
  }
  server.on('error', (error) => core.logger.error({ err: error }, 'serve server error'));

  const boundPort = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    host,
    port: boundPort,
    url: formatServeUrl(host, boundPort),
    tokenRequired: auth.required,
    get clientCount() {
      return transport.clientCount;
    },
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await transport.close();
        server.closeAllConnections();
        await closed;
      })();
      return stopping;
    },
  };
}
