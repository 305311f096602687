/**
 * The serve-mode HTTP server: the renderer's files, `/binary/…` and the `/ws`
 * contract socket, on one port.
 *
 * Every request passes the same gates in the same order: a well-formed
 * origin-form target, the Host check (DNS rebinding), the token (on every
 * bind), then routing. WebSocket upgrades also pass the Origin check. The
 * policies themselves live in request-guards.ts and serve-auth.ts.
 *
 * What a client can hold is bounded: a connection that has not sent its
 * headers within seconds is dropped, the number of open connections is
 * capped, and the WebSocket transport bounds frames and in-flight invokes.
 * Refusals are logged once per kind per minute with a count, so a flood of
 * them cannot flood the log.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Core } from '../core/create-core';
import { createRefusalLog } from '../core/logging/refusal-log';
import { BINARY_PREFIX, serveBinary } from './binary-handler';
import { refuseUpgrade, sendHtmlPage, sendPlain } from './http-replies';
import { isHostHeaderAllowed, isLoopbackHost, isOriginAllowed } from './request-guards';
import { createServeAuth, type AuthRefusal } from './serve-auth';
import { formatServeUrl } from './serve-url';
import { createStaticFileHandler } from './static-files';
import { TOKEN_PAGE_CSP, renderTokenPage } from './token-page';
import { createWsTransport } from './ws-transport';

export const DEFAULT_SERVE_HOST = '127.0.0.1';
export const DEFAULT_SERVE_PORT = 5573;
export const WS_PATH = '/ws';

/** Tokens we accept from callers: long enough to resist guessing, and cookie/URL-safe without escaping. */
const ACCEPTABLE_TOKEN = /^[A-Za-z0-9_-]{32,256}$/;

export type ServeCore = Pick<Core, 'dispatch' | 'events' | 'binary' | 'logger'>;

/** How much one client may hold; the defaults suit a household (a few browsers and phones). */
export interface ServeLimits {
  /** A request's headers must arrive within this; default 5 s. */
  readonly headersTimeoutMs?: number;
  /** The whole request (GET/HEAD only, so no body) must arrive within this; default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Open connections, WebSockets included; more are dropped on arrival. Default 128. */
  readonly maxConnections?: number;
  /** Invokes one WebSocket may have in flight; default 32. */
  readonly maxInFlightPerSocket?: number;
  /** Refusals of one kind within this are logged as one line with a count; default one minute. */
  readonly refusalWindowMs?: number;
}

export const DEFAULT_SERVE_LIMITS = {
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  maxConnections: 128,
  maxInFlightPerSocket: 32,
  refusalWindowMs: 60_000,
} as const satisfies Required<ServeLimits>;

export interface ServeServerOptions {
  readonly core: ServeCore;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 5573; 0 picks a free port. */
  readonly port?: number;
  /** Every HTTP request and WebSocket needs it (cookie or header), on every bind. */
  readonly token: string;
  readonly heartbeatMs?: number;
  readonly maxMessageBytes?: number;
  readonly limits?: ServeLimits;
}

export interface ServeServer {
  readonly host: string;
  readonly port: number;
  /** The base URL, without the token. */
  readonly url: string;
  /** The link to open in a browser: the base URL with `?token=…`. */
  readonly link: string;
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

/** Plain-text words for a refused token, for clients that did not ask for a page. */
const REFUSAL_TEXT: Readonly<Record<AuthRefusal, string>> = {
  missing: 'This MediaNest server needs its token: open the link it printed when it started (it ends with ?token=…), or send the token in an Authorization: Bearer header.',
  invalid: 'This MediaNest token is not valid. Open the link MediaNest printed when it started.',
};

/** Browsers ask for text/html when they navigate; scripts and asset loads do not. */
function wantsPage(headers: IncomingHttpHeaders): boolean {
  return (headers.accept ?? '').includes('text/html');
}

/** Starts the serve-mode server; refuses (throws) a weak token or a bad port before anything listens. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const host = options.host?.trim() || DEFAULT_SERVE_HOST;
  const port = options.port ?? DEFAULT_SERVE_PORT;
  const { core, token } = options;
  const loopback = isLoopbackHost(host);
  const limits = { ...DEFAULT_SERVE_LIMITS, ...options.limits };
  if (typeof token !== 'string' || !ACCEPTABLE_TOKEN.test(token)) {
    throw new ServeConfigError('The serve token must be 32 to 256 URL-safe characters; use loadOrCreateServeToken() or generateServeToken().');
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ServeConfigError(`Invalid port: ${port}`);

  const auth = createServeAuth(token);
  const refusals = createRefusalLog({ logger: core.logger, windowMs: limits.refusalWindowMs });
  const staticFiles = createStaticFileHandler(options.rendererDir);
  const transport = createWsTransport({
    core,
    refusals,
    maxInFlight: limits.maxInFlightPerSocket,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
  });

  const refuseHost = (): void => refusals.note('host', 'refused requests naming another host (only this computer’s loopback names are served here)');
  const refuseToken = (reason: AuthRefusal): void => refusals.note(`token-${reason}`, reason === 'missing' ? 'refused requests without the token' : 'refused requests with a wrong token');

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = splitTarget(req.url ?? '');
    if (!target) return sendPlain(res, 400, 'Bad request');
    if (!isHostHeaderAllowed(req.headers.host, loopback)) {
      refuseHost();
      return sendPlain(res, 403, 'This address is not allowed. Open MediaNest through the address it printed.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendPlain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const decision = auth.checkHttp(target.url, req.headers);
    if (decision.kind === 'deny') {
      refuseToken(decision.reason);
      const status = decision.reason === 'missing' ? 401 : 403;
      if (wantsPage(req.headers)) return sendHtmlPage(res, status, renderTokenPage(decision.reason), TOKEN_PAGE_CSP);
      return sendPlain(res, status, REFUSAL_TEXT[decision.reason]);
    }
    if (decision.kind === 'exchange') {
      return sendHtmlPage(res, 200, renderTokenPage('signing-in', decision.location), TOKEN_PAGE_CSP, { 'Set-Cookie': decision.setCookie });
    }
    if (target.rawPath === WS_PATH) return sendPlain(res, 426, 'This address only speaks WebSocket.', { Upgrade: 'websocket' });
    if (target.rawPath.startsWith(BINARY_PREFIX)) return serveBinary(core.binary, target.rawPath.slice(BINARY_PREFIX.length), req, res, core.logger);
    return staticFiles(req, res, target.rawPath);
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const target = splitTarget(req.url ?? '');
    if (!target || target.rawPath !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found');
    if (!isHostHeaderAllowed(req.headers.host, loopback)) {
      refuseHost();
      return refuseUpgrade(socket, 403, 'This address is not allowed.');
    }
    if (!isOriginAllowed(req.headers.origin, req.headers.host)) {
      refusals.note('origin', 'refused WebSockets from another site');
      return refuseUpgrade(socket, 403, 'WebSocket connections from other sites are not allowed.');
    }
    const refusal = auth.checkUpgrade(req.headers);
    if (refusal !== undefined) {
      refuseToken(refusal);
      return refuseUpgrade(socket, refusal === 'missing' ? 401 : 403, REFUSAL_TEXT[refusal]);
    }
    transport.handleUpgrade(req, socket, head);
  };

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks those timeouts on this interval (30 s by default), which would let a half-sent request linger.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
    },
    (req, res) => {
      handleRequest(req, res).catch((error: unknown) => {
        core.logger.error({ err: error }, 'serve request failed');
        if (!res.headersSent) sendPlain(res, 500, 'Something went wrong inside MediaNest.');
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on('drop', () => refusals.note('connections', `dropped new connections: ${limits.maxConnections} were already open`));
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
    refusals.dispose();
    throw error;
  }
  server.on('error', (error) => core.logger.error({ err: error }, 'serve server error'));

  const boundPort = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    host,
    port: boundPort,
    url: formatServeUrl(host, boundPort),
    link: formatServeUrl(host, boundPort, token),
    get clientCount() {
      return transport.clientCount;
    },
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await transport.close();
        server.closeAllConnections();
        await closed;
        refusals.dispose();
      })();
      return stopping;
    },
  };
}
