import { describe, expect, it } from 'vitest';
import { createCore } from '../create-core';
import { createHttpListenerHost } from '../hosting/http-listeners';
import { createSilentLogger } from '../logging/logger';
import { createMemorySecretStore } from '../secrets/secret-store';
import { createMemorySettingsStorage } from '../settings/settings-storage';
import { DEMO_SECRETS, startDemoHomelab } from './demo-homelab';

describe('demo homelab', () => {
  it('answers in the services’ wire formats and guards the non-public endpoints', async () => {
    const host = createHttpListenerHost();
    try {
      const patch = await startDemoHomelab(host);
      const plex = patch.services!.plex!.baseUrl!;
      const identity = await (await fetch(`${plex}/identity`, { headers: { Accept: 'application/json' } })).json();
      expect(identity).toMatchObject({ MediaContainer: { size: 0, claimed: true, machineIdentifier: expect.any(String) } });
      expect(await (await fetch(`${plex}/identity`)).text()).toContain('<MediaContainer');
      expect((await fetch(`${plex}/library/sections`)).status).toBe(401);

      const overseerr = patch.services!.overseerr!.baseUrl!;
      expect(await (await fetch(`${overseerr}/api/v1/status`)).json()).toMatchObject({ version: expect.any(String), restartRequired: false });
      const denied = await fetch(`${overseerr}/api/v1/request`, { headers: { 'X-Api-Key': 'wrong' } });
      expect(denied.status).toBe(403);
      expect(await denied.json()).toEqual({ status: 403, error: 'You do not have permission to access this endpoint' });

      expect(patch.secrets).toEqual(DEMO_SECRETS);
    } finally {
      await host.dispose();
    }
  });

  it('a demo core points every service at the homelab and sees them healthy', async () => {
    const core = await createCore(
      { dataDir: '/nowhere', profile: 'demo', mode: 'serve', version: 't', dbFile: ':memory:', demoHomelab: true, startHealth: false },
      { settingsStorage: createMemorySettingsStorage(), secrets: createMemorySecretStore(), logger: createSilentLogger() },
    );
    try {
      const result = await core.dispatch('health:check-now', {});
      expect(result.ok).toBe(true);
      const health = (result as { result: { service: string; status: string; configured: boolean }[] }).result;
      expect(health.map((entry) => [entry.service, entry.status, entry.configured])).toEqual([
        ['plex', 'healthy', true],
        ['overseerr', 'healthy', true],
        ['uptime-kuma', 'healthy', true],
      ]);
      expect(core.secrets.get('plex.token')).toBe(DEMO_SECRETS['plex.token']);
    } finally {
      await core.dispose();
    }
  });
});
