import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBinaryRoutes } from '../core/binary/binary-routes';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveRendererFile } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './window-security';

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'medianest-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MediaNest</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'a b.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function handler(resolveBinary = createBinaryRoutes().resolve) {
  return createAppProtocolHandler({ rendererDir, resolveBinary });
}

const get = (url: string, init?: RequestInit) => handler()(new Request(url, init));

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers medianest as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'medianest', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('createAppProtocolHandler: renderer files', () => {
  it('serves index.html for / with the CSP and a content type', async () => {
    const response = await get('medianest://app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>MediaNest</title>');
  });

  it('serves assets with their MIME type, decoding the path', async () => {
    const js = await get('medianest://app/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    const css = await get('medianest://app/assets/a%20b.css?v=1#x');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers client-side routes with the app shell but a missing asset with 404', async () => {
    expect(await (await get('medianest://app/settings/services')).text()).toContain('MediaNest');
    expect((await get('medianest://app/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'medianest://app/..%2Fsecret.txt',
    'medianest://app/%2e%2e/secret.txt',
    'medianest://app/assets/..%2F..%2Fsecret.txt',
    'medianest://app/..%5Csecret.txt',
    'medianest://app/%00index.html',
    'medianest://app/%E0%A4%A',
  ])('never leaves the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it.each(['medianest://evil/index.html', 'medianest://app.evil/index.html', 'medianest://app@evil/index.html', 'medianest://app:1/index.html'])(
    'refuses other hosts: %s',
    async (url) => {
      // Node's Request refuses URLs with credentials; Electron hands over whatever the renderer asked for.
      const request = { url, method: 'GET' } as unknown as Request;
      expect((await handler()(request)).status).toBe(404);
    },
  );

  it('only answers GET and HEAD', async () => {
    expect((await get('medianest://app/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('medianest://app/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('resolveRendererFile', () => {
  it('maps paths inside the root and refuses the root itself and anything outside', () => {
    expect(resolveRendererFile('/r', '/')).toBe(join('/r', 'index.html'));
    expect(resolveRendererFile('/r', '/a/../b.js')).toBe(join('/r', 'b.js'));
    expect(resolveRendererFile('/r', '/../x')).toBe(join('/r', 'x'));
    expect(resolveRendererFile('/r', '/%2e%2e/%2e%2e/x')).toBe(join('/r', 'x'));
    expect(resolveRendererFile('/r', '/a/%2e%2e')).toBeNull();
    expect(resolveRendererFile('/r', '/a\\..\\..\\x')).toBeNull();
  });
});

describe('createAppProtocolHandler: binary routes', () => {
  it('serves a registered route (Buffer and stream bodies) with caching headers', async () => {
    const routes = createBinaryRoutes();
    routes.register('poster', async (segments) =>
      segments[0] === 'stream'
        ? { contentType: 'image/png', body: Readable.from([Buffer.from('chunk1'), Buffer.from('chunk2')]) }
        : { contentType: 'image/jpeg', body: Buffer.from(`poster ${segments.join('|')}`), maxAgeSeconds: 3600 },
    );
    const handle = handler(routes.resolve);
    const buffered = await handle(new Request('medianest://app/binary/poster/plex/12%2034'));
    expect(buffered.status).toBe(200);
    expect(buffered.headers.get('content-type')).toBe('image/jpeg');
    expect(buffered.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(buffered.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await buffered.text()).toBe('poster plex|12 34');

    const streamed = await handle(new Request('medianest://app/binary/poster/stream'));
    expect(streamed.headers.get('cache-control')).toBe('no-store');
    expect(await streamed.text()).toBe('chunk1chunk2');
  });

  it('is 404 for unknown routes and traversal, 502 when a route fails', async () => {
    const routes = createBinaryRoutes();
    routes.register('boom', async () => {
      throw new Error('upstream down');
    });
    const logger = { warn: vi.fn() };
    const handle = createAppProtocolHandler({ rendererDir, resolveBinary: routes.resolve, logger });
    expect((await handle(new Request('medianest://app/binary/nothing/1'))).status).toBe(404);
    expect((await handle(new Request('medianest://app/binary/boom/..'))).status).toBe(404);
    expect((await handle(new Request('medianest://app/binary/boom/1'))).status).toBe(502);
    expect(logger.warn).toHaveBeenCalled();
  });

  it('aborts the route when the request is aborted', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const handle = handler(async (_path, signal) => {
      seen = signal;
      controller.abort();
      return null;
    });
    await handle(new Request('medianest://app/binary/x/1', { signal: controller.signal }));
    expect(seen?.aborted).toBe(true);
  });
});
