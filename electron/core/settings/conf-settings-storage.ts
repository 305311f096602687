/**
 * Settings storage on `conf` (plain Node): serve mode, the demo and tests.
 * electron-store is conf underneath, so the Electron shell uses the same
 * `createStoreSettingsStorage` with its own store class and both hosts share
 * one `settings.json`.
 *
 * No schema or migrations in the store (the settings service validates with zod
 * and migrates), and a broken file is never wiped (`clearInvalidConfig: false`):
 * reading throws and the service copies the file aside first. A fresh store is
 * opened per read, so edits made by the other host are seen.
 */
import Conf from 'conf';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsStorage } from './settings-storage';

export const SETTINGS_FILE_NAME = 'settings';

/** The options both conf and electron-store are opened with. */
export function storeOptions(dataDir: string) {
  return {
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    name: SETTINGS_FILE_NAME,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  } as const;
}

/** Storage over any conf-like store opened by `open` (conf itself, or electron-store). */
export function createStoreSettingsStorage(dataDir: string, open: () => { store: Record<string, unknown> }): SettingsStorage {
  const path = join(dataDir, `${SETTINGS_FILE_NAME}.json`);
  return {
    path,
    read() {
      const store = open().store;
      return Object.keys(store).length === 0 ? undefined : store;
    },
    write(data) {
      let conf: { store: Record<string, unknown> };
      try {
        conf = open();
      } catch {
        // An unreadable file: the settings service has already copied it aside.
        rmSync(path, { force: true });
        conf = open();
      }
      conf.store = data;
    },
  };
}

export function createConfSettingsStorage(dataDir: string): SettingsStorage {
  return createStoreSettingsStorage(dataDir, () => new Conf<Record<string, unknown>>(storeOptions(dataDir)));
}
