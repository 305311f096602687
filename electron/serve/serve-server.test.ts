/**
 * The serve HTTP server over real sockets on 127.0.0.1: static files,
 * security headers, Host/Origin checks, the token on every bind and the
 * configuration refusals.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_SECRET,
  connectWs,
  rawRequest,
  startServeHarness,
  useFixtureRenderer,
  wsUrl,
  type ServeHarness,
} from '../../tests/support/serve-harness';
import { createSilentLogger } from '../core/logging/logger';
import { SERVE_COOKIE_NAME } from './serve-auth';
import { CONTENT_SECURITY_POLICY } from './security-headers';
import { DEFAULT_SERVE_LIMITS, ServeConfigError, startServeServer, type ServeCore } from './serve-server';
import { generateServeToken } from './serve-token';
import { TOKEN_PAGE_CSP } from './token-page';

const fixtureRenderer = useFixtureRenderer();

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('serve server on loopback, with the token', () => {
  let harness: ServeHarness;
  beforeAll(async () => {
    harness = await startServeHarness({ rendererDir: fixtureRenderer() });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('serves index.html for / with the security headers and revalidation', async () => {
    const response = await harness.request('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>MediaNest</title>');
    expectSecurityHeaders(response.headers);
    const again = await harness.request('/', { headers: { 'If-None-Match': String(response.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets with their content type and a long cache', async () => {
    const js = await harness.request('/assets/app-1a2b3c.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expectSecurityHeaders(js.headers);
    expect((await harness.request('/assets/app-1a2b3c.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await harness.request('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers HEAD without a body', async () => {
    const response = await harness.request('/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
  });

  it.each([
    '/../secret.txt',
    '/../../package.json',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/package.json',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/..%5c..%5csecret.txt',
    '/link-out.txt',
    '/.env',
    '/assets/',
    '/%00',
    '/%zz',
    '//etc/passwd',
  ])('refuses the traversal attempt %s', async (path) => {
    const response = await harness.request(path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(FIXTURE_SECRET);
    expectSecurityHeaders(response.headers);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await harness.request('/', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('refuses Host headers that are not the loopback (DNS rebinding)', async () => {
    const rebound = await harness.request('/', { headers: { Host: `rebind.evil.example:${harness.port}` } });
    expect(rebound.status).toBe(403);
    expectSecurityHeaders(rebound.headers);
    expect((await harness.request('/', { headers: { Host: `localhost:${harness.port}` } })).status).toBe(200);
    await expect(harness.connect({ Host: `rebind.evil.example:${harness.port}`, Origin: `http://rebind.evil.example:${harness.port}` })).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('accepts a same-origin WebSocket', async () => {
    const client = await harness.connect({ Origin: `http://127.0.0.1:${harness.port}` });
    const info = await client.invoke('app:info');
    expect(info).toMatchObject({ ok: true, result: { mode: 'serve' } });
    await client.close();
  });

  it.each(['http://evil.example', `http://localhost:1`, 'null', 'https://127.0.0.1.evil.example'])('refuses a WebSocket from the foreign origin %s with 403', async (origin) => {
    await expect(harness.connect({ Origin: origin })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('accepts a WebSocket without Origin (a non-browser client) that sends the token', async () => {
    const client = await harness.connect();
    expect((await client.invoke('app:info')).ok).toBe(true);
    await client.close();
  });

  it('refuses upgrades on other paths and plain GETs of /ws', async () => {
    await expect(connectWs(`ws://127.0.0.1:${harness.port}/other`, harness.auth)).rejects.toMatchObject({ statusCode: 404 });
    expect((await harness.request('/ws')).status).toBe(426);
  });
});

describe('the token on every bind (loopback here)', () => {
  const token = generateServeToken();
  let harness: ServeHarness;
  beforeAll(async () => {
    harness = await startServeHarness({ rendererDir: fixtureRenderer(), token });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses HTTP without the token and with a wrong one, on loopback', async () => {
    const missing = await rawRequest(harness.port, '/');
    expect(missing.status).toBe(401);
    expectSecurityHeaders(missing.headers);
    expect(missing.body).toMatch(/needs its token/);
    expect((await rawRequest(harness.port, '/?token=wrong')).status).toBe(403);
    expect((await rawRequest(harness.port, '/', { headers: { Cookie: `${SERVE_COOKIE_NAME}=wrong` } })).status).toBe(401);
    expect((await rawRequest(harness.port, '/assets/app-1a2b3c.js')).status).toBe(401);
    expect((await rawRequest(harness.port, '/binary/posters/x')).status).toBe(401);
  });

  it('lets a non-browser client in with the token in a header, and refuses a wrong one', async () => {
    expect((await rawRequest(harness.port, '/', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await rawRequest(harness.port, '/', { headers: { 'X-MediaNest-Token': token } })).status).toBe(200);
    expect((await rawRequest(harness.port, '/', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await rawRequest(harness.port, '/', { headers: { Authorization: `Basic ${token}` } })).status).toBe(403);
    // A wrong header is not rescued by a right cookie: the client said which credential it meant.
    expect((await rawRequest(harness.port, '/', { headers: { 'X-MediaNest-Token': 'wrong', Cookie: `${SERVE_COOKIE_NAME}=${token}` } })).status).toBe(403);
  });

  it('shows a browser a styled page that says what the link needs and where to find it', async () => {
    const page = await rawRequest(harness.port, '/', { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(TOKEN_PAGE_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('<h1>This link needs its token</h1>');
    expect(page.body).toMatch(/MediaNest is running at/);
    expect(page.body).toContain('name="viewport"');
    expect(page.body).not.toContain(token);
    const wrong = await rawRequest(harness.port, '/?token=wrong', { headers: { Accept: 'text/html' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('<h1>This token is not valid</h1>');
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie on a page that moves on without it', async () => {
    const first = await rawRequest(harness.port, `/?token=${token}&view=1`);
    expect(first.status).toBe(200);
    expect(first.headers['content-security-policy']).toBe(TOKEN_PAGE_CSP);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toContain('<meta http-equiv="refresh" content="0; url=/?view=1">');
    const setCookie = first.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(cookie).toBe(`${SERVE_COOKIE_NAME}=${token}`);
    const page = await rawRequest(harness.port, '/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>MediaNest</title>');
  });

  it('requires the token on WebSocket upgrades, by cookie or header, never in the URL', async () => {
    const origin = `http://127.0.0.1:${harness.port}`;
    await expect(connectWs(wsUrl(harness), { Origin: origin })).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectWs(wsUrl(harness))).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectWs(wsUrl(harness, `?token=${token}`), { Origin: origin })).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectWs(wsUrl(harness), { Origin: origin, Cookie: `${SERVE_COOKIE_NAME}=wrong` })).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectWs(wsUrl(harness), { Authorization: 'Bearer wrong' })).rejects.toMatchObject({ statusCode: 403 });
    const byCookie = await connectWs(wsUrl(harness), { Origin: origin, Cookie: `${SERVE_COOKIE_NAME}=${token}` });
    expect((await byCookie.invoke('app:info')).ok).toBe(true);
    await byCookie.close();
    const byHeader = await connectWs(wsUrl(harness), { 'X-MediaNest-Token': token });
    expect((await byHeader.invoke('app:info')).ok).toBe(true);
    await byHeader.close();
  });

  it('still refuses a foreign origin that has the token', async () => {
    await expect(connectWs(wsUrl(harness), { Origin: 'http://evil.example', Cookie: `${SERVE_COOKIE_NAME}=${token}` })).rejects.toMatchObject({ statusCode: 403 });
  });
});

/** A logger that keeps its warn lines, for the refusal counts. */
function recordingCore(): { core: ServeCore; warnings: string[] } {
  const warnings: string[] = [];
  const logger = createSilentLogger();
  logger.warn = ((object: unknown, message?: string) => void warnings.push(typeof object === 'string' ? object : (message ?? ''))) as never;
  const core: ServeCore = {
    dispatch: async () => ({ ok: true as const, result: null }),
    events: { subscribe: () => () => {} },
    binary: { resolve: async () => null, register: () => () => {} } as never,
    logger,
  };
  return { core, warnings };
}

/** Opens a TCP connection and resolves with how long the server took to close it. */
function timeUntilClosed(port: number, send: string): Promise<{ ms: number; reply: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(send));
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ ms: Date.now() - started, reply }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open for 5 s'));
    }, 5000).unref();
  });
}

describe('bounds', () => {
  it('drops a request whose headers never finish within the headers timeout', async () => {
    const { core } = recordingCore();
    const server = await startServeServer({ core, rendererDir: fixtureRenderer(), port: 0, token: generateServeToken(), limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    try {
      const half = await timeUntilClosed(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `);
      expect(half.ms).toBeLessThan(1500);
      expect(half.reply).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await server.stop();
    }
  });

  it('has defaults of seconds, not minutes', () => {
    expect(DEFAULT_SERVE_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_SERVE_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(15_000);
  });

  it('caps open connections and logs the drops once with a count', async () => {
    const { core, warnings } = recordingCore();
    const server = await startServeServer({ core, rendererDir: fixtureRenderer(), port: 0, token: generateServeToken(), limits: { maxConnections: 3 } });
    const sockets: Socket[] = [];
    try {
      const opened = async (): Promise<Socket> => {
        const socket = connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        sockets.push(socket);
        await new Promise((resolve) => socket.once('connect', resolve));
        return socket;
      };
      for (let i = 0; i < 3; i += 1) await opened();
      const closedAtOnce = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const extra = await opened();
          return new Promise<boolean>((resolve) => {
            extra.once('close', () => resolve(true));
            setTimeout(() => resolve(false), 1000).unref();
          });
        }),
      );
      expect(closedAtOnce).toEqual([true, true, true, true, true]);
      expect(warnings.filter((line) => line.includes('dropped new connections'))).toEqual(['dropped new connections: 3 were already open']);
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.stop();
    }
    // stop() sums up what the window held back.
    expect(warnings.filter((line) => line.includes('dropped new connections'))).toEqual(['dropped new connections: 3 were already open', expect.stringMatching(/: 4 more in the last \d+ s$/)]);
  });

  it('logs a flood of refused tokens, hosts and origins as one line per kind', async () => {
    const { core, warnings } = recordingCore();
    const token = generateServeToken();
    const server = await startServeServer({ core, rendererDir: fixtureRenderer(), port: 0, token });
    try {
      for (let i = 0; i < 40; i += 1) {
        await rawRequest(server.port, '/');
        await rawRequest(server.port, '/', { headers: { Host: 'rebind.evil.example' } });
        await connectWs(wsUrl(server), { Origin: 'http://evil.example' }).catch(() => undefined);
      }
      expect(warnings).toEqual(['refused requests without the token', expect.stringMatching(/naming another host/), 'refused WebSockets from another site']);
    } finally {
      await server.stop();
    }
    expect(warnings.slice(3).sort()).toEqual([
      expect.stringMatching(/^refused WebSockets from another site: 39 more in the last/),
      expect.stringMatching(/^refused requests naming another host.*: 39 more in the last/),
      expect.stringMatching(/^refused requests without the token: 39 more in the last/),
    ]);
  });
});

describe('configuration', () => {
  const { core } = recordingCore();

  it('refuses to start without a token, on any bind, and leaves nothing listening', async () => {
    const port = await freePort();
    for (const host of ['127.0.0.1', '0.0.0.0', '::']) {
      await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host, port, token: undefined as unknown as string })).rejects.toThrow(ServeConfigError);
    }
    await expect(rawRequest(port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses weak tokens', async () => {
    await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host: '127.0.0.1', port: 0, token: 'short' })).rejects.toThrow(ServeConfigError);
    await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host: '127.0.0.1', port: 0, token: `${'a'.repeat(40)};x` })).rejects.toThrow(ServeConfigError);
  });

  it('reports a busy port as EADDRINUSE', async () => {
    const harness = await startServeHarness({ rendererDir: fixtureRenderer() });
    try {
      await expect(startServeHarness({ rendererDir: fixtureRenderer(), port: harness.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await harness.stop();
    }
  });
});
