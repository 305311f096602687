/**
 * Where settings live. Electron uses electron-store, serve mode and tests use
 * conf; both write the same `settings.json`, so one data folder works in both.
 */
export interface SettingsStorage {
  /** The raw stored object, or undefined when nothing is stored yet. Throws on an unreadable file. */
  read(): unknown;
  write(data: Record<string, unknown>): void;
  /** The file, for messages and backups. */
  readonly path: string;
}

/** In memory, for unit tests. */
export function createMemorySettingsStorage(initial?: unknown): SettingsStorage & { writes: number } {
  let data = initial === undefined ? undefined : structuredClone(initial);
  const storage = {
    path: ':memory:',
    writes: 0,
    read: () => (data === undefined ? undefined : structuredClone(data)),
    write: (next: Record<string, unknown>) => {
      data = structuredClone(next);
      storage.writes += 1;
    },
  };
  return storage;
}
