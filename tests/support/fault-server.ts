/**
 * A local HTTP server that misbehaves on request, for integration tests of the
 * gateway and health monitor.
 *
 * Each route's behaviour is set at run time: ok, slow, hang, any status,
 * connection reset, 429/503 with Retry-After, malformed JSON, and flapping by
 * request count or by time. It records every request and counts those the
 * client gave up on ('close' before the response finished), which is how tests
 * see that a timeout really aborted the socket. Keep-alive is on, as with the
 * real services.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultBehaviour =
  | { readonly kind: 'ok'; readonly body?: unknown; readonly status?: number; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'slow'; readonly ms: number; readonly body?: unknown }
  | { readonly kind: 'hang' }
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'reset' }
  | { readonly kind: 'retry-after'; readonly status: number; readonly retryAfter: string }
  | { readonly kind: 'malformed' }
  /** By request count: step i answers the i-th request; then the last step sticks, or it starts over with `repeat`. */
  | { readonly kind: 'sequence'; readonly steps: readonly FaultBehaviour[]; readonly repeat?: boolean }
  /** By time: `up` for `upMs`, `down` for `downMs`, repeating from when the route was set. */
  | { readonly kind: 'flap'; readonly upMs: number; readonly downMs: number; readonly up: FaultBehaviour; readonly down: FaultBehaviour };

/** Shorthands for the behaviours. */
export const fault = {
  ok: (body: unknown = { ok: true }, status = 200): FaultBehaviour => ({ kind: 'ok', body, status }),
  slow: (ms: number, body: unknown = { ok: true }): FaultBehaviour => ({ kind: 'slow', ms, body }),
  hang: (): FaultBehaviour => ({ kind: 'hang' }),
  status: (status: number, body: unknown = { error: `HTTP ${status}` }): FaultBehaviour => ({ kind: 'status', status, body }),
  reset: (): FaultBehaviour => ({ kind: 'reset' }),
  retryAfter: (retryAfter: string | number, status = 429): FaultBehaviour => ({ kind: 'retry-after', status, retryAfter: String(retryAfter) }),
  malformed: (): FaultBehaviour => ({ kind: 'malformed' }),
  sequence: (steps: readonly FaultBehaviour[], repeat = false): FaultBehaviour => ({ kind: 'sequence', steps, repeat }),
  flap: (upMs: number, downMs: number, up: FaultBehaviour, down: FaultBehaviour): FaultBehaviour => ({ kind: 'flap', upMs, downMs, up, down }),
};

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly at: number;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  set(path: string, behaviour: FaultBehaviour): void;
  /** For paths without a route (default: 404). */
  setDefault(behaviour: FaultBehaviour): void;
  readonly requests: readonly RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** Requests whose client closed the connection before the response finished. */
  readonly abortedCount: number;
  /** TCP connections accepted so far (keep-alive keeps this below the request count). */
  readonly connectionCount: number;
  /** Resolves once `predicate()` holds; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets recorded requests and counters (routes stay). */
  clearRecords(): void;
  close(): Promise<void>;
}

interface Route {
  readonly behaviour: FaultBehaviour;
  readonly since: number;
  hits: number;
}

function resolve(behaviour: FaultBehaviour, route: Route, hit: number): FaultBehaviour {
  if (behaviour.kind === 'sequence') {
    const { steps, repeat } = behaviour;
    if (steps.length === 0) return { kind: 'ok' };
    const index = repeat ? hit % steps.length : Math.min(hit, steps.length - 1);
    return resolve(steps[index]!, route, hit);
  }
  if (behaviour.kind === 'flap') {
    const phase = (Date.now() - route.since) % (behaviour.upMs + behaviour.downMs);
    return resolve(phase < behaviour.upMs ? behaviour.up : behaviour.down, route, hit);
  }
  return behaviour;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startFaultServer(): Promise<FaultServer> {
  const routes = new Map<string, Route>();
  let fallback: Route = { behaviour: { kind: 'status', status: 404, body: { error: 'no route' } }, since: Date.now(), hits: 0 };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let aborted = 0;
  let connections = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, at: Date.now() });
    const route = routes.get(path) ?? fallback;
    const behaviour = resolve(route.behaviour, route, route.hits++);
    let resetByUs = false;
    res.on('close', () => {
      if (!res.writableFinished && !resetByUs) aborted++;
    });
    // Drain the request body so keep-alive can reuse the socket.
    req.resume();

    switch (behaviour.kind) {
      case 'ok':
        return sendJson(res, behaviour.status ?? 200, behaviour.body ?? { ok: true }, behaviour.headers);
      case 'status':
        return sendJson(res, behaviour.status, behaviour.body ?? { error: `HTTP ${behaviour.status}` }, behaviour.headers);
      case 'retry-after':
        return sendJson(res, behaviour.status, { error: 'slow down' }, { 'retry-after': behaviour.retryAfter });
      case 'malformed': {
        const text = '{"ok": tru';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      case 'reset':
        resetByUs = true;
        req.socket.destroy();
        return;
      case 'hang':
        return; // Never answers; close() or the client ends it.
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) sendJson(res, 200, behaviour.body ?? { ok: true });
        }, behaviour.ms);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'sequence':
      case 'flap':
        return; // resolve() never returns these.
    }
  };

  const server = createServer({ keepAlive: true }, handle);
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    set(path, behaviour) {
      routes.set(path, { behaviour, since: Date.now(), hits: 0 });
    },
    setDefault(behaviour) {
      fallback = { behaviour, since: Date.now(), hits: 0 };
    },
    get requests() {
      return requests;
    },
    requestsTo: (path) => requests.filter((request) => request.path === path),
    get abortedCount() {
      return aborted;
    },
    get connectionCount() {
      return connections;
    },
    waitFor(predicate, timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise<void>((done, fail) => {
        const check = (): void => {
          if (predicate()) return done();
          if (Date.now() > deadline) return fail(new Error(`fault server: condition not met within ${timeoutMs} ms`));
          setTimeout(check, 5);
        };
        check();
      });
    },
    clearRecords() {
      requests.length = 0;
      aborted = 0;
      connections = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
