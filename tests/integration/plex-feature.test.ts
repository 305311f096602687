/**
 * The Plex feature through a real core against the simulated plex.tv and
 * server: sign-in to a linked, synced library; one client identifier on every
 * request either simulator received, across a restart; no token in any
 * contract payload, event or log line; backup mode while Plex is down; one
 * `plex:auth-expired` for a rejected token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlexStatus } from '../../shared/contract/areas/plex';
import { createCore, type Core } from '../../electron/core/create-core';
import { startPlexSimPair, type PlexSimPair } from '../../electron/core/features/plex/simulator/plex-sim-pair';
import { createLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';

const until = async (check: () => boolean | Promise<boolean>, ms = 8_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the Plex feature in a core', () => {
  let sim: PlexSimPair;
  let dataDir: string;
  let logLines: string[];
  let seen: { channel: string; payload: unknown }[];
  let cores: Core[];
  beforeEach(async () => {
    sim = await startPlexSimPair({ pms: { sections: [{ key: '1', title: 'Movies', type: 'movie', size: 300 }, { key: '2', title: 'TV Shows', type: 'show', size: 50 }] } });
    dataDir = await mkdtemp(join(tmpdir(), 'medianest-plex-'));
    logLines = [];
    seen = [];
    cores = [];
  });
  afterEach(async () => {
    await Promise.all(cores.map((core) => core.dispose()));
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<Core> => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const core = await createCore(
      { dataDir, profile: 'default', mode: 'serve', version: '2.0.0', startHealth: false },
      { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createLogger({ level: 'debug', destination }) },
    );
    cores.push(core);
    core.events.subscribe((channel, payload) => seen.push({ channel, payload }));
    return core;
  };
  const call = async <T,>(core: Core, channel: string, payload?: unknown): Promise<T> => {
    const outcome = await core.dispatch(channel, payload);
    seen.push({ channel, payload: outcome });
    if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
    return outcome.result as T;
  };
  const status = (core: Core) => call<PlexStatus>(core, 'plex:status');

  const signIn = async (core: Core): Promise<string> => {
    await call(core, 'settings:update', { services: { plex: { accountUrl: sim.plexTvUrl } } });
    const started = await call<{ state: string; pinId: number; authUrl: string }>(core, 'plex:sign-in');
    expect(started, JSON.stringify(started)).toMatchObject({ state: 'waiting', authUrl: expect.stringContaining(`${sim.plexTvUrl}/auth#?`) });
    const token = sim.plexTv.control.claimPin(started.pinId);
    await until(async () => (await status(core)).server !== null);
    await until(async () => (await status(core)).itemCount === 350);
    return token;
  };

  it('signs in, links the server, syncs, and keeps both tokens out of payloads, events and logs', async () => {
    const core = await start();
    const accountToken = await signIn(core);
    const current = await status(core);
    expect(current).toMatchObject({ signedIn: true, username: 'household', online: true, server: { machineIdentifier: sim.pms.control.machineIdentifier, uri: sim.pmsUrl }, backup: { active: false } });
    expect(seen.some((event) => event.channel === 'plex:sync-progressed' && (event.payload as { state: string }).state === 'done')).toBe(true);
    const sections = await call<{ key: string; itemCount: number; locations: string[] }[]>(core, 'plex:sections');
    expect(sections.map((section) => [section.key, section.itemCount])).toEqual([['1', 300], ['2', 50]]);
    const page = await call<{ items: { ratingKey: string; poster: string }[]; total: number }>(core, 'plex:items', { sectionKey: '1', limit: 20, sort: 'added', descending: true });
    expect(page.total).toBe(300);
    const details = await call<{ media: { parts: { file: string }[] }[]; openInPlexUrl: string }>(core, 'plex:item', { ratingKey: page.items[0]!.ratingKey });
    expect(details.media[0]!.parts[0]!.file).toMatch(/^\/data\/Movies\//);
    expect(details.openInPlexUrl).toContain(encodeURIComponent(sim.pms.control.machineIdentifier));
    const servers = await call<{ connections: { latencyMs: number | null; ok: boolean }[] }[]>(core, 'plex:servers');
    expect(servers[0]!.connections.filter((connection) => connection.ok).every((connection) => typeof connection.latencyMs === 'number')).toBe(true);
    await call(core, 'settings:get');

    const everything = JSON.stringify(seen) + logLines.join('');
    expect(logLines.length).toBeGreaterThan(3);
    expect(everything).not.toContain(accountToken);
    expect(everything).not.toContain(sim.serverToken);
    // The tokens are where they belong, and each upstream gets its own.
    expect(core.secrets.get('plex.token')).toBe(sim.serverToken);
    expect(core.secrets.get('plex.accountToken')).toBe(accountToken);
    const tokensAt = (requests: readonly { token: string | undefined }[]) => new Set(requests.flatMap((request) => request.token ?? []));
    expect(tokensAt(sim.plexTv.control.requests)).toEqual(new Set([accountToken]));
    expect(tokensAt(sim.pms.control.requests)).toEqual(new Set([sim.serverToken]));
    // plex.tv's calls went through the gateway as its own upstream (PIN, polls, user, resources).
    expect(core.integration.gateway.stats('plex-tv').calls).toBeGreaterThanOrEqual(4);
  });

  it('sends one client identifier with every request to plex.tv and the server, the same after a restart', async () => {
    const first = await start();
    await signIn(first);
    await call(first, 'health:check-now', { service: 'plex' });
    const id = first.settings.get().install.plexClientIdentifier;
    await first.dispose();
    cores = [];
    const second = await start();
    expect(second.settings.get().install.plexClientIdentifier).toBe(id);
    sim.pms.control.changeItems('1', 2);
    await call(second, 'plex:sync', {});
    await until(async () => (await status(second)).sync.state === 'done');
    await call(second, 'plex:servers');
    const requests = [...sim.plexTv.control.requests, ...sim.pms.control.requests];
    expect(requests.length).toBeGreaterThan(20);
    for (const request of requests) {
      expect(request).toMatchObject({ clientIdentifier: id, product: 'MediaNest', version: '2.0.0', platform: expect.stringMatching(/\S/), device: expect.stringMatching(/\S/) });
    }
  });

  it('serves the library from the index with the backup banner while Plex is down', async () => {
    const core = await start();
    await signIn(core);
    const page = await call<{ items: { poster: string }[] }>(core, 'plex:items', { sectionKey: '1', limit: 5 });
    const poster = `${page.items[0]!.poster.replace(/^binary\//, '')}/150`;
    expect(await core.binary.resolve(poster, new AbortController().signal)).not.toBeNull();

    sim.pms.control.setFault({ kind: 'down' });
    await call(core, 'health:check-now', { service: 'plex' });
    const checked = await call(core, 'health:check-now', { service: 'plex' });
    const offline = await status(core);
    expect(offline, JSON.stringify(checked)).toMatchObject({ online: false });
    expect(offline).toMatchObject({ online: false, backup: { active: true, asOf: expect.any(Number) } });
    expect(seen.some((event) => event.channel === 'plex:status-changed' && (event.payload as PlexStatus).backup.active)).toBe(true);
    expect((await call<{ total: number }>(core, 'plex:items', { sectionKey: '1', limit: 5 })).total).toBe(300);
    const title = page.items.length > 0 ? (await call<{ items: { title: string }[] }>(core, 'plex:items', { sectionKey: '1', limit: 1 })).items[0]!.title : '';
    expect((await call<{ items: unknown[] }>(core, 'plex:search', { query: title.slice(0, 4) })).items.length).toBeGreaterThan(0);
    expect(await core.binary.resolve(poster, new AbortController().signal)).not.toBeNull();
    expect(await call(core, 'plex:on-deck', {})).toEqual({ available: false, items: [] });
  });

  it('emits plex:auth-expired once when the server rejects its token', async () => {
    const core = await start();
    await signIn(core);
    sim.pms.control.setTokens([]);
    sim.pms.control.changeItems('1', 1);
    await call(core, 'plex:sync', {});
    await until(async () => (await status(core)).authExpired);
    await expect(core.plexLibrary.syncItem('10000001')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(seen.filter((event) => event.channel === 'plex:auth-expired')).toHaveLength(1);
  });

  it('works with an address and token typed by hand: learns the server, syncs, opens in Plex', async () => {
    const core = await start();
    await call(core, 'settings:update', { services: { plex: { enabled: true, baseUrl: sim.pmsUrl } }, secrets: { 'plex.token': sim.serverToken } });
    await call(core, 'plex:sync', {});
    await until(async () => (await status(core)).itemCount === 350);
    expect(core.settings.get().plexAccount.serverId).toBe(sim.pms.control.machineIdentifier);
    const details = await call<{ openInPlexUrl: string }>(core, 'plex:item', { ratingKey: '10000001' });
    expect(details.openInPlexUrl).toContain(encodeURIComponent(sim.pms.control.machineIdentifier));
  });

  it('signs out: both tokens and the link to the server are gone', async () => {
    const core = await start();
    await signIn(core);
    const after = await call<PlexStatus>(core, 'plex:sign-out');
    expect(after).toMatchObject({ signedIn: false, server: null });
    const settings = await call<{ secrets: Record<string, boolean>; services: { plex: { enabled: boolean } } }>(core, 'settings:get');
    expect(Object.values(settings.secrets).filter(Boolean)).toEqual([]);
    expect(settings.services.plex.enabled).toBe(false);
  });
});
