import { describe, expect, it, vi } from 'vitest';
import type { ServiceTestQueue } from '../../health/service-test-queue';
import { createHealthFeature } from './health-feature';

const noHealth = { list: () => [], checkNow: async () => [] };

describe('health feature', () => {
  it('probes the upstreams of the service asked for, and hands out the gateway’s statistics', async () => {
    const health = { list: vi.fn(() => []), checkNow: vi.fn(async () => []) };
    const stats = vi.fn(() => []);
    const feature = createHealthFeature({ health, stats, getSecret: () => undefined, savedSettings: () => ({ enabled: false, baseUrl: '', tuning: {} }), tests: { run: vi.fn() } });
    await feature.handlers['health:check-now']({ service: 'plex' });
    await feature.handlers['health:check-now']({});
    expect(health.checkNow.mock.calls).toEqual([['plex'], [undefined]]);
    feature.handlers['services:stats'](undefined);
    expect(stats).toHaveBeenCalledTimes(1);
  });

  it('tests with the saved secret when none was typed (at its saved address only), and with the typed one when it was', async () => {
    const step = { result: 'passed' as const, message: 'ok' };
    const run = vi.fn<ServiceTestQueue['run']>(async (service) => ({
      service,
      ok: true,
      status: 'healthy',
      responseTimeMs: 1,
      error: null,
      steps: { address: step, credential: step },
      httpStatus: 200,
      checkedAt: 0,
    }));
    const feature = createHealthFeature({
      health: noHealth,
      stats: () => [],
      getSecret: (name) => (name === 'overseerr.apiKey' ? 'saved-key' : undefined),
      savedSettings: () => ({ enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: {} }),
      tests: { run },
    });
    const settings = { enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: {} };
    const elsewhere = { ...settings, baseUrl: 'http://127.0.0.1:10' };
    await feature.handlers['services:test']({ service: 'overseerr', settings });
    await feature.handlers['services:test']({ service: 'overseerr', settings, secret: 'typed-key' });
    await feature.handlers['services:test']({ service: 'overseerr', settings: elsewhere });
    await feature.handlers['services:test']({ service: 'overseerr', settings: elsewhere, secret: 'typed-key' });
    expect(run.mock.calls.map(([, , secret]) => secret)).toEqual(['saved-key', 'typed-key', undefined, 'typed-key']);
  });
});
