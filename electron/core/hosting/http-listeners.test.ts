import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHttpListenerHost } from './http-listeners';

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('http listener host', () => {
  it('serves on a free port and refuses a second listener with the same name', async () => {
    const host = createHttpListenerHost();
    const listener = await host.listen({ name: 'webhook', host: '127.0.0.1', port: 0, handler: (_req, res) => res.end('hi') });
    expect(listener.port).toBeGreaterThan(0);
    expect(await get(listener.port)).toBe('hi');
    await expect(host.listen({ name: 'webhook', host: '127.0.0.1', port: 0, handler: () => {} })).rejects.toThrow('already running');
    await host.dispose();
  });

  it('dispose() closes listeners even with a keep-alive connection open', async () => {
    const host = createHttpListenerHost();
    const listener = await host.listen({ name: 'a', host: '127.0.0.1', port: 0, handler: () => {} /* never answers */ });
    const hanging = request({ host: '127.0.0.1', port: listener.port, path: '/' });
    hanging.on('error', () => {});
    hanging.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.dispose();
    expect(host.list()).toEqual([]);
    await expect(get(listener.port)).rejects.toThrow();
  });

  it('reports a port already in use as an error', async () => {
    const host = createHttpListenerHost();
    const first = await host.listen({ name: 'a', host: '127.0.0.1', port: 0, handler: () => {} });
    await expect(host.listen({ name: 'b', host: '127.0.0.1', port: first.port, handler: () => {} })).rejects.toThrow(/EADDRINUSE/);
    await host.dispose();
  });
});
