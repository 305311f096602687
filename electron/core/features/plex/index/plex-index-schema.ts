/**
 * The library index's tables in the rebuildable (cache) database. Being a
 * cache, it has no migrations: when the stored schema version differs from
 * this one, every index table is dropped and made anew, and the next sync
 * fills it again.
 *
 * - `plex_items`: one row per item, with the folded sort and prefix keys and
 *   the tmdb/tvdb/imdb ids (indexed, so other features can find an item).
 * - `plex_fts`: words (unicode61, diacritics removed, text folded before it
 *   is stored), prefix indexes for 2 and 3 characters.
 * - `plex_tri`: trigrams of titles, for substrings inside longer words.
 */
import type { Db } from '../../../db/database';

export const PLEX_INDEX_SCHEMA_VERSION = 2;

/**
 * The B-tree indexes beside the item table. A first sync into an empty index
 * drops them and builds them once at the end (a sort instead of ten random
 * inserts per item); at start any that are missing are made.
 */
export const PLEX_ITEM_INDEXES: readonly string[] = [
  'CREATE INDEX IF NOT EXISTS plex_items_title ON plex_items (section_key, title_sort)',
  'CREATE INDEX IF NOT EXISTS plex_items_added ON plex_items (section_key, added_at)',
  'CREATE INDEX IF NOT EXISTS plex_items_year ON plex_items (section_key, year)',
  'CREATE INDEX IF NOT EXISTS plex_items_rating ON plex_items (section_key, rating)',
  'CREATE INDEX IF NOT EXISTS plex_items_fold ON plex_items (title_fold)',
  'CREATE INDEX IF NOT EXISTS plex_items_added_all ON plex_items (added_at)',
  'CREATE INDEX IF NOT EXISTS plex_items_file ON plex_items (file) WHERE file IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS plex_items_imdb ON plex_items (imdb) WHERE imdb IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS plex_items_tmdb ON plex_items (tmdb) WHERE tmdb IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS plex_items_tvdb ON plex_items (tvdb) WHERE tvdb IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS plex_item_genres_item ON plex_item_genres (item_id)',
];

export function createItemIndexes(db: Db): void {
  for (const statement of PLEX_ITEM_INDEXES) db.exec(statement);
}

export function dropItemIndexes(db: Db): void {
  for (const statement of PLEX_ITEM_INDEXES) db.exec(`DROP INDEX IF EXISTS ${/IF NOT EXISTS (\w+)/.exec(statement)![1]}`);
}

const TABLES = ['plex_item_genres', 'plex_fts', 'plex_tri', 'plex_items', 'plex_sections', 'plex_index_meta'];

function create(db: Db): void {
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
      -- Folded text as the word index holds it, so the text indexes can be rebuilt in SQL.
      search_original TEXT,
      search_people TEXT NOT NULL,
      search_genres TEXT NOT NULL
    );
    CREATE TABLE plex_item_genres (genre TEXT NOT NULL, item_id INTEGER NOT NULL, PRIMARY KEY (genre, item_id)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE plex_fts USING fts5(title, original_title, people, genres, year, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
    CREATE VIRTUAL TABLE plex_tri USING fts5(text, tokenize = 'trigram');
  `);
  db.prepare('INSERT INTO plex_index_meta (key, value) VALUES (?, ?)').run('schema_version', String(PLEX_INDEX_SCHEMA_VERSION));
}

function storedVersion(db: Db): number | undefined {
  try {
    const row = db.prepare("SELECT value FROM plex_index_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the index tables ready; returns true when they were (re)created empty. */
export function ensurePlexIndexSchema(db: Db): boolean {
  // A sync writes ten B-tree indexes and two full-text indexes per item: SQLite's
  // default 2 MB page cache makes that a disk-bound shuffle on large libraries.
  db.pragma('cache_size = -32768');
  if (storedVersion(db) === PLEX_INDEX_SCHEMA_VERSION) {
    createItemIndexes(db);
    return false;
  }
  db.transaction(() => {
    for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
    create(db);
    createItemIndexes(db);
  })();
  return true;
}
