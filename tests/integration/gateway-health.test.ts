/**
 * The health monitor's real probes over HTTP against the fault server: what a
 * misbehaving connection (timeouts, resets, 5xx, refused) does to health. What
 * each service's probe proves is tested against the simulators (health-truth.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/contract/areas/settings';
import { type Db } from '../../electron/core/db/database';
import { openCacheDb } from '../../electron/core/db/databases';
import type { CoreEvents } from '../../electron/core/events/core-events';
import { createEventBus } from '../../electron/core/events/event-bus';
import { createIntegrationLayer, type IntegrationLayer } from '../../electron/core/integration';
import { serviceProbes } from '../../electron/core/service-probes';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { fault, startFaultServer, type FaultServer } from '../support/fault-server';

// Short, but with room for a loaded machine: a 5xx must not be read as a timeout.
const HEALTH_TIMEOUT_MS = 300;
const IDENTITY = { MediaContainer: { size: 0, claimed: true, machineIdentifier: 'abc', version: '1.41.3.9314-a0bfb8370' } };
const SECTIONS = { MediaContainer: { size: 0, Directory: [] } };

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
      probes: serviceProbes,
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

  beforeEach(() => {
    server.set('/identity', fault.ok(IDENTITY));
    server.set('/library/sections', fault.ok(SECTIONS));
  });

  it("reads Plex's identity without the token, then the sections with it", async () => {
    expect(await plex()).toMatchObject({ service: 'plex', status: 'healthy', error: null, uptime24h: 1 });
    expect(server.requestsTo('/identity').at(-1)!.headers['x-plex-token']).toBeUndefined();
    expect(server.requestsTo('/library/sections').at(-1)!.headers['x-plex-token']).toBe('probe-token');
  });

  it('does not follow a redirect, and calls it unhealthy', async () => {
    server.set('/identity', { kind: 'status', status: 302, body: {}, headers: { location: '/elsewhere' } });
    expect(await plex()).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Plex Media Server (it redirected to /elsewhere)' });
    expect(server.requestsTo('/elsewhere')).toHaveLength(0);
    expect(server.requestsTo('/library/sections')).toHaveLength(0);
  });

  it('reads 5xx and resets as degraded, 404 as unhealthy, on either step', async () => {
    server.set('/identity', fault.status(503));
    expect(await plex()).toMatchObject({ status: 'degraded', error: 'The address answered HTTP 503: Plex Media Server may be starting or overloaded' });
    server.set('/identity', fault.reset());
    expect(await plex()).toMatchObject({ status: 'degraded', error: `${new URL(server.url).host} closed the connection before answering` });
    server.set('/identity', fault.status(404));
    expect(await plex()).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Plex Media Server (it has nothing at /identity)' });
    server.set('/identity', fault.ok(IDENTITY));
    server.set('/library/sections', fault.status(500));
    expect(await plex()).toMatchObject({ status: 'degraded', error: 'Plex answered HTTP 500 while checking the token' });
    server.set('/library/sections', fault.reset());
    expect(await plex()).toMatchObject({ status: 'degraded', error: `${new URL(server.url).host} closed the connection before answering` });
  });

  it('times a hanging probe out as degraded and closes its socket', async () => {
    server.set('/identity', fault.hang());
    const started = Date.now();
    expect(await plex()).toMatchObject({ status: 'degraded', error: `No answer from ${new URL(server.url).host} within ${HEALTH_TIMEOUT_MS} ms` });
    expect(Date.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 200);
    await server.waitFor(() => server.abortedCount >= 1);
  });

  it('reads a refused connection as unhealthy', async () => {
    const closed = await startFaultServer();
    const url = closed.url;
    await closed.close();
    layer.registry.update(settingsFor(url));
    expect(await plex()).toMatchObject({ status: 'unhealthy', error: `Connection refused by ${new URL(url).host}` });
  });

  it('announces service:down after two failed probes and service:up after two good ones', async () => {
    server.set('/library/sections', fault.status(401));
    await plex();
    expect(events.filter((e) => e.event === 'service:down')).toHaveLength(0);
    await plex();
    expect(events.filter((e) => e.event === 'service:down').map((e) => e.payload)).toEqual([
      { upstream: 'plex', service: 'plex', at: expect.any(Number), error: 'Plex rejected the token: sign in again' },
    ]);
    server.set('/library/sections', fault.ok(SECTIONS));
    await plex();
    await plex();
    expect(events.filter((e) => e.event === 'service:up')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'health:changed').map((e) => (e.payload as { status: string }).status)).toEqual([
      'unhealthy',
      'healthy',
    ]);
  });

  it('applies a settings change from the bus and re-probes at once', async () => {
    const other = await startFaultServer();
    try {
      other.set('/identity', fault.ok(IDENTITY));
      other.set('/library/sections', fault.ok(SECTIONS));
      const settings = { ...defaultSettings(), services: settingsFor(other.url) };
      // A layer with its monitor running; it listens for settings:changed itself.
      const bus = createEventBus<CoreEvents>();
      const second = createIntegrationLayer({
        cacheDb: db,
        bus,
        logger: createSilentLogger(),
        getSecret: () => 'probe-token',
        probes: serviceProbes,
        services: settingsFor(server.url),
      });
      try {
        bus.emit('settings:changed', { ...settings, secrets: { 'plex.token': false, 'plex.accountToken': false, 'overseerr.apiKey': false, 'overseerr.webhookSecret': false, 'uptime-kuma.apiKey': false }, profile: 'default' });
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
