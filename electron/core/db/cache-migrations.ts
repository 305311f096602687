/**
 * The schema of cache.db: what can be rebuilt from the services (answers
 * cached by the gateway, health history, Uptime Kuma's heartbeats; later the
 * library index and posters). Deleting the file loses nothing that cannot
 * come back. A feature's table is added here with the next number; the
 * feature's store (in its folder) is the only code that reads it.
 */
import type { Migration } from './migration';

export const cacheMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'gateway-cache',
    up: (db) => {
      // Read-through cache of upstream answers, one row per (upstream, operation, key).
      // `expires_at` ends freshness; `stale_until` ends the stale-if-error window and
      // is what pruning deletes on.
      db.exec(`CREATE TABLE gateway_cache (
        upstream TEXT NOT NULL,
        operation TEXT NOT NULL,
        cache_key TEXT NOT NULL,
        value TEXT NOT NULL,
        cached_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        stale_until INTEGER NOT NULL,
        PRIMARY KEY (upstream, operation, cache_key)
      )`);
      db.exec(`CREATE INDEX gateway_cache_stale_until ON gateway_cache (stale_until)`);
    },
  },
  {
    version: 2,
    name: 'health-results',
    up: (db) => {
      // One row per health probe of an upstream; retention (24 h, capped per upstream) is enforced on write.
      db.exec(`CREATE TABLE health_results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        upstream TEXT NOT NULL,
        checked_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        response_time_ms INTEGER,
        http_status INTEGER,
        error TEXT
      )`);
      db.exec(`CREATE INDEX health_results_upstream_checked_at ON health_results (upstream, checked_at)`);
    },
  },
  {
    version: 3,
    name: 'kuma-beats',
    up: (db) => {
      // Uptime Kuma's heartbeats, 24 h (features/uptime-kuma/kuma-history-store.ts): Kuma keeps
      // fewer per monitor than a day's story, and has them all again after a loss.
      db.exec(`CREATE TABLE kuma_beats (
        monitor_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        status INTEGER NOT NULL,
        ping REAL,
        PRIMARY KEY (monitor_id, at)
      ) WITHOUT ROWID`);
    },
  },
];
