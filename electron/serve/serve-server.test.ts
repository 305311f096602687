/**
 * The serve HTTP server over real sockets on 127.0.0.1: static files,
 * security headers, Host/Origin checks, the token flow and bind refusal.
 */
import { createServer, type Server } from 'node:net';
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
import { SERVE_COOKIE_NAME } from './serve-auth';
import { CONTENT_SECURITY_POLICY } from './security-headers';
import { ServeConfigError, startServeServer } from './serve-server';
import { generateServeToken } from './serve-token';

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

describe('serve server without a token (loopback)', () => {
  let harness: ServeHarness;
  beforeAll(async () => {
    harness = await startServeHarness({ rendererDir: fixtureRenderer() });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('serves index.html for / with the security headers and revalidation', async () => {
    const response = await rawRequest(harness.port, '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>MediaNest</title>');
    expectSecurityHeaders(response.headers);
    const again = await rawRequest(harness.port, '/', { headers: { 'If-None-Match': String(response.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets with their content type and a long cache', async () => {
    const js = await rawRequest(harness.port, '/assets/app-1a2b3c.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expectSecurityHeaders(js.headers);
    expect((await rawRequest(harness.port, '/assets/app-1a2b3c.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawRequest(harness.port, '/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers HEAD without a body', async () => {
    const response = await rawRequest(harness.port, '/', { method: 'HEAD' });
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
    const response = await rawRequest(harness.port, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(FIXTURE_SECRET);
    expectSecurityHeaders(response.headers);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await rawRequest(harness.port, '/', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('refuses Host headers that are not the loopback (DNS rebinding)', async () => {
    const rebound = await rawRequest(harness.port, '/', { headers: { Host: `rebind.evil.example:${harness.port}` } });
    expect(rebound.status).toBe(403);
    expectSecurityHeaders(rebound.headers);
    expect((await rawRequest(harness.port, '/', { headers: { Host: `localhost:${harness.port}` } })).status).toBe(200);
    await expect(connectWs(wsUrl(harness), { Host: `rebind.evil.example:${harness.port}`, Origin: `http://rebind.evil.example:${harness.port}` })).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('accepts a same-origin WebSocket', async () => {
    const client = await connectWs(wsUrl(harness), { Origin: `http://127.0.0.1:${harness.port}` });
    const info = await client.invoke('app:info');
    expect(info).toMatchObject({ ok: true, result: { mode: 'serve' } });
    await client.close();
  });

  it.each(['http://evil.example', `http://localhost:1`, 'null', 'https://127.0.0.1.evil.example'])('refuses a WebSocket from the foreign origin %s with 403', async (origin) => {
    await expect(connectWs(wsUrl(harness), { Origin: origin })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('accepts a WebSocket without Origin on loopback (a non-browser client)', async () => {
    const client = await connectWs(wsUrl(harness));
    expect((await client.invoke('app:info')).ok).toBe(true);
    await client.close();
  });

  it('refuses upgrades on other paths and plain GETs of /ws', async () => {
    await expect(connectWs(`ws://127.0.0.1:${harness.port}/other`)).rejects.toMatchObject({ statusCode: 404 });
    expect((await rawRequest(harness.port, '/ws')).status).toBe(426);
  });
});

describe('serve server with a token', () => {
  const token = generateServeToken();
  let harness: ServeHarness;
  beforeAll(async () => {
    harness = await startServeHarness({ rendererDir: fixtureRenderer(), token });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses HTTP without the token and with a wrong one', async () => {
    expect(harness.server.tokenRequired).toBe(true);
    const missing = await rawRequest(harness.port, '/');
    expect(missing.status).toBe(401);
    expectSecurityHeaders(missing.headers);
    expect((await rawRequest(harness.port, '/?token=wrong')).status).toBe(403);
    expect((await rawRequest(harness.port, '/', { headers: { Cookie: `${SERVE_COOKIE_NAME}=wrong` } })).status).toBe(401);
    expect((await rawRequest(harness.port, '/assets/app-1a2b3c.js')).status).toBe(401);
  });

  it('trades ?token= for a cookie, redirects without it, then serves with the cookie', async () => {
    const first = await rawRequest(harness.port, `/?token=${token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = first.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(cookie).toBe(`${SERVE_COOKIE_NAME}=${token}`);
    const page = await rawRequest(harness.port, '/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('MediaNest');
  });

  it('requires the token on WebSocket upgrades (cookie or ?token=)', async () => {
    const origin = `http://127.0.0.1:${harness.port}`;
    await expect(connectWs(wsUrl(harness), { Origin: origin })).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectWs(wsUrl(harness, '?token=wrong'), { Origin: origin })).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectWs(wsUrl(harness), { Origin: origin, Cookie: `${SERVE_COOKIE_NAME}=wrong` })).rejects.toMatchObject({ statusCode: 401 });
    const byCookie = await connectWs(wsUrl(harness), { Origin: origin, Cookie: `${SERVE_COOKIE_NAME}=${token}` });
    expect((await byCookie.invoke('app:info')).ok).toBe(true);
    await byCookie.close();
    const byQuery = await connectWs(wsUrl(harness, `?token=${token}`), { Origin: origin });
    expect((await byQuery.invoke('app:info')).ok).toBe(true);
    await byQuery.close();
  });

  it('still refuses a foreign origin that has the token', async () => {
    await expect(connectWs(wsUrl(harness, `?token=${token}`), { Origin: 'http://evil.example' })).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('bind safety', () => {
  const core = { dispatch: async () => ({ ok: true as const, result: null }), events: { subscribe: () => () => {} }, binary: { resolve: async () => null, register: () => () => {} }, logger: undefined as never };

  it('refuses a non-loopback bind without a token and leaves nothing listening', async () => {
    const port = await freePort();
    await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host: '0.0.0.0', port })).rejects.toThrow(ServeConfigError);
    await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host: '0.0.0.0', port })).rejects.toThrow(/without a token/);
    await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host: '192.168.1.20', port })).rejects.toThrow(ServeConfigError);
    await expect(startServeServer({ core, rendererDir: fixtureRenderer(), host: '::', port })).rejects.toThrow(ServeConfigError);
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
