/**
 * Settings storage on electron-store, in userData: the same `settings.json`
 * that serve mode writes through conf (electron-store is conf underneath), so
 * one data folder works in both hosts.
 */
import Store from 'electron-store';
import { createStoreSettingsStorage, storeOptions } from '../core/settings/conf-settings-storage';
import type { SettingsStorage } from '../core/settings/settings-storage';

export function createElectronSettingsStorage(userDataDir: string): SettingsStorage {
  return createStoreSettingsStorage(userDataDir, () => new Store<Record<string, unknown>>(storeOptions(userDataDir)));
}
