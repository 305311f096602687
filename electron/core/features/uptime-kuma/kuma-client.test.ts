/**
 * The Kuma client through the real integration layer (gateway, monitoring
 * bulkhead) against the status-page simulator on 127.0.0.1, for each version's shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/contract/areas/settings';
import { isAppError } from '../../../../shared/contract/errors';
import type { Db } from '../../db/database';
import { openCacheDb } from '../../db/databases';
import type { CoreEvents } from '../../events/core-events';
import { createEventBus } from '../../events/event-bus';
import { createIntegrationLayer, type IntegrationLayer } from '../../integration';
import { createSilentLogger } from '../../logging/logger';
import { serviceProbes } from '../../service-probes';
import { createKumaClient, type KumaClient } from './kuma-client';
import type { KumaVersion } from './kuma-status-page-replies';
import { createUptimeKumaSimulator, type UptimeKumaSimulator } from './uptime-kuma-simulator';
import type { ScriptedMonitor } from './kuma-monitor-script';

const API_KEY = 'uk1_test-key';
const monitors: ScriptedMonitor[] = [
  { id: 1, name: 'Plex', group: 'Media', url: 'http://plex.lan/', script: { kind: 'steady', state: 'up' } },
  { id: 2, name: 'NAS', group: 'Storage', type: 'ping', hostname: '192.0.2.20', script: { kind: 'steady', state: 'down' } },
  { id: 3, name: 'Backup', group: 'Storage', script: { kind: 'steady', state: 'maintenance' } },
  { id: 4, name: 'Future', group: 'Storage', script: { kind: 'steady', state: 9 } },
  { id: 5, name: 'Hidden', group: null, script: { kind: 'steady', state: 'pending' } },
];

interface Setup {
  client: KumaClient;
  kuma: UptimeKumaSimulator;
  requests: () => { path: string; bypass: string | undefined }[];
}

describe('Uptime Kuma client', () => {
  let kuma: UptimeKumaSimulator | undefined;
  let db: Db;
  let layer: IntegrationLayer;

  let clock = Date.now();
  const setup = async (version: KumaVersion, secret: string | undefined = API_KEY, basePath = ''): Promise<Setup> => {
    clock = Date.now();
    kuma = await createUptimeKumaSimulator({ version, monitors, statusPageSlug: 'homelab', apiKey: API_KEY, now: () => clock });
    db = openCacheDb(':memory:');
    layer = createIntegrationLayer({
      cacheDb: db,
      bus: createEventBus<CoreEvents>(),
      logger: createSilentLogger(),
      getSecret: (name) => (name === 'uptime-kuma.apiKey' ? secret : undefined),
      services: { ...defaultSettings().services, 'uptime-kuma': { ...defaultSettings().services['uptime-kuma'], enabled: true, baseUrl: `${kuma.url}${basePath}`, tuning: { retry: { retries: 0 } } } },
      probes: serviceProbes,
      startHealth: false,
    });
    const simulator = kuma;
    const requests = () => simulator.control.requests.map((r) => ({ path: r.path, bypass: r.headers['x-apicache-bypass'] as string | undefined }));
    return { client: createKumaClient({ gateway: layer.gateway }), kuma: simulator, requests };
  };

  afterEach(async () => {
    await layer?.dispose();
    db?.close();
    await kuma?.close();
    kuma = undefined;
  });

  const caught = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'resolved', (error: unknown) => error);

  it.each<[KumaVersion, number]>([
    ['1.23', 50],
    ['2.0', 100],
    ['2.5', 100],
  ])('reads a %s status page and its %i beats per monitor, asking past the server cache', async (version, beats) => {
    const { client, requests } = await setup(version);
    const page = await client.statusPage('homelab');
    expect(page.groups.map((g) => [g.name, g.monitors.map((m) => [m.id, m.name, m.url])])).toEqual([
      ['Media', [[1, 'Plex', 'http://plex.lan/']]],
      ['Storage', [[2, 'NAS', null], [3, 'Backup', null], [4, 'Future', null]]],
    ]);
    expect(page.maintenances).toHaveLength(1);
    const heartbeats = await client.heartbeats('homelab');
    expect(heartbeats.beats.get(1)).toHaveLength(beats);
    expect(heartbeats.beats.has(5)).toBe(false);
    expect(heartbeats.beats.get(2)!.at(-1)).toMatchObject({ status: 0, ping: null });
    expect(heartbeats.beats.get(3)!.at(-1)!.status).toBe(3);
    expect(heartbeats.beats.get(4)!.at(-1)!.status).toBe(9);
    const last = heartbeats.beats.get(1)!.at(-1)!;
    expect(Math.abs(last.at - Date.now())).toBeLessThan(25_000);
    expect(heartbeats.uptime24h.get(1)).toBe(1);
    expect(heartbeats.uptime24h.get(2)).toBe(0);
    expect(requests().map((r) => r.bypass)).toEqual(['1', '1']);
  });

  it('sees a change at once, where the server cache would still say up for a minute', async () => {
    const { client, kuma: sim } = await setup('2.5');
    const url = `${layer.registry.config('uptime-kuma').baseUrl}/api/status-page/heartbeat/homelab`;
    const lastOf = (body: unknown): number => (body as { heartbeatList: Record<string, { status: number }[]> }).heartbeatList['1']!.at(-1)!.status;
    expect(lastOf(await (await fetch(url)).json())).toBe(1); // now cached on the server
    expect((await client.heartbeats('homelab')).beats.get(1)!.at(-1)!.status).toBe(1);
    sim.control.setMonitorState(1, 'down');
    clock += 20_000; // the next beat
    expect(lastOf(await (await fetch(url)).json())).toBe(1);
    expect((await client.heartbeats('homelab')).beats.get(1)!.at(-1)!.status).toBe(0);
    clock += 60_000;
    expect(lastOf(await (await fetch(url)).json())).toBe(0);
  });

  it.each<KumaVersion>(['1.23', '2.5'])('reads incidents from the %s shape', async (version) => {
    const { client, kuma: sim } = await setup(version);
    expect((await client.statusPage('homelab')).incidents).toEqual([]);
    sim.control.setIncident({ title: 'Internet is out', content: 'The provider knows.' });
    expect((await client.statusPage('homelab')).incidents).toEqual([{ id: 1, style: 'warning', title: 'Internet is out', content: 'The provider knows.', at: clock }]);
  });

  it('says in words when the slug does not exist (404), and does not retry it', async () => {
    const { client, requests } = await setup('2.5');
    const error = await caught(client.statusPage('nope'));
    expect(isAppError(error) && error.code).toBe('NOT_FOUND');
    expect((error as Error).message).toBe('Uptime Kuma has no status page called "nope". Check the slug in Settings (it is the last part of the page\'s address).');
    expect(requests().filter((r) => r.path === '/api/status-page/nope')).toHaveLength(1);
    expect((await client.heartbeats('nope')).beats.size).toBe(0);
  });

  it('looks slugs up without case on 2.x, exactly on 1.23', async () => {
    expect((await (await setup('2.5')).client.statusPage('HomeLab')).slug).toBe('homelab');
    await layer.dispose();
    db.close();
    await kuma!.close();
    const old = await setup('1.23');
    expect(isAppError(await caught(old.client.statusPage('HomeLab')))).toBe(true);
  });

  it.each<[KumaVersion, (number | null)[]]>([
    ['1.23', [null, null, null, null, null]],
    ['2.5', [1, 2, 3, 4, 5]],
  ])('reads /metrics with the API key in the %s label set, monitors off the page included', async (version, ids) => {
    const { client } = await setup(version);
    const metrics = await client.metrics();
    expect(metrics.map((m) => m.id)).toEqual(ids);
    expect(metrics.map((m) => [m.name, m.status])).toEqual([
      ['Plex', 1],
      ['NAS', 0],
      ['Backup', 3],
      ['Future', 9],
      ['Hidden', 2],
    ]);
    expect(metrics[0]!.uptime1d).toBe(version === '1.23' ? null : 1);
    expect(metrics[1]).toMatchObject({ hostname: '192.0.2.20', responseTimeMs: null });
  });

  it('reports a wrong API key as rejected credentials (401)', async () => {
    const { client } = await setup('2.5', 'uk1_wrong');
    const error = await caught(client.metrics());
    expect(isAppError(error) && [error.code, error.status]).toEqual(['AUTH_FAILED', 401]);
  });

  it('refuses a web page where status data should be (Kuma answers its web app for unknown paths)', async () => {
    const { client } = await setup('2.5', API_KEY, '/kuma');
    for (const call of [client.heartbeats('homelab'), client.statusPage('homelab'), client.metrics()]) {
      const error = await caught(call);
      expect(isAppError(error) && error.code).toBe('INVALID_RESPONSE');
    }
  });
});
