/**
 * The schema of medianest.db: what cannot be rebuilt (later: requests and
 * their outbox, the download queue). Rebuildable data lives in cache.db.
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
  {
    version: 2,
    name: 'gateway-cache',
    up: (db) => {
      // Read-through cache of upstream answers, one row per (service, operation, key).
      // `expires_at` ends freshness; `stale_until` ends the stale-if-error window and
      // is what pruning deletes on.
      db.exec(`CREATE TABLE gateway_cache (
        service TEXT NOT NULL,
        operation TEXT NOT NULL,
        cache_key TEXT NOT NULL,
        value TEXT NOT NULL,
        cached_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        stale_until INTEGER NOT NULL,
        PRIMARY KEY (service, operation, cache_key)
      )`);
      db.exec(`CREATE INDEX gateway_cache_stale_until ON gateway_cache (stale_until)`);
    },
  },
  {
    version: 3,
    name: 'health-results',
    up: (db) => {
      // One row per health probe; retention (24 h, capped per service) is enforced on write.
      db.exec(`CREATE TABLE health_results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        service TEXT NOT NULL,
        checked_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        response_time_ms INTEGER,
        http_status INTEGER,
        error TEXT
      )`);
      db.exec(`CREATE INDEX health_results_service_checked_at ON health_results (service, checked_at)`);
    },
  },
  {
    version: 4,
    name: 'rebuildable-data-to-cache-db',
    up: (db) => {
      // The response cache and health history moved to cache.db; what was here is rebuilt there.
      db.exec('DROP TABLE IF EXISTS gateway_cache');
      db.exec('DROP TABLE IF EXISTS health_results');
    },
  },
];
