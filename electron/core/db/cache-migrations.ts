/**
 * The schema of cache.db: what can be rebuilt from the services (answers
 * cached by the gateway, health history, Uptime Kuma's heartbeats, the Plex
 * library index). Deleting the file loses nothing that cannot
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
  {
    version: 4,
    name: 'plex-index',
    up: (db) => {
      // The Plex library index (features/plex/index/: its writer, reader and search).
      // Folded text is kept on the item row so the text indexes can be rebuilt in SQL;
      // the B-tree indexes beside plex_items are the writer's (it drops and rebuilds
      // them around a first sync), made at start when missing.
      db.exec(`
        CREATE TABLE plex_index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE plex_sections (
          key TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          title TEXT NOT NULL,
          type TEXT NOT NULL,
          agent TEXT,
          scanner TEXT,
          locations TEXT NOT NULL,
          updated_at INTEGER,
          scanned_at INTEGER,
          synced_updated_at INTEGER,
          synced_scanned_at INTEGER,
          max_item_updated_at INTEGER NOT NULL DEFAULT 0,
          last_sync_at INTEGER,
          last_full_sync_at INTEGER,
          filter_spelling TEXT
        );
        CREATE TABLE plex_items (
          id INTEGER PRIMARY KEY,
          rating_key TEXT NOT NULL UNIQUE,
          section_key TEXT NOT NULL,
          type TEXT NOT NULL,
          title TEXT NOT NULL,
          title_sort TEXT NOT NULL,
          title_fold TEXT NOT NULL,
          original_title TEXT,
          year INTEGER,
          summary TEXT,
          added_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          rating REAL,
          content_rating TEXT,
          duration INTEGER,
          view_count INTEGER NOT NULL,
          view_offset INTEGER NOT NULL,
          leaf_count INTEGER,
          viewed_leaf_count INTEGER,
          thumb TEXT,
          art TEXT,
          genres TEXT NOT NULL,
          directors TEXT NOT NULL,
          cast_names TEXT NOT NULL,
          imdb TEXT,
          tmdb TEXT,
          tvdb TEXT,
          media TEXT,
          file TEXT,
          fingerprint TEXT NOT NULL,
          search_original TEXT,
          search_people TEXT NOT NULL,
          search_genres TEXT NOT NULL
        );
        CREATE TABLE plex_item_genres (genre TEXT NOT NULL, item_id INTEGER NOT NULL, PRIMARY KEY (genre, item_id)) WITHOUT ROWID;
        CREATE VIRTUAL TABLE plex_fts USING fts5(title, original_title, people, genres, year, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
        CREATE VIRTUAL TABLE plex_tri USING fts5(text, tokenize = 'trigram');
      `);
    },
  },
];
