/**
 * The health monitor's real HTTP probe and `testService` against the fault server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/contract/areas/settings';
import { type Db } from '../../electron/core/db/database';
import { openCacheDb } from '../../electron/core/db/databases';
import type { CoreEvents } from '../../electron/core/events/core-events';
import { createEventBus } from '../../electron/core/events/event-bus';
import { createIntegrationLayer, testService, type IntegrationLayer } from '../../electron/core/integration';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { fault, startFaultServer, type FaultServer } from '../support/fault-server';

// Short, but with room for a loaded machine: a 5xx must not be read as a timeout.
const HEALTH_TIMEOUT_MS = 300;

function settingsFor(url: string): Settings['services'] {
  return {
    ...defaultSettings().services,
    plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: url, tuning: { health: { timeoutMs: HEALTH_TIMEOUT_MS, probesToChange: 2 } } },
  };
}

describe('health probes over HTTP', () => {
  let server: FaultServer;
  let db: Db;
  let layer: IntegrationLayer;
  let events: { event: keyof CoreEvents; payload: unknown }[];

  beforeEach(async () => {
    server = await startFaultServer();
    db = openCacheDb(':memory:');
    const bus = createEventBus<CoreEvents>();
    events = [];
    // Plex's server only: plex.tv points at a closed port here and has its own tests.
    bus.onAny((event, payload) => {
      if ((payload as { upstream?: string }).upstream !== 'plex-tv') events.push({ event, payload });
    });
    layer = createIntegrationLayer({
      cacheDb: db,
      bus,
      logger: createSilentLogger(),
      getSecret: (name) => (name === 'plex.token' ? 'probe-token' : undefined),
      services: settingsFor(server.url),
      // checkNow drives the probes here, so each test decides exactly what is probed.
      startHealth: false,
    });
  });
  afterEach(async () => {
    await layer.dispose();
    db.close();
    await server.close();
  });

  const plex = async (): Promise<unknown> => (await layer.health.checkNow('plex'))[0];

  it('probes the health path with the service auth and reads 2xx as healthy', async () => {
    server.set('/identity', fault.ok({ MediaContainer: { machineIdentifier: 'abc' } }));
    expect(await plex()).toMatchObject({ service: 'plex', status: 'healthy', error: null, uptime24h: 1 });
    const probe = server.requestsTo('/identity').at(-1)!;
    expect(probe.headers['x-plex-token']).toBe('probe-token');
  });

  it('counts a redirect as the service answering', async () => {
    server.set('/identity', { kind: 'status', status: 302, body: {}, headers: { location: '/elsewhere' } });
    expect(await plex()).toMatchObject({ status: 'healthy' });
    expect(server.requestsTo('/elsewhere')).toHaveLength(0);
  });

  it('reads 5xx and resets as degraded, 401 and 404 as unhealthy', async () => {
    server.set('/identity', fault.status(503));
    expect(await plex()).toMatchObject({ status: 'degraded', error: 'HTTP 503' });
    server.set('/identity', fault.reset());
    expect(await plex()).toMatchObject({ status: 'degraded', error: 'Connection dropped' });
    server.set('/identity', fault.status(401));
    expect(await plex()).toMatchObject({ status: 'unhealthy', error: 'Credentials rejected (HTTP 401)' });
    server.set('/identity', fault.status(404));
    expect(await plex()).toMatchObject({ status: 'unhealthy' });
  });

  it('times a hanging probe out as degraded and closes its socket', async () => {
    server.set('/identity', fault.hang());
    const started = Date.now();
    expect(await plex()).toMatchObject({ status: 'degraded', error: 'Did not answer in time' });
    expect(Date.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 200);
    await server.waitFor(() => server.abortedCount >= 1);
  });

  it('reads a refused connection as unhealthy', async () => {
    const closed = await startFaultServer();
    const url = closed.url;
    await closed.close();
    layer.registry.update(settingsFor(url));
    expect(await plex()).toMatchObject({ status: 'unhealthy', error: 'Connection refused' });
  });

  it('announces service:down after two failed probes and service:up after two good ones', async () => {
    server.set('/identity', fault.status(500));
    await plex();
    expect(events.filter((e) => e.event === 'service:down')).toHaveLength(0);
    await plex();
    expect(events.filter((e) => e.event === 'service:down').map((e) => e.payload)).toEqual([
      { upstream: 'plex', service: 'plex', at: expect.any(Number), error: 'HTTP 500' },
    ]);
    server.set('/identity', fault.ok());
    await plex();
    await plex();
    expect(events.filter((e) => e.event === 'service:up')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'health:changed').map((e) => (e.payload as { status: string }).status)).toEqual([
      'degraded',
      'healthy',
    ]);
  });

  it('applies a settings change from the bus and re-probes at once', async () => {
    const other = await startFaultServer();
    try {
      other.set('/identity', fault.ok());
      const settings = { ...defaultSettings(), services: settingsFor(other.url) };
      // A layer with its monitor running; it listens for settings:changed itself.
      const bus = createEventBus<CoreEvents>();
      const second = createIntegrationLayer({
        cacheDb: db,
        bus,
        logger: createSilentLogger(),
        getSecret: () => undefined,
        services: settingsFor(server.url),
      });
      try {
        bus.emit('settings:changed', { ...settings, secrets: { 'plex.token': false, 'overseerr.apiKey': false, 'uptime-kuma.apiKey': false }, profile: 'default' });
        expect(second.registry.config('plex').baseUrl).toBe(other.url);
        await other.waitFor(() => other.requestsTo('/identity').length >= 1);
        await other.waitFor(() => second.health.get('plex').status === 'healthy');
      } finally {
        await second.dispose();
      }
    } finally {
      await other.close();
    }
  });
});

describe('testService', () => {
  let server: FaultServer;
  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('probes unsaved settings with an unsaved secret and stores nothing', async () => {
    server.set('/api/v1/status', fault.ok({ version: '1.33.2' }));
    const result = await testService('overseerr', { enabled: false, baseUrl: server.url, tuning: {} }, 'new-key');
    expect(result).toMatchObject({ service: 'overseerr', ok: true, status: 'healthy', error: null, httpStatus: 200 });
    expect(server.requestsTo('/api/v1/status')[0]!.headers['x-api-key']).toBe('new-key');
  });

  it('reports a wrong key and a missing address in plain words', async () => {
    server.set('/api/entry-page', fault.status(401));
    await expect(testService('uptime-kuma', { enabled: true, baseUrl: server.url, tuning: {} }, 'bad')).resolves.toMatchObject({
      ok: false,
      status: 'unhealthy',
      error: 'Credentials rejected (HTTP 401)',
    });
    await expect(testService('plex', { enabled: true, baseUrl: '', tuning: {} })).resolves.toMatchObject({
      ok: false,
      error: 'No address set',
    });
  });
});
