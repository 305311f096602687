import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpListenerHost, type HttpListenerHost } from '../../hosting/http-listeners';
import { createHealthFeature } from './health-feature';

describe('health feature', () => {
  let host: HttpListenerHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('probes the upstreams of the service asked for, and hands out the gateway’s statistics', async () => {
    const health = { list: vi.fn(() => []), checkNow: vi.fn(async () => []) };
    const stats = vi.fn(() => []);
    const feature = createHealthFeature({ health, stats, getSecret: () => undefined });
    await feature.handlers['health:check-now']({ service: 'plex' });
    await feature.handlers['health:check-now']({});
    expect(health.checkNow.mock.calls).toEqual([['plex'], [undefined]]);
    feature.handlers['services:stats'](undefined);
    expect(stats).toHaveBeenCalledTimes(1);
  });

  it('tests with the saved secret when none was typed, and with the typed one when it was', async () => {
    const seen: (string | undefined)[] = [];
    host = createHttpListenerHost();
    const { port } = await host.listen({
      name: 'overseerr',
      host: '127.0.0.1',
      port: 0,
      handler: (req, res) => {
        seen.push(req.headers['x-api-key'] as string | undefined);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
    });
    const feature = createHealthFeature({
      health: { list: () => [], checkNow: async () => [] },
      stats: () => [],
      getSecret: (name) => (name === 'overseerr.apiKey' ? 'saved-key' : undefined),
    });
    const settings = { enabled: true, baseUrl: `http://127.0.0.1:${port}`, tuning: {} };
    await expect(feature.handlers['services:test']({ service: 'overseerr', settings })).resolves.toMatchObject({ ok: true });
    await feature.handlers['services:test']({ service: 'overseerr', settings, secret: 'typed-key' });
    expect(seen).toEqual(['saved-key', 'typed-key']);
  });
});
