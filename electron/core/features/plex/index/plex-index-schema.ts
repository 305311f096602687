/**
 * The library index in cache.db (its tables are cache.db's migration
 * `plex-index`):
 *
 * - `plex_items`: one row per item, with the folded sort and prefix keys and
 *   the tmdb/tvdb/imdb ids (indexed, so other features can find an item).
 * - `plex_fts`: words (unicode61, diacritics removed, text folded before it
 *   is stored), prefix indexes for 2 and 3 characters.
 * - `plex_tri`: trigrams of titles, for substrings inside longer words.
 */
import type { Db } from '../../../db/database';

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

/** Readies the index for work; its tables come from cache.db's migrations. */
export function preparePlexIndex(db: Db): void {
  // A sync writes B-tree and full-text indexes per item: SQLite's default 2 MB
  // page cache makes that a disk-bound shuffle on large libraries.
  db.pragma('cache_size = -32768');
  // A first sync that stopped half-way left them dropped.
  createItemIndexes(db);
}
