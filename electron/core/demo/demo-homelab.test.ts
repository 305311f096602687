import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../create-core';
import { createHttpListenerHost } from '../hosting/http-listeners';
import { createSilentLogger } from '../logging/logger';
import { createMemorySecretStore } from '../secrets/secret-store';
import { createMemorySettingsStorage } from '../settings/settings-storage';
import { DEMO_SECRETS, startDemoHomelab } from './demo-homelab';

describe('demo homelab', () => {
  it('starts every simulator on its own loopback port and hands out the credentials they accept', async () => {
    const host = createHttpListenerHost();
    try {
      const { settings: patch, playlistUrl, problems } = await startDemoHomelab(host);
      // No data folder: no downloads demo, and nothing to complain about.
      expect([playlistUrl, problems]).toEqual([null, []]);
      const addresses = Object.values(patch.services ?? {}).map((service) => service?.baseUrl);
      expect(addresses).toHaveLength(3);
      expect(new Set(addresses).size).toBe(3);
      expect(patch.services!.plex!.accountUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(patch.services!.plex!.accountUrl).not.toBe(patch.services!.plex!.baseUrl);
      for (const address of addresses) expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(patch.secrets).toMatchObject(DEMO_SECRETS);
      // Made for this run: the demo Overseerr's webhook carries it.
      expect(patch.secrets!['overseerr.webhookSecret']).toMatch(/^[\w-]{20,}$/);
      expect(patch.requests).toMatchObject({ webhookEnabled: true, webhookHost: '127.0.0.1', tmdbImageBase: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/t\/p$/) });
      const plex = patch.services!.plex!.baseUrl!;
      expect((await fetch(`${plex}/library/sections`, { headers: { 'X-Plex-Token': DEMO_SECRETS['plex.token'] } })).status).toBe(200);
      const overseerr = patch.services!.overseerr!.baseUrl!;
      expect((await fetch(`${overseerr}/api/v1/auth/me`, { headers: { 'X-Api-Key': DEMO_SECRETS['overseerr.apiKey'] } })).status).toBe(200);
      const kuma = patch.services!['uptime-kuma']!.baseUrl!;
      const basic = `Basic ${Buffer.from(`:${DEMO_SECRETS['uptime-kuma.apiKey']}`).toString('base64')}`;
      expect((await fetch(`${kuma}/metrics`, { headers: { Authorization: basic } })).status).toBe(200);
    } finally {
      await host.dispose();
    }
  });

  it('a demo core points every service at the homelab and sees them healthy', async () => {
    // Posters are cached in the data folder: a temporary one.
    const dataDir = mkdtempSync(join(tmpdir(), 'medianest-demo-'));
    const core = await createCore(
      { dataDir, profile: 'demo', mode: 'serve', version: 't', inMemoryDatabases: true, demoHomelab: true, startHealth: false },
      { settingsStorage: createMemorySettingsStorage(), secrets: createMemorySecretStore(), logger: createSilentLogger() },
    );
    try {
      const result = await core.dispatch('health:check-now', {});
      expect(result.ok).toBe(true);
      const health = (result as { result: { upstream: string; status: string; configured: boolean }[] }).result;
      expect(health.map((entry) => [entry.upstream, entry.status, entry.configured])).toEqual([
        ['plex', 'healthy', true],
        ['plex-tv', 'healthy', true],
        ['overseerr', 'healthy', true],
        ['uptime-kuma', 'healthy', true],
      ]);
      expect(core.secrets.get('plex.token')).toBe(DEMO_SECRETS['plex.token']);

      // Requests: posters from the demo's TMDB, Overseerr's webhook aimed at the receiver, a request sent at once.
      const setup = await core.dispatch('overseerr:webhook', undefined);
      expect(setup).toMatchObject({ ok: true, result: { listening: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/overseerr$/) } });
      const search = await core.dispatch('overseerr:search', { query: 'Lighthouse' });
      const poster = (search as { result: { results: { poster: string }[] } }).result.results[0]!.poster;
      expect((await core.binary.resolve(poster.replace(/^binary\//, ''), new AbortController().signal))?.contentType).toBe('image/png');
      const made = await core.dispatch('overseerr:request', { mediaType: 'movie', tmdbId: 603_001 });
      expect(made.ok).toBe(true);
      for (let i = 0; i < 100; i++) {
        const views = await core.dispatch('overseerr:requests', undefined);
        if ((views as { result: { state: string }[] }).result[0]?.state === 'pending') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await core.dispatch('overseerr:requests', undefined)).toMatchObject({ ok: true, result: [{ state: 'pending', title: 'The Lighthouse Keeper' }] });
    } finally {
      await core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a demo core lists the homelab Kuma monitors in their groups, with /metrics read through the API key', async () => {
    // The demo makes its library folder and clips in the data folder: a temporary one.
    const dataDir = mkdtempSync(join(tmpdir(), 'medianest-demo-'));
    const core = await createCore(
      { dataDir, profile: 'demo', mode: 'serve', version: 't', inMemoryDatabases: true, demoHomelab: true, startHealth: false },
      { settingsStorage: createMemorySettingsStorage(), secrets: createMemorySecretStore(), logger: createSilentLogger() },
    );
    try {
      const checked = await core.dispatch('health:check-entry', { id: 'service:uptime-kuma' });
      expect(checked.ok).toBe(true);
      await expect
        .poll(async () => {
          const listed = await core.dispatch('health:entries', null);
          return (listed as { result: { id: string; group: string; state: string }[] }).result.filter((e) => e.id.startsWith('kuma')).map((e) => [e.id, e.group]);
        })
        .toEqual([
          ['kuma:1', 'Media'],
          ['kuma:2', 'Media'],
          ['kuma:3', 'Storage'],
          ['kuma:4', 'Storage'],
          ['kuma:5', 'Network'],
          ['kuma:6', 'Other monitors'],
        ]);
      const listed = (await core.dispatch('health:entries', null)) as { result: { id: string; state: string }[] };
      const state = (id: string) => listed.result.find((e) => e.id === id)!.state;
      expect([state('kuma:1'), state('kuma:4'), state('kuma:6')]).toEqual(['up', 'maintenance', 'pending']);
      expect(['up', 'down']).toContain(state('kuma:3'));
      // plex.tv has an entry of its own beside the Plex server's.
      expect(listed.result.filter((e) => e.id.startsWith('service:')).map((e) => e.id)).toEqual(['service:plex', 'service:plex-tv', 'service:overseerr', 'service:uptime-kuma']);
      // The demo status page's pinned incident, through the contract.
      const notices = (await core.dispatch('health:notices', null)) as { ok: true; result: { id: string; title: string; tone: string }[] };
      expect(notices.result.map(({ id, title, tone }) => ({ id, title, tone }))).toEqual([{ id: 'kuma-incident:homelab:1', title: 'NAS disks are being checked', tone: 'info' }]);
    } finally {
      await core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
