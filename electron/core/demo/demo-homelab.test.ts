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
      const patch = await startDemoHomelab(host);
      const addresses = Object.values(patch.services ?? {}).map((service) => service?.baseUrl);
      expect(addresses).toHaveLength(3);
      expect(new Set(addresses).size).toBe(3);
      expect(patch.services!.plex!.accountUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(patch.services!.plex!.accountUrl).not.toBe(patch.services!.plex!.baseUrl);
      for (const address of addresses) expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(patch.secrets).toEqual(DEMO_SECRETS);
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
    const core = await createCore(
      { dataDir: '/nowhere', profile: 'demo', mode: 'serve', version: 't', inMemoryDatabases: true, demoHomelab: true, startHealth: false },
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
    } finally {
      await core.dispose();
    }
  });
});
