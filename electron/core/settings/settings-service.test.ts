import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, SettingsPatchSchema } from '../../../shared/contract/areas/settings';
import { createConfSettingsStorage } from './conf-settings-storage';
import { SETTINGS_SCHEMA_VERSION, migrateSettings } from './settings-migrations';
import { createSettingsService } from './settings-service';
import { createMemorySettingsStorage } from './settings-storage';

const logger = { warn: vi.fn(), info: vi.fn() };
const tempDir = () => mkdtempSync(join(tmpdir(), 'medianest-settings-'));

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
    expect(storage.read()).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, services: { plex: { baseUrl: 'http://10.0.0.2:32400', enabled: true } } });
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

  it('salvages valid sections of a partly invalid file and says so', () => {
    const storage = createMemorySettingsStorage({ schemaVersion: SETTINGS_SCHEMA_VERSION, general: { closeToTray: false }, downloads: { maxConcurrent: 'lots' } });
    const service = createSettingsService(storage, logger);
    expect(service.get().general.closeToTray).toBe(false);
    expect(service.get().downloads).toEqual(defaultSettings().downloads);
    expect(service.warnings.join(' ')).toContain('"downloads" was invalid');
    expect((storage.read() as { downloads: unknown }).downloads).toEqual(defaultSettings().downloads);
  });

  it('keeps a copy of a corrupt file and starts with defaults', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ "general": { "closeToTray": fal');
    const service = createSettingsService(createConfSettingsStorage(dir), logger);
    expect(service.get()).toEqual(defaultSettings());
    const kept = readdirSync(dir).find((name) => name.startsWith('settings.json.broken-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept!), 'utf8')).toContain('"closeToTray": fal');
    expect(service.warnings[0]).toContain('not valid JSON');
  });

  it('refuses to downgrade a file written by a newer version, and leaves it untouched', () => {
    const dir = tempDir();
    const newer = JSON.stringify({ schemaVersion: 99, general: { closeToTray: false } });
    writeFileSync(join(dir, 'settings.json'), newer);
    const service = createSettingsService(createConfSettingsStorage(dir), logger);
    expect(service.warnings[0]).toContain('newer MediaNest');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(newer);
  });

  it('round-trips through conf on disk (the serve-mode storage)', () => {
    const dir = tempDir();
    createSettingsService(createConfSettingsStorage(dir), logger).update({ notifications: { enabled: false } });
    const reopened = createSettingsService(createConfSettingsStorage(dir), logger);
    expect(reopened.get().notifications.enabled).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
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
    const service = createSettingsService(createMemorySettingsStorage(), { warn: () => undefined, info: () => undefined });
    service.update(SettingsPatchSchema.parse({ general: { closeToTray: false }, downloads: { maxConcurrent: 4 }, services: { plex: { baseUrl: 'http://plex:32400' } } }));
    const next = service.update(
      SettingsPatchSchema.parse({ general: { startMinimized: true }, downloads: { folder: '/srv/media' }, services: { plex: { enabled: true } } }),
    );
    expect(next.general).toEqual({ closeToTray: false, startMinimized: true });
    expect(next.downloads).toEqual({ folder: '/srv/media', maxConcurrent: 4 });
    expect(next.services.plex).toMatchObject({ enabled: true, baseUrl: 'http://plex:32400' });
  });
});
