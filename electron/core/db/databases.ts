/**
 * The core's two SQLite files, each opened by one small function:
 *
 * - cache.db: what can be rebuilt from the services (response cache, health
 *   history; later the library index, posters). Losing it costs a refetch.
 * - medianest.db: what cannot be rebuilt (later: requests and their outbox,
 *   the download queue).
 *
 * A feature is given the one it needs, never both unless it needs both.
 */
import { cacheMigrations } from './cache-migrations';
import { dataMigrations } from './data-migrations';
import { openDatabase, type Db } from './database';

export const CACHE_DB_FILE = 'cache.db';
export const DATA_DB_FILE = 'medianest.db';

/** `file` is a path, or ':memory:' for tests. */
export function openCacheDb(file: string): Db {
  return openDatabase({ file, migrations: cacheMigrations });
}

/** `file` is a path, or ':memory:' for tests. */
export function openDataDb(file: string): Db {
  return openDatabase({ file, migrations: dataMigrations });
}
