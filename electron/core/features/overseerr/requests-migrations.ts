/**
 * The schema of requests and their outbox, in the precious database (what
 * the household asked for must survive restarts, crashes and upgrades).
 * Numbered in this feature's own ledger; never edit a released migration.
 */
import { migrate, type Db } from '../../db/database';
import type { Migration } from '../../db/migrations';

export const REQUESTS_LEDGER = 'overseerr_schema';

export const requestsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'requests-and-outbox',
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
];

/** Brings the requests schema up to date; returns the versions applied. */
export function migrateRequests(db: Db): number[] {
  return migrate(db, requestsMigrations, REQUESTS_LEDGER);
}
