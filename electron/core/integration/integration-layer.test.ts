import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, type PublicSettings, type Settings } from '../../../shared/contract/areas/settings';
import { type Db } from '../db/database';
import { openCacheDb } from '../db/databases';
import type { CoreEvents } from '../events/core-events';
import { createEventBus } from '../events/event-bus';
import { createSilentLogger } from '../logging/logger';
import { passed, type ProbeOutcome } from '../health/probe-outcome';
import { createIntegrationLayer, type IntegrationLayer } from './integration-layer';

const toFake = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;

function services(patch: Partial<Settings['services']> = {}): Settings['services'] {
  return {
    ...defaultSettings().services,
    plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://plex.local:32400', tuning: {} },
    'uptime-kuma': { ...defaultSettings().services['uptime-kuma'], enabled: true, baseUrl: 'http://kuma.local:3001', tuning: {} },
    ...patch,
  };
}

function publicSettings(value: Settings['services']): PublicSettings {
  return {
    ...defaultSettings(),
    services: value,
    secrets: { 'plex.token': true, 'plex.accountToken': false, 'overseerr.apiKey': false, 'overseerr.webhookSecret': false, 'uptime-kuma.apiKey': false },
    profile: 'default',
  };
}

describe('createIntegrationLayer', () => {
  let db: Db;
  let bus: ReturnType<typeof createEventBus<CoreEvents>>;
  let layer: IntegrationLayer;
  const probe = vi.fn(async (): Promise<ProbeOutcome> => ({ address: passed('Answers', 200), credential: passed('Accepted', 200) }));

  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...toFake] });
    db = openCacheDb(':memory:');
    bus = createEventBus<CoreEvents>();
    probe.mockClear();
    layer = createIntegrationLayer({ cacheDb: db, bus, logger: createSilentLogger(), getSecret: () => 'x', services: services(), probes: () => probe });
  });
  afterEach(async () => {
    await layer.dispose();
    db.close();
    vi.useRealTimers();
  });

  it('starts the monitor and wires registry, gateway and health together', async () => {
    await vi.advanceTimersByTimeAsync(0);
    // Plex's server and plex.tv, and Uptime Kuma; Overseerr is off.
    expect(probe).toHaveBeenCalledTimes(3);
    expect(layer.health.list().map((h) => [h.upstream, h.status])).toEqual([
      ['plex', 'healthy'],
      ['plex-tv', 'healthy'],
      ['overseerr', 'unknown'],
      ['uptime-kuma', 'healthy'],
    ]);
    await expect(layer.gateway.call('plex', 'x', async () => 1)).resolves.toMatchObject({ value: 1 });
    expect(layer.gateway.stats('plex').calls).toBe(1);
  });

  it('applies settings:changed from the bus and re-probes changed services', async () => {
    await vi.advanceTimersByTimeAsync(0);
    bus.emit('settings:changed', publicSettings(services({ overseerr: { enabled: true, baseUrl: 'http://o.local:5055', tuning: {} } })));
    expect(layer.registry.client('overseerr')).toBeDefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(layer.health.get('overseerr').status).toBe('healthy');
    bus.emit('settings:changed', publicSettings(services({ plex: { accountUrl: 'http://127.0.0.1:9', enabled: false, baseUrl: 'http://plex.local:32400', tuning: {} } })));
    expect(layer.health.get('plex')).toMatchObject({ status: 'unknown', enabled: false });
    await expect(layer.gateway.call('plex', 'x', async () => 1)).rejects.toMatchObject({ code: 'SERVICE_DISABLED' });
  });

  it('ignores settings it cannot apply, keeping the old ones', () => {
    const before = layer.registry.client('plex');
    bus.emit('settings:changed', publicSettings(services({ plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://p', tuning: { timeoutMs: 1 } } })));
    expect(layer.registry.client('plex')).toBe(before);
  });

  it('holds a full bulkhead of waiting calls without a listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const calls = Array.from({ length: 40 }, () => layer.gateway.call('plex', 'x', () => new Promise(() => undefined)).catch(() => undefined));
      await new Promise((resolve) => process.nextTick(resolve));
      await layer.dispose();
      await Promise.all(calls);
      await new Promise((resolve) => process.nextTick(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('dispose stops every timer, interval, queue and in-flight call', async () => {
    await vi.advanceTimersByTimeAsync(0);
    const hanging = layer.gateway.call('plex', 'x', () => new Promise(() => undefined)).catch((error: unknown) => error);
    const queued = Array.from({ length: 8 }, () => layer.gateway.call('plex', 'x', () => new Promise(() => undefined)).catch((error: unknown) => error));
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await layer.dispose();
    expect(await hanging).toMatchObject({ code: 'CANCELLED' });
    for (const outcome of await Promise.all(queued)) expect(outcome).toMatchObject({ code: 'CANCELLED' });
    expect(vi.getTimerCount()).toBe(0);
    expect(bus.listenerCount('settings:changed')).toBe(0);
  });
});
