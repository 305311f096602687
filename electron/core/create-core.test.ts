import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCore } from './create-core';
import { createSilentLogger } from './logging/logger';
import { createFileSecretStore, createMemorySecretStore } from './secrets/secret-store';
import { createSettingsStorage } from './settings/settings-storage';
import { createMemorySettingsStorage } from './settings/settings-storage';

function memoryCore() {
  return createCore(
    { dataDir: '/nowhere', profile: 'demo', mode: 'serve', version: '9.9.9', inMemoryDatabases: true },
    { settingsStorage: createMemorySettingsStorage(), secrets: createMemorySecretStore(), logger: createSilentLogger() },
  );
}

describe('core', () => {
  it('answers app:info through the contract', async () => {
    const core = await memoryCore();
    expect(await core.dispatch('app:info', undefined)).toMatchObject({ ok: true, result: { name: 'MediaNest', version: '9.9.9', mode: 'serve', profile: 'demo', warnings: [] } });
    await core.dispose();
  });

  it('takes secrets write-only: settings report presence, never the value', async () => {
    const core = await memoryCore();
    const updated = await core.dispatch('settings:update', { secrets: { 'plex.token': 'very-secret-token' } });
    expect(JSON.stringify(updated)).not.toContain('very-secret-token');
    expect(updated).toMatchObject({ ok: true, result: { secrets: { 'plex.token': true, 'overseerr.apiKey': false } } });
    expect(core.secrets.get('plex.token')).toBe('very-secret-token');
    await core.dispatch('settings:update', { secrets: { 'plex.token': null } });
    expect(core.secrets.has('plex.token')).toBe(false);
    await core.dispose();
  });

  it('emits settings:changed to renderer-facing subscribers after an update', async () => {
    const core = await memoryCore();
    const listener = vi.fn();
    core.events.subscribe(listener);
    await core.dispatch('settings:update', { general: { closeToTray: false } });
    expect(listener).toHaveBeenCalledWith('settings:changed', expect.objectContaining({ general: { closeToTray: false, startMinimized: false, startAtLogin: true }, profile: 'demo' }));
    await core.dispose();
  });

  it('keeps internal events away from renderer-facing subscribers', async () => {
    const core = await memoryCore();
    const listener = vi.fn();
    core.events.subscribe(listener);
    core.bus.emit('service:auth-failed', { upstream: 'plex', service: 'plex', status: 401, at: 1 });
    expect(listener).not.toHaveBeenCalled();
    await core.dispose();
  });

  it('persists settings and secrets in its data folder across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'medianest-core-'));
    const open = () => createCore({ dataDir, profile: 'default', mode: 'serve', version: '1' }, { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() });
    const first = await open();
    await first.dispatch('settings:update', { services: { overseerr: { baseUrl: 'http://nas:5055', enabled: true } }, secrets: { 'overseerr.apiKey': 'k' } });
    await first.dispose();
    const second = await open();
    const settings = await second.dispatch('settings:get', undefined);
    expect(settings).toMatchObject({ ok: true, result: { services: { overseerr: { baseUrl: 'http://nas:5055', enabled: true } }, secrets: { 'overseerr.apiKey': true } } });
    await second.dispose();
  });

  it('dispose() closes the database and stops owned processes', async () => {
    const core = await memoryCore();
    const run = core.processes.spawn('sleep', ['30']);
    await core.dispose();
    expect(core.cacheDb.open).toBe(false);
    expect(core.dataDb?.open).toBe(false);
    expect((await run.exited).signal).toBe('SIGTERM');
  });
});
