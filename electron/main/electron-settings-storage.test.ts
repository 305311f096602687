/**
 * Runs the real electron-store in plain Node. electron-store imports `electron`
 * at the top; outside Electron that package's index.js throws unless
 * ELECTRON_OVERRIDE_DIST_PATH is set, in which case it returns a path string and
 * electron-store sees no `app`/`ipcMain` (so it needs the explicit `cwd` we pass).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../core/logging/logger';
import { createConfSettingsStorage } from '../core/settings/conf-settings-storage';
import { SETTINGS_SCHEMA_VERSION } from '../core/settings/settings-migrations';
import { createSettingsService } from '../core/settings/settings-service';
import type { SettingsStorage } from '../core/settings/settings-storage';

let createElectronSettingsStorage: (dir: string) => SettingsStorage;

const previousOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;
beforeAll(async () => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'medianest-no-electron');
  ({ createElectronSettingsStorage } = await import('./electron-settings-storage'));
});
afterAll(() => {
  // electron-store has loaded by now; do not leak the override into other suites sharing this worker.
  if (previousOverride === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = previousOverride;
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medianest-estore-'));
  dirs.push(dir);
  return dir;
};

describe('createElectronSettingsStorage', () => {
  it('reads nothing from an empty folder and writes settings.json there', () => {
    const dir = tempDir();
    const storage = createElectronSettingsStorage(dir);
    expect(storage.path).toBe(join(dir, 'settings.json'));
    expect(storage.read()).toBeUndefined();
    storage.write({ schemaVersion: 2, general: { closeToTray: false } });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ schemaVersion: 2, general: { closeToTray: false } });
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('shares the file with serve mode (conf) in both directions', () => {
    const dir = tempDir();
    const electron = createElectronSettingsStorage(dir);
    const conf = createConfSettingsStorage(dir);
    expect(electron.path).toBe(conf.path);
    electron.write({ schemaVersion: 2, notifications: { enabled: false } });
    expect(conf.read()).toEqual({ schemaVersion: 2, notifications: { enabled: false } });
    conf.write({ schemaVersion: 2, downloads: { maxConcurrent: 3 } });
    expect(electron.read()).toEqual({ schemaVersion: 2, downloads: { maxConcurrent: 3 } });
  });

  it('keeps dotted keys as keys', () => {
    const dir = tempDir();
    const storage = createElectronSettingsStorage(dir);
    storage.write({ 'a.b': 1 });
    expect(storage.read()).toEqual({ 'a.b': 1 });
  });

  it('throws on a broken file without wiping it, so the settings service can back it up', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ "general": ');
    const storage = createElectronSettingsStorage(dir);
    expect(() => storage.read()).toThrow();
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{ "general": ');

    const service = createSettingsService(storage, createSilentLogger());
    expect(service.warnings.join(' ')).toMatch(/could not be read/);
    expect(service.get().general.closeToTray).toBe(true);
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.broken-'))).toBe(true);
    expect(storage.read()).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, general: { closeToTray: true } });
  });
});
