import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, SettingsPatchSchema } from '../../../shared/contract/areas/settings';
import { createFaultyFs } from '../../../tests/support/faulty-fs';
import { useTempDirs } from '../../../tests/support/temp-dirs';
import { nodeStorageFs } from '../storage/storage-fs';
import { SETTINGS_SCHEMA_VERSION, migrateSettings } from './settings-migrations';
import { createSettingsService } from './settings-service';
import { createMemorySettingsStorage, createSettingsStorage } from './settings-storage';

const logger = { warn: vi.fn(), info: vi.fn() };
const tempDir = useTempDirs('medianest-settings-');
const keptCopies = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('settings.json.broken-'));
/** A data folder whose settings.json holds `text`. */
function folderWith(text: string | Buffer): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'settings.json'), text);
  return dir;
}

describe('settings service', () => {
  it('starts from defaults without writing when nothing is stored', () => {
    const storage = createMemorySettingsStorage();
    const service = createSettingsService(storage, logger);
    expect(service.get()).toEqual(defaultSettings());
    expect(storage.writes).toBe(0);
    expect(service.warnings).toEqual([]);
  });

  it('persists an update with the schema version and notifies listeners', () => {
    const storage = createMemorySettingsStorage();
    const service = createSettingsService(storage, logger);
    const listener = vi.fn();
    service.onChange(listener);
    service.update({ services: { plex: { baseUrl: 'http://10.0.0.2:32400', enabled: true } } });
    expect(storage.stored()).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, services: { plex: { baseUrl: 'http://10.0.0.2:32400', enabled: true } } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]![0].services.plex.enabled).toBe(true);
    expect(listener.mock.calls[0]![1].services.plex.enabled).toBe(false);
  });

  it('merges one level deep and keeps sibling fields', () => {
    const service = createSettingsService(createMemorySettingsStorage(), logger);
    service.update({ services: { plex: { baseUrl: 'http://a:1' } } });
    service.update({ services: { plex: { enabled: true } } });
    expect(service.get().services.plex).toEqual({ enabled: true, baseUrl: 'http://a:1', accountUrl: 'https://plex.tv', tuning: {} });
  });

  it('get() returns a copy the caller cannot use to change settings', () => {
    const service = createSettingsService(createMemorySettingsStorage(), logger);
    service.get().services.plex.enabled = true;
    expect(service.get().services.plex.enabled).toBe(false);
  });

  it('round-trips through settings.json on disk', () => {
    const dir = tempDir();
    createSettingsService(createSettingsStorage(dir), logger).update({ notifications: { enabled: false } });
    const reopened = createSettingsService(createSettingsStorage(dir), logger);
    expect(reopened.get().notifications.enabled).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('a settings file with wrong values', () => {
  it('one wrong field resets that field, not its section: the other services and siblings are kept', () => {
    const dir = folderWith(
      JSON.stringify({
        schemaVersion: SETTINGS_SCHEMA_VERSION,
        services: {
          plex: { enabled: true, baseUrl: 'http://nas:32400', tuning: { timeoutMs: 7_000, retry: { retries: 99, minDelayMs: 500 } } },
          overseerr: { enabled: true, baseUrl: 'ftp://nas:5055' },
          'uptime-kuma': { enabled: true, baseUrl: 'http://nas:3001', statusPageSlug: 'homelab' },
        },
        downloads: { folder: '/srv/media', maxConcurrent: 'lots' },
        general: { closeToTray: false },
      }),
    );
    const service = createSettingsService(createSettingsStorage(dir), logger);
    const settings = service.get();
    expect(settings.services.plex).toEqual({ enabled: true, baseUrl: 'http://nas:32400', accountUrl: 'https://plex.tv', tuning: { timeoutMs: 7_000, retry: { minDelayMs: 500 } } });
    expect(settings.services.overseerr).toEqual({ enabled: true, baseUrl: '', tuning: {} });
    expect(settings.services['uptime-kuma']).toMatchObject({ baseUrl: 'http://nas:3001', statusPageSlug: 'homelab' });
    expect(settings.downloads).toMatchObject({ folder: '/srv/media', maxConcurrent: 2, quality: 'best', pathMappings: [] });
    expect(settings.general.closeToTray).toBe(false);

    const [warning] = service.warnings;
    expect(warning).toMatch(/^Some settings could not be used and were reset to their defaults; everything else was kept: /);
    expect(warning).toContain('Overseerr address (enter an address starting with http:// or https://');
    expect(warning).toContain('Downloads at once (');
    expect(warning).toContain('Plex connection tuning (retry retries)');
    expect(warning).not.toMatch(/services\.|downloads\.maxConcurrent/);
    // The original was copied before the repair was written.
    const [copy] = keptCopies(dir);
    expect(warning).toContain(join(dir, copy!));
    expect(readFileSync(join(dir, copy!), 'utf8')).toContain('ftp://nas:5055');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).services.overseerr.baseUrl).toBe('');
  });

  it('drops a setting this version does not have, by name, after a copy', () => {
    const dir = folderWith(JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, general: { closeToTray: false, glow: true }, theme: 'dark' }));
    const service = createSettingsService(createSettingsStorage(dir), logger);
    expect(service.get().general.closeToTray).toBe(false);
    expect(service.warnings[0]).toContain('"general.glow" (a setting this version does not have, dropped)');
    expect(service.warnings[0]).toContain('"theme"');
    expect(keptCopies(dir)).toHaveLength(1);
  });

  it('normalises stored addresses to their one spelling', () => {
    const service = createSettingsService(createMemorySettingsStorage({ schemaVersion: SETTINGS_SCHEMA_VERSION, services: { plex: { baseUrl: 'HTTP://NAS.Local:32400/' } } }), logger);
    expect(service.get().services.plex.baseUrl).toBe('http://nas.local:32400');
    expect(service.warnings).toEqual([]);
  });
});

describe('a settings file that cannot be used at all', () => {
  const unusable: [string, string | Buffer, RegExp][] = [
    ['cut short', '{ "general": { "closeToTray": fal', /because its settings file was damaged \(it is not valid JSON: cut short or overwritten\)\./],
    ['garbage', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x7b]), /was damaged \(it is not valid JSON/],
    ['empty', '', /because its settings file was empty\./],
    ['null', 'null', /because its settings file held null instead of settings\./],
    ['a number', '42', /held a number instead of settings/],
    ['true', 'true', /held a boolean instead of settings/],
    ['a list', '[1, 2]', /held a list instead of settings/],
  ];
  it.each(unusable)('%s: starts with defaults, keeps the file as it was and says where', (_name, text, words) => {
    const dir = folderWith(text);
    const original = readFileSync(join(dir, 'settings.json'));
    const service = createSettingsService(createSettingsStorage(dir), logger);
    expect(service.get()).toEqual(defaultSettings());
    expect(service.warnings).toHaveLength(1);
    expect(service.warnings[0]).toMatch(/^MediaNest started with default settings because its settings file /);
    expect(service.warnings[0]).toMatch(words);
    const [copy] = keptCopies(dir);
    expect(service.warnings[0]).toContain(`The original file was kept as ${join(dir, copy!)}.`);
    expect(readFileSync(join(dir, copy!)).equals(original)).toBe(true);
    // Saving works, and writes a whole new file.
    service.update({ general: { closeToTray: false } });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).general.closeToTray).toBe(false);
  });

  it('written by a newer MediaNest: uses what it understands, leaves the file as it is, keeps a copy', () => {
    const newer = JSON.stringify({ schemaVersion: 99, general: { closeToTray: false }, services: { plex: { baseUrl: 'http://nas:32400', enabled: true } }, hologram: { on: true } });
    const dir = folderWith(newer);
    const service = createSettingsService(createSettingsStorage(dir), logger);
    expect(service.warnings).toHaveLength(1);
    expect(service.warnings[0]).toMatch(/^Your settings file was written by a newer MediaNest \(settings layout 99; this version knows up to \d+\)\. MediaNest used the settings it understands and left the file as it is/);
    expect(service.warnings[0]).not.toMatch(/damaged|corrupt|invalid/i);
    expect(service.get().services.plex).toMatchObject({ baseUrl: 'http://nas:32400', enabled: true });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(newer);
    expect(readFileSync(join(dir, keptCopies(dir)[0]!), 'utf8')).toBe(newer);
  });

  it('read with an I/O error: moved aside untouched (it cannot be copied), defaults, and saving works', () => {
    const dir = folderWith(JSON.stringify({ general: { closeToTray: false } }));
    const fs = createFaultyFs(nodeStorageFs, [{ op: ['readFile', 'copyFile'], path: (path) => path.endsWith('settings.json'), code: 'EIO' }]);
    const service = createSettingsService(createSettingsStorage(dir, fs), logger);
    expect(service.get()).toEqual(defaultSettings());
    const [copy] = keptCopies(dir);
    expect(service.warnings[0]).toBe(
      `MediaNest started with default settings because its settings file could not be read (a read or write error from the disk (EIO)). The file was moved, untouched, to ${join(dir, copy!)}. Set up your services again in Settings, or copy values from that file.`,
    );
    expect(JSON.parse(readFileSync(join(dir, copy!), 'utf8'))).toEqual({ general: { closeToTray: false } });
    fs.heal();
    service.update({ notifications: { enabled: false } });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).notifications.enabled).toBe(false);
  });

  it('unreadable and impossible to set aside: never overwritten; saving says why', () => {
    const dir = folderWith('{"general":{"closeToTray":false}}');
    const fs = createFaultyFs(nodeStorageFs, [
      { op: ['readFile', 'copyFile'], path: 'settings.json', code: 'EACCES' },
      { op: 'rename', path: 'settings.json', code: 'EACCES' },
    ]);
    const service = createSettingsService(createSettingsStorage(dir, fs), logger);
    expect(service.warnings[0]).toMatch(/could not be read \(permission denied \(EACCES\)\), and it could not be copied aside .* so MediaNest will not overwrite it: move it out of /);
    expect(() => service.update({ general: { closeToTray: true } })).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED', message: expect.stringMatching(/^Settings could not be saved: settings\.json could not be read/) }));
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"general":{"closeToTray":false}}');
  });
});

describe('writing settings', () => {
  const failures: [string, 'writeFile' | 'rename', 'ENOSPC' | 'EIO' | 'EACCES', RegExp][] = [
    ['the temporary file cannot be written (disk full)', 'writeFile', 'ENOSPC', /the disk is full \(ENOSPC\)/],
    ['the temporary file cannot be written (I/O error)', 'writeFile', 'EIO', /a read or write error from the disk \(EIO\)/],
    ['the rename is refused', 'rename', 'EACCES', /permission denied \(EACCES\)/],
  ];
  it.each(failures)('%s: nothing changes, on disk or in memory, and no temporary file is left', (_name, op, code, words) => {
    const dir = tempDir();
    const fs = createFaultyFs(nodeStorageFs);
    const service = createSettingsService(createSettingsStorage(dir, fs), logger);
    service.update({ general: { closeToTray: false } });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    const listener = vi.fn();
    service.onChange(listener);
    fs.fail({ op, path: 'settings.json', code });
    expect(() => service.update({ general: { closeToTray: true } })).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED', message: expect.stringMatching(words) }));
    expect(service.get().general.closeToTray).toBe(false);
    expect(listener).not.toHaveBeenCalled();
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });
});

describe('settings migrations', () => {
  it('moves the flat preview URLs into service entries and records the version', () => {
    const service = createSettingsService(createMemorySettingsStorage({ plexUrl: 'http://nas:32400', overseerrUrl: '' }), logger);
    expect(service.get().services.plex).toMatchObject({ enabled: true, baseUrl: 'http://nas:32400' });
    expect(service.get().services.overseerr).toMatchObject({ enabled: false, baseUrl: '' });
    expect(service.warnings).toEqual([]);
  });

  it('drops the health path that each service probe now owns, keeping the rest of the tuning', () => {
    const service = createSettingsService(
      createMemorySettingsStorage({
        schemaVersion: 2,
        services: { plex: { enabled: true, baseUrl: 'http://nas:32400', tuning: { timeoutMs: 7_000, health: { path: '/identity', intervalMs: 60_000 } } } },
      }),
      logger,
    );
    expect(service.get().services.plex).toEqual({
      enabled: true,
      baseUrl: 'http://nas:32400',
      accountUrl: 'https://plex.tv',
      tuning: { timeoutMs: 7_000, health: { intervalMs: 60_000 } },
    });
    expect(service.warnings).toEqual([]);
  });

  it('applies only the migrations newer than the stored version, in order', () => {
    const applied: number[] = [];
    const migrations = [3, 2, 4].map((to) => ({ to, up: (data: Record<string, unknown>) => (applied.push(to), { ...data, [`v${to}`]: true }) }));
    const outcome = migrateSettings({ schemaVersion: 2, keep: 1 }, migrations, 4);
    expect(applied).toEqual([3, 4]);
    expect(outcome).toEqual({ data: { keep: 1, v3: true, v4: true }, from: 2, to: 4 });
  });
});

describe('a settings patch', () => {
  it('changes only the fields it names: defaults never fill in the rest', () => {
    const service = createSettingsService(createMemorySettingsStorage(), logger);
    service.update(SettingsPatchSchema.parse({ general: { closeToTray: false }, downloads: { maxConcurrent: 4 }, services: { plex: { baseUrl: 'http://plex:32400' } } }));
    const next = service.update(
      SettingsPatchSchema.parse({ general: { startMinimized: true }, downloads: { folder: '/srv/media' }, services: { plex: { enabled: true } } }),
    );
    expect(next.general).toEqual({ closeToTray: false, startMinimized: true, startAtLogin: true });
    expect(next.downloads).toMatchObject({ folder: '/srv/media', maxConcurrent: 4, sectionKey: '' });
    expect(next.services.plex).toMatchObject({ enabled: true, baseUrl: 'http://plex:32400' });
  });
});
