/**
 * Settings storage on `conf` (plain Node): serve mode, the demo and tests.
 *
 * conf validates nothing here (we validate with zod) and must not wipe a broken
 * file (`clearInvalidConfig: false`): the settings service backs it up first.
 */
import Conf from 'conf';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsStorage } from './settings-storage';

export const SETTINGS_FILE_NAME = 'settings';

export function createConfSettingsStorage(dataDir: string): SettingsStorage {
  const path = join(dataDir, `${SETTINGS_FILE_NAME}.json`);
  const open = (): Conf<Record<string, unknown>> =>
    new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: SETTINGS_FILE_NAME,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
    });
  return {
    path,
    read() {
      const store = open().store;
      return Object.keys(store).length === 0 ? undefined : store;
    },
    write(data) {
      let conf: Conf<Record<string, unknown>>;
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
