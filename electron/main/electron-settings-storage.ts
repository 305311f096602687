/**
 * Settings storage on electron-store, in userData: the same `settings.json`
 * that serve mode writes through conf (electron-store is conf underneath), so
 * one data folder works in both hosts.
 *
 * As with conf: no schema or migrations here (the settings service validates
 * with zod and migrates), and a broken file is never wiped
 * (`clearInvalidConfig: false`): reading throws and the service backs it up.
 * A fresh store is opened per read so edits made by serve mode are seen.
 */
import Store from 'electron-store';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_FILE_NAME } from '../core/settings/conf-settings-storage';
import type { SettingsStorage } from '../core/settings/settings-storage';

export function createElectronSettingsStorage(userDataDir: string): SettingsStorage {
  const open = (): Store<Record<string, unknown>> =>
    new Store<Record<string, unknown>>({
      cwd: userDataDir,
      name: SETTINGS_FILE_NAME,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
    });
  const path = join(userDataDir, `${SETTINGS_FILE_NAME}.json`);
  return {
    path,
    read() {
      const store = open().store;
      return Object.keys(store).length === 0 ? undefined : store;
    },
    write(data) {
      let store: Store<Record<string, unknown>>;
      try {
        store = open();
      } catch {
        // An unreadable file (conf parses it on open): the settings service has already copied it aside.
        rmSync(path, { force: true });
        store = open();
      }
      store.store = data;
    },
  };
}
