import { describe, expect, it, vi } from 'vitest';
import { createBinaryRoutes } from './binary-routes';

const signal = new AbortController().signal;

describe('binary routes', () => {
  it('routes by first segment and passes decoded identifier segments', async () => {
    const routes = createBinaryRoutes();
    const handler = vi.fn(async () => ({ contentType: 'image/jpeg', body: Buffer.from('jpg') }));
    routes.register('poster', handler);
    expect(await routes.resolve('poster/12%2034/300', signal)).toMatchObject({ contentType: 'image/jpeg' });
    expect(handler).toHaveBeenCalledWith(['12 34', '300'], signal);
  });

  it('answers null for unknown routes and for anything that could walk directories', async () => {
    const routes = createBinaryRoutes();
    const handler = vi.fn(async () => ({ contentType: 'text/plain', body: Buffer.from('x') }));
    routes.register('poster', handler);
    for (const path of ['nope/1', 'poster/..', 'poster/%2e%2e', 'poster/a%2Fb', 'poster//x', 'poster/%E0%A4%A', 'poster/a%00']) {
      expect(await routes.resolve(path, signal)).toBeNull();
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses bad or duplicate route names and unregisters', async () => {
    const routes = createBinaryRoutes();
    expect(() => routes.register('../x', vi.fn())).toThrow();
    const off = routes.register('thumb', vi.fn(async () => null));
    expect(() => routes.register('thumb', vi.fn())).toThrow('already registered');
    off();
    expect(() => routes.register('thumb', vi.fn())).not.toThrow();
  });
});
