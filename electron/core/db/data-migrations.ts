/**
 * The schema of medianest.db: what cannot be rebuilt, because the user
 * chose it (health mutes, Overseerr requests and their outbox, the download
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
  {
    version: 6,
    name: 'overseerr-requests-and-outbox',
    up: (db) => {
      // One row per request MediaNest made. `identity` is (media type, TMDB id, 4K, seasons):
      // at most one live request per identity, so submitting twice never sends twice.
      db.exec(`CREATE TABLE overseerr_requests (
        id TEXT PRIMARY KEY,
        media_type TEXT NOT NULL CHECK (media_type IN ('movie', 'tv')),
        tmdb_id INTEGER NOT NULL,
        tvdb_id INTEGER,
        title TEXT NOT NULL,
        year INTEGER,
        poster_path TEXT,
        seasons TEXT NOT NULL,
        is4k INTEGER NOT NULL,
        identity TEXT NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('outbox', 'sent', 'refused', 'removed')),
        overseerr_id INTEGER UNIQUE,
        request_status INTEGER,
        media_status INTEGER,
        plex_rating_key TEXT,
        refusal TEXT,
        upstream_updated_at INTEGER,
        state TEXT NOT NULL,
        state_since INTEGER NOT NULL,
        stuck_reason TEXT,
        checked_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      )`);
      db.exec(`CREATE UNIQUE INDEX overseerr_requests_live_identity ON overseerr_requests (identity) WHERE phase IN ('outbox', 'sent')`);
      db.exec(`CREATE INDEX overseerr_requests_media ON overseerr_requests (media_type, tmdb_id)`);
      // The outbox: what still has to reach Overseerr, in the order it was asked for.
      // `in_flight` is set before a POST and cleared only once its outcome is known, so
      // after a crash or a timeout the next attempt looks in Overseerr before posting again.
      db.exec(`CREATE TABLE overseerr_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL UNIQUE REFERENCES overseerr_requests(id) ON DELETE CASCADE,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        in_flight INTEGER NOT NULL DEFAULT 0,
        parked INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL
      )`);
      db.exec(`CREATE TABLE overseerr_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    },
  },
  {
    version: 7,
    name: 'download-queue',
    up: (db) => {
      // The download queue (features/downloads/downloads-store.ts). Every column a later
      // version adds must have a default, and the store names its columns, so a job stored
      // by this version still reads back after the next migration.
      db.exec(`CREATE TABLE download_jobs (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        url TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'playlist')),
        title TEXT NOT NULL,
        channel TEXT,
        quality TEXT NOT NULL,
        section_key TEXT NOT NULL,
        section_title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'completed', 'failed', 'cancelled')),
        enumerated INTEGER NOT NULL DEFAULT 0,
        progress TEXT,
        failure TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        pgid INTEGER,
        staging_dir TEXT,
        collection TEXT,
        open_url TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
      )`);
      db.exec('CREATE INDEX download_jobs_state ON download_jobs (state, seq)');
      db.exec(`CREATE TABLE download_items (
        job_id TEXT NOT NULL REFERENCES download_jobs(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        title TEXT NOT NULL,
        url TEXT NOT NULL,
        video_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'skipped')),
        percent REAL,
        file TEXT,
        rating_key TEXT,
        PRIMARY KEY (job_id, idx)
      )`);
      db.exec('CREATE TABLE download_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    },
  },
];
