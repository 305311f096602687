import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultSettings, type Settings } from '../../../shared/contract/areas/settings';
import { resolveServiceConfig } from './service-config';
import { createServiceRegistry, type ServiceRegistry } from './service-registry';

function services(patch: Partial<Settings['services']> = {}): Settings['services'] {
  return { ...defaultSettings().services, ...patch };
}

const plexOn = { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://plex.local:32400', tuning: {} };

describe('resolveServiceConfig', () => {
  it('applies the design’s defaults', () => {
    const plex = resolveServiceConfig('plex', plexOn);
    expect(plex).toMatchObject({
      timeoutMs: 5_000,
      retry: { retries: 2, minDelayMs: 1_000, maxDelayMs: 30_000, jitterMs: 1_000 },
      breaker: { timeoutMs: 3_000, errorThresholdPercentage: 50, resetTimeoutMs: 30_000, rollingWindowMs: 10_000, buckets: 10, volumeThreshold: 10 },
      bulkhead: { concurrency: 5 },
      health: { intervalMs: 30_000, probesToChange: 2 },
      auth: { secret: 'plex.token', style: 'header', header: 'X-Plex-Token' },
      headers: { Accept: 'application/json' },
    });
    const overseerr = resolveServiceConfig('overseerr', defaultSettings().services.overseerr);
    expect(overseerr).toMatchObject({
      timeoutMs: 10_000,
      retry: { retries: 3, minDelayMs: 2_000 },
      breaker: { timeoutMs: 5_000, errorThresholdPercentage: 30 },
      auth: { secret: 'overseerr.apiKey', header: 'X-Api-Key' },
    });
    const kuma = resolveServiceConfig('uptime-kuma', defaultSettings().services['uptime-kuma']);
    expect(kuma).toMatchObject({
      bulkhead: { concurrency: 3 },
      health: { intervalMs: 30_000 },
      auth: { secret: 'uptime-kuma.apiKey', style: 'basic-password' },
    });
  });

  it('merges tuning field by field over the defaults and trims a trailing slash', () => {
    const config = resolveServiceConfig('plex', {
      enabled: true,
      baseUrl: 'http://plex.local:32400/',
      tuning: { retry: { retries: 5 }, breaker: { volumeThreshold: 20 } },
    });
    expect(config.baseUrl).toBe('http://plex.local:32400');
    expect(config.retry).toEqual({ retries: 5, minDelayMs: 1_000, maxDelayMs: 30_000, jitterMs: 1_000 });
    expect(config.breaker.volumeThreshold).toBe(20);
    expect(config.breaker.errorThresholdPercentage).toBe(50);
  });

  it('keeps an attempt inside its call: a breaker timeout above the call budget is cut to it', () => {
    const config = resolveServiceConfig('plex', { ...plexOn, tuning: { timeoutMs: 2_000, breaker: { timeoutMs: 9_000 } } });
    expect(config.breaker.timeoutMs).toBe(2_000);
  });

  it('lets the minimum win when maxDelay is below minDelay', () => {
    const config = resolveServiceConfig('plex', { ...plexOn, tuning: { retry: { minDelayMs: 5_000, maxDelayMs: 100 } } });
    expect(config.retry.maxDelayMs).toBe(5_000);
  });

  it('rejects out-of-range values with INVALID_PAYLOAD naming the field', () => {
    const attempt = (): unknown => resolveServiceConfig('plex', { ...plexOn, tuning: { timeoutMs: 5 } });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/timeoutMs/);
  });
});

describe('createServiceRegistry', () => {
  let registry: ServiceRegistry;
  afterEach(() => registry.dispose());

  it('builds clients only for enabled services with an address', () => {
    registry = createServiceRegistry({
      services: services({ plex: plexOn, overseerr: { enabled: true, baseUrl: '', tuning: {} } }),
      getSecret: () => undefined,
    });
    expect(registry.client('plex')).toBeDefined();
    expect(registry.client('overseerr')).toBeUndefined();
    expect(registry.client('uptime-kuma')).toBeUndefined();
    expect(registry.configs().map((c) => [c.name, c.service])).toEqual([
      ['plex', 'plex'],
      ['plex-tv', 'plex'],
      ['overseerr', 'overseerr'],
      ['uptime-kuma', 'uptime-kuma'],
    ]);
    expect(registry.client('plex-tv')).toBeDefined();
  });

  it('rebuilds only changed services, disposing the old client', () => {
    registry = createServiceRegistry({ services: services({ plex: plexOn }), getSecret: () => undefined });
    const listener = vi.fn();
    registry.onDidChange(listener);
    const before = registry.client('plex')!;

    expect(registry.update(services({ plex: plexOn }))).toEqual([]);
    expect(registry.client('plex')).toBe(before);

    const changed = registry.update(
      services({ plex: { ...plexOn, tuning: { timeoutMs: 2_000 } }, overseerr: { enabled: true, baseUrl: 'http://o:5055', tuning: {} } }),
    );
    expect(changed).toEqual(['plex', 'overseerr']);
    expect(listener).toHaveBeenCalledWith(['plex', 'overseerr']);
    expect(before.lifetime.aborted).toBe(true);
    expect(registry.client('plex')).not.toBe(before);
    expect(registry.client('plex')!.config.timeoutMs).toBe(2_000);
    expect(registry.client('overseerr')).toBeDefined();
  });

  it('carries an open breaker over when the address stays, not when it changes', async () => {
    registry = createServiceRegistry({
      services: services({ plex: { ...plexOn, tuning: { breaker: { volumeThreshold: 1 } } } }),
      getSecret: () => undefined,
    });
    await registry
      .client('plex')!
      .breaker.execute(async () => Promise.reject(new AppError('UPSTREAM_UNREACHABLE', 'down', { service: 'plex' })))
      .catch(() => undefined);
    expect(registry.client('plex')!.breaker.state).toBe('open');

    registry.update(services({ plex: { ...plexOn, tuning: { breaker: { volumeThreshold: 1 }, timeoutMs: 3_000 } } }));
    expect(registry.client('plex')!.breaker.state).toBe('open');

    registry.update(services({ plex: { ...plexOn, baseUrl: 'http://other:32400', tuning: { breaker: { volumeThreshold: 1 } } } }));
    expect(registry.client('plex')!.breaker.state).toBe('closed');
  });

  it('validates every service before changing any', () => {
    registry = createServiceRegistry({ services: services({ plex: plexOn }), getSecret: () => undefined });
    const before = registry.client('plex');
    expect(() =>
      registry.update(services({ plex: { ...plexOn, tuning: { timeoutMs: 2_000 } }, overseerr: { enabled: true, baseUrl: 'x', tuning: {} } })),
    ).toThrow(AppError);
    expect(registry.client('plex')).toBe(before);
  });

  it('dispose ends every client', () => {
    registry = createServiceRegistry({ services: services({ plex: plexOn }), getSecret: () => undefined });
    const client = registry.client('plex')!;
    registry.dispose();
    expect(client.lifetime.aborted).toBe(true);
  });
});
