import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultyFs, type Fault } from '../../../../tests/support/faulty-fs';
import { useTempDirs } from '../../../../tests/support/temp-dirs';
import { nodeStorageFs } from '../../storage/storage-fs';
import type { PublicSettings } from '../../../../shared/contract/areas/settings';
import type { CoreEvents } from '../../events/core-events';
import { createEventBus } from '../../events/event-bus';
import { createFileSecretStore, createMemorySecretStore } from '../../secrets/secret-store';
import { createSettingsService } from '../../settings/settings-service';
import { createMemorySettingsStorage, createSettingsStorage } from '../../settings/settings-storage';
import { createSettingsFeature } from './settings-feature';

const quiet = { warn: () => undefined, info: () => undefined };

function setup() {
  const bus = createEventBus<CoreEvents>();
  const secrets = createMemorySecretStore({ 'overseerr.apiKey': 'old-key' });
  const settings = createSettingsService(createMemorySettingsStorage(), quiet);
  const feature = createSettingsFeature({ settings, secrets, profile: 'default', bus });
  const seen: PublicSettings[] = [];
  bus.on('settings:changed', (next) => seen.push(next));
  return { feature, secrets, seen };
}

describe('settings feature', () => {
  it('stores typed secrets, deletes nulled ones, and answers with presence flags only', async () => {
    const { feature, secrets } = setup();
    const result = await feature.handlers['settings:update']({ secrets: { 'plex.token': 'new-token', 'overseerr.apiKey': null } });
    expect(secrets.get('plex.token')).toBe('new-token');
    expect(secrets.has('overseerr.apiKey')).toBe(false);
    expect(result.secrets).toEqual({ 'plex.token': true, 'plex.accountToken': false, 'overseerr.apiKey': false, 'overseerr.webhookSecret': false, 'uptime-kuma.apiKey': false });
    expect(JSON.stringify(result)).not.toContain('new-token');
  });

  it('announces every update, a secrets-only one too, until it is disposed', async () => {
    const { feature, seen } = setup();
    await feature.handlers['settings:update']({ secrets: { 'plex.token': 't' } });
    await feature.handlers['settings:update']({ general: { closeToTray: false } });
    expect(seen.map((settings) => [settings.secrets['plex.token'], settings.general.closeToTray])).toEqual([
      [true, true],
      [true, false],
    ]);
    await feature.dispose();
    await feature.handlers['settings:update']({ general: { closeToTray: true } });
    expect(seen).toHaveLength(2);
  });
});

describe('settings:update on disk', () => {
  const tempDir = useTempDirs('medianest-settings-update-');
  const open = (dir: string, fs = createFaultyFs(nodeStorageFs)) => {
    const bus = createEventBus<CoreEvents>();
    const settings = createSettingsService(createSettingsStorage(dir, fs), quiet);
    const secrets = createFileSecretStore(dir, { fs });
    const feature = createSettingsFeature({ settings, secrets, profile: 'default', bus });
    const seen: PublicSettings[] = [];
    bus.on('settings:changed', (next) => seen.push(next));
    return { feature, settings, secrets, seen, fs };
  };
  const patch = { services: { overseerr: { baseUrl: 'http://new:5055' } }, secrets: { 'overseerr.apiKey': 'new-key', 'plex.token': null } } as const;

  const failures: [string, Fault][] = [
    ['the settings file cannot be written (disk full)', { op: 'writeFile', path: 'settings.json', code: 'ENOSPC' }],
    ['the settings file cannot be renamed into place', { op: 'rename', path: (path) => path.endsWith('settings.json'), code: 'EIO' }],
    ['the secrets file cannot be written', { op: 'writeFile', path: 'secrets.json', code: 'EACCES' }],
    ['the secrets file cannot be renamed into place', { op: 'rename', path: (path) => path.endsWith('secrets.json'), code: 'EIO' }],
  ];
  it.each(failures)('%s: neither settings nor secrets change, in memory or for a fresh start', async (_name, fault) => {
    const dir = tempDir();
    const first = open(dir);
    await first.feature.handlers['settings:update']({ services: { overseerr: { baseUrl: 'http://old:5055' } }, secrets: { 'overseerr.apiKey': 'old-key', 'plex.token': 'plex-token' } });
    const files = () => [readFileSync(join(dir, 'settings.json'), 'utf8'), readFileSync(join(dir, 'secrets.json'), 'utf8')];
    const before = files();
    first.seen.splice(0);

    first.fs.fail(fault);
    await expect((async () => first.feature.handlers['settings:update'](patch))()).rejects.toMatchObject({ code: 'STORAGE_FAILED', message: expect.stringMatching(/Nothing was changed\.$/) });
    expect(first.settings.get().services.overseerr.baseUrl).toBe('http://old:5055');
    expect(first.secrets.get('overseerr.apiKey')).toBe('old-key');
    expect(first.secrets.get('plex.token')).toBe('plex-token');
    expect(first.seen).toEqual([]);
    expect(files()).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['secrets.json', 'settings.json']);

    // A fresh start on the same folder sees the old state too.
    const fresh = open(dir);
    expect(fresh.settings.get().services.overseerr.baseUrl).toBe('http://old:5055');
    expect([fresh.secrets.get('overseerr.apiKey'), fresh.secrets.get('plex.token')]).toEqual(['old-key', 'plex-token']);
  });

  it('applies both when the disk cooperates', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.feature.handlers['settings:update'](patch);
    const fresh = open(dir);
    expect(fresh.settings.get().services.overseerr.baseUrl).toBe('http://new:5055');
    expect([fresh.secrets.get('overseerr.apiKey'), fresh.secrets.has('plex.token')]).toEqual(['new-key', false]);
  });
});
