/**
 * `/binary/…` over real HTTP: routes served with their headers, streams,
 * traversal refused, and the core's work aborted when the client leaves.
 */
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SECRET, createFixtureRenderer, makeTempDir, removeDir, startServeHarness, type ServeHarness } from '../../tests/support/serve-harness';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('binary routes', () => {
  let fixtureDir: string;
  let harness: ServeHarness;
  const seen: string[][] = [];
  let aborted: Promise<void>;
  let markAborted: () => void;

  beforeAll(async () => {
    fixtureDir = await makeTempDir('medianest-fixture-');
    harness = await startServeHarness({ rendererDir: await createFixtureRenderer(fixtureDir) });
    aborted = new Promise((resolve) => (markAborted = resolve));
    harness.core.binary.register('posters', async (segments) => {
      seen.push([...segments]);
      if (segments[0] === 'stream') return { contentType: 'text/plain; charset=utf-8', body: Readable.from(['chunk-1 ', 'chunk-2']) };
      if (segments[0] === 'evil-type') return { contentType: 'text/html\r\nSet-Cookie: x=1', body: Buffer.from('<b>x</b>') };
      if (segments[0] === 'boom') throw new Error('decoder failed');
      return segments[0] === 'tt123' ? { contentType: 'image/png', body: PNG, maxAgeSeconds: 3600 } : null;
    });
    harness.core.binary.register('slow', (_segments, signal) => {
      // Never answers; only the client's disconnect ends it.
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          markAborted();
          reject(new Error('aborted'));
        });
      });
    });
  });
  afterAll(async () => {
    await harness.stop();
    await removeDir(fixtureDir);
  });

  it('serves a Buffer with its type, length, private cache and the security headers', async () => {
    const response = await harness.request('/binary/posters/tt123');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-length']).toBe(String(PNG.length));
    expect(response.headers['cache-control']).toBe('private, max-age=3600');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('streams a Readable body', async () => {
    const response = await harness.request('/binary/posters/stream');
    expect(response.status).toBe(200);
    expect(response.body).toBe('chunk-1 chunk-2');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 404 when nothing matches', async () => {
    expect((await harness.request('/binary/posters/unknown')).status).toBe(404);
    expect((await harness.request('/binary/nothing-here/x')).status).toBe(404);
    expect((await harness.request('/binary/')).status).toBe(404);
  });

  it.each(['/binary/../package.json', '/binary/posters/..%2f..%2fsecret.txt', '/binary/posters/%2e%2e', '/binary/posters/a%2fb', '/binary/%2e%2e/secret.txt', '/binary/posters/%zz'])(
    'refuses the traversal attempt %s',
    async (path) => {
      const before = seen.length;
      const response = await harness.request(path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain(FIXTURE_SECRET);
      expect(seen.length).toBe(before);
    },
  );

  it('replaces an unsafe content type instead of sending it', async () => {
    const response = await harness.request('/binary/posters/evil-type');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('answers 500 without details when a route throws', async () => {
    const response = await harness.request('/binary/posters/boom');
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('decoder failed');
  });

  it('aborts the route when the client goes away', async () => {
    const req = request({ host: '127.0.0.1', port: harness.port, path: '/binary/slow/x', headers: harness.auth });
    req.on('error', () => {});
    req.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    req.destroy();
    await expect(Promise.race([aborted.then(() => 'aborted'), new Promise((resolve) => setTimeout(() => resolve('timeout'), 3000))])).resolves.toBe('aborted');
  });
});
