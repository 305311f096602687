/**
 * Opens a SQLite database (better-sqlite3): WAL, foreign keys, and numbered
 * migrations recorded in a `migrations` table, each applied in its own
 * transaction so a failed migration leaves the previous schema intact.
 * The core's two files are opened in databases.ts.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Migration } from './migration';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  readonly file: string;
  readonly migrations: readonly Migration[];
  /** `FULL` for data that cannot be rebuilt: a power cut loses no committed change. Default `NORMAL`. */
  readonly synchronous?: 'NORMAL' | 'FULL';
}

export function openDatabase(options: OpenDatabaseOptions): Db {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  migrate(db, options.migrations);
  return db;
}

/** Applies every migration newer than the recorded version, in order. Returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) {
      throw new Error(`Two migrations share version ${sorted[i]!.version}`);
    }
  }
  const row = db.prepare('SELECT MAX(version) AS version FROM migrations').get() as { version: number | null };
  const current = row.version ?? 0;
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of sorted) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, Date.now());
    })();
    applied.push(migration.version);
  }
  // The version also goes in the file's header, where a start-up check reads it without opening the file.
  const version = Math.max(current, sorted.at(-1)?.version ?? 0);
  if (db.pragma('user_version', { simple: true }) !== version) db.pragma(`user_version = ${version}`);
  return applied;
}

/** The highest version a migrations list knows: what a file written by this MediaNest can be at most. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM migrations').get() as { version: number | null };
  return row.version ?? 0;
}
