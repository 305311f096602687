/**
 * The schema of medianest.db: what cannot be rebuilt, because the user
 * chose it (health mutes; later requests and their outbox, the download
 * queue). Rebuildable data lives in cache.db. Never edit a released
 * migration's effect: add the next number.
 */
import type { Migration } from './migration';

export const dataMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'app-meta',
    up: (db) => {
      db.exec(`CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    },
  },
  // 2 and 3 created the response cache and the health history here; both now
  // live in cache.db. Every schema they could leave ends the same after 4, so
  // they create nothing any more and keep their numbers.
  { version: 2, name: 'gateway-cache', up: () => undefined },
  { version: 3, name: 'health-results', up: () => undefined },
  {
    version: 4,
    name: 'rebuildable-data-to-cache-db',
    up: (db) => {
      // The response cache and health history moved to cache.db; what was here is rebuilt there.
      db.exec('DROP TABLE IF EXISTS gateway_cache');
      db.exec('DROP TABLE IF EXISTS health_results');
    },
  },
  {
    version: 5,
    name: 'health-mutes',
    up: (db) => {
      // "Mute NAS for 4 hours" (features/health/mute-store.ts): the user's choice, so a restart keeps it.
      db.exec('CREATE TABLE health_mutes (entry_id TEXT PRIMARY KEY, until INTEGER NOT NULL)');
    },
  },
];
