/**
 * One Plex client identifier per install: made at the first start, kept in
 * the data folder's settings, and sent (with the product, version, platform
 * and device headers) on every request Plex Media Server and plex.tv
 * receive: health probes, "Test" and gateway calls alike, across restarts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createPlexSimulator, type PlexSimulator } from '../../electron/core/features/plex/plex-simulator';
import { createPlexTvSimulator, type PlexTvSimulator } from '../../electron/core/features/plex/plex-tv-simulator';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';

describe('the Plex client identifier', () => {
  let plex: PlexSimulator;
  let plexTv: PlexTvSimulator;
  let dataDir: string;
  beforeEach(async () => {
    plex = await createPlexSimulator({ token: 'right-token' });
    plexTv = await createPlexTvSimulator({ token: 'right-token' });
    dataDir = await mkdtemp(join(tmpdir(), 'medianest-plex-id-'));
  });
  afterEach(async () => {
    await plex.close();
    await plexTv.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (dir = dataDir): Promise<Core> =>
    createCore(
      { dataDir: dir, profile: 'default', mode: 'serve', version: '1.2.3', startHealth: false },
      { settingsStorage: createSettingsStorage(dir), secrets: createFileSecretStore(dir), logger: createSilentLogger() },
    );

  it('is the same across two starts on one data folder and on every request Plex and plex.tv receive', async () => {
    const first = await start();
    try {
      await first.dispatch('settings:update', {
        services: { plex: { enabled: true, baseUrl: plex.url, accountUrl: plexTv.url } },
        secrets: { 'plex.token': 'right-token', 'plex.accountToken': 'right-token' },
      });
      const healthy = { ok: true, result: [{ upstream: 'plex', status: 'healthy' }, { upstream: 'plex-tv', status: 'healthy' }] };
      expect(await first.dispatch('health:check-now', { service: 'plex' })).toMatchObject(healthy);
      // "Test" with the saved addresses (both of them: the token goes to each) uses the saved token.
      expect(await first.dispatch('services:test', { service: 'plex', settings: { enabled: true, baseUrl: plex.url, accountUrl: plexTv.url, tuning: {} } })).toMatchObject({ ok: true, result: { ok: true } });
      const call = await first.integration.gateway.call('plex', 'sections', ({ http }) => http.get('library/sections').json());
      expect(call.value).toMatchObject({ MediaContainer: { size: 2 } });
    } finally {
      await first.dispose();
    }
    const second = await start();
    try {
      expect(await second.dispatch('health:check-now', { service: 'plex' })).toMatchObject({
        ok: true,
        result: [{ upstream: 'plex', status: 'healthy' }, { upstream: 'plex-tv', status: 'healthy' }],
      });
    } finally {
      await second.dispose();
    }

    const stored = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { install: { plexClientIdentifier: string } };
    const id = stored.install.plexClientIdentifier;
    expect(id).toMatch(/^[\w-]{8,64}$/);
    // Two probes of two steps, a test of two steps, one gateway call.
    expect(plex.control.requests).toHaveLength(7);
    // plex.tv: two probes of two steps (its refusal without a token, then the account).
    expect(plexTv.control.requests).toHaveLength(4);
    for (const request of [...plex.control.requests, ...plexTv.control.requests]) {
      expect(request.headers).toMatchObject({
        'x-plex-client-identifier': id,
        'x-plex-product': 'MediaNest',
        'x-plex-version': '1.2.3',
        'x-plex-platform': expect.stringMatching(/\S/),
        'x-plex-device': expect.stringMatching(/\S/),
      });
    }
  });

  it('differs between two installs (data folders), and never reaches the renderer', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'medianest-plex-id-'));
    const [a, b] = await Promise.all([start(), start(otherDir)]);
    try {
      const ids = [a, b].map((core) => core.settings.get().install.plexClientIdentifier);
      expect(ids[0]).not.toBe(ids[1]);
      const publicSettings = await a.dispatch('settings:get', undefined);
      expect(JSON.stringify(publicSettings)).not.toContain(ids[0]!);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
