/**
 * The core's two SQLite files, each opened by one small function:
 *
 * - cache.db: what can be rebuilt from the services (response cache, health
 *   history; later the library index, posters). Losing it costs a refetch.
 * - medianest.db: what cannot be rebuilt (later: requests and their outbox,
 *   the download queue).
 *
 * Both go through `openStore`, so no state of either file stops the app from
 * starting: each is checked, repaired or set aside, and the store says in
 * words what it found. A feature is given the one it needs, never both unless
 * it needs both.
 */
import { cacheMigrations } from './cache-migrations';
import { dataMigrations } from './data-migrations';
import type { Db } from './database';
import { openStore, type PreciousStore, type RebuildableStore, type StoreOptions } from './open-store';

export const CACHE_DB_FILE = 'cache.db';
export const DATA_DB_FILE = 'medianest.db';

/** What a host may add: the storage seam (tests inject failures there) and a clock for the names of copies. */
export type StoreFileOptions = Pick<StoreOptions, 'fs' | 'now'>;

/** `file` is a path, or ':memory:' for tests. */
export function openCacheStore(file: string, options: StoreFileOptions = {}): RebuildableStore {
  return openStore(file, { ...options, kind: 'rebuildable', migrations: cacheMigrations, label: 'The cache of service answers and health history' });
}

/** `file` is a path, or ':memory:' for tests. */
export function openDataStore(file: string, options: StoreFileOptions = {}): PreciousStore {
  return openStore(file, {
    ...options,
    kind: 'precious',
    migrations: dataMigrations,
    label: 'Your saved data',
    needs: 'the features that keep data there',
  });
}

/** cache.db's database alone (tests, benchmarks). */
export function openCacheDb(file: string): Db {
  return openCacheStore(file).db;
}

/** medianest.db's database alone (tests); throws when it cannot be used. */
export function openDataDb(file: string): Db {
  const store = openDataStore(file);
  if (!store.db) throw new Error(store.unavailable);
  return store.db;
}
