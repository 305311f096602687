/**
 * Where settings live: `settings.json` in the data folder, the same file for
 * the desktop app and serve mode, read and written through the storage seam.
 */
import { join } from 'node:path';
import { createJsonDocument, type JsonDocument } from '../storage/json-document';
import { createMemoryFs } from '../storage/memory-fs';
import { nodeStorageFs, type StorageFs } from '../storage/storage-fs';

export const SETTINGS_FILE_NAME = 'settings.json';

export type SettingsStorage = JsonDocument;

export function createSettingsStorage(dataDir: string, fs: StorageFs = nodeStorageFs): SettingsStorage {
  return createJsonDocument(fs, join(dataDir, SETTINGS_FILE_NAME));
}

/** In memory, for unit tests: `initial` is stored as JSON; `writes` counts commits; `stored()` reads it back. */
export function createMemorySettingsStorage(initial?: unknown): SettingsStorage & { readonly writes: number; stored(): unknown } {
  const path = join('/memory', SETTINGS_FILE_NAME);
  const fs = createMemoryFs(initial === undefined ? {} : { [path]: JSON.stringify(initial) });
  const document = createJsonDocument(fs, path);
  let writes = 0;
  return {
    ...document,
    get writes() {
      return writes;
    },
    stored() {
      const read = document.read();
      return read.kind === 'ok' ? read.value : undefined;
    },
    stage(value) {
      const staged = document.stage(value);
      return {
        ...staged,
        commit() {
          staged.commit();
          writes += 1;
        },
      };
    },
  };
}
