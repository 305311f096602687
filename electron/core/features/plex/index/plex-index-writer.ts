/**
 * Writes to the library index: sections and their sync bookkeeping, items
 * upserted in batches (rewritten and re-indexed only when their fingerprint
 * changed), deletions, and wiping when the index belongs to another server.
 */
import type { Db } from '../../../db/database';
import { createItemIndexes, dropItemIndexes } from './plex-index-schema';
import { fingerprint, type IndexItemRow } from './plex-item-row';
import { foldText } from './plex-text';

export interface IndexSectionInput {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly agent: string | null;
  readonly scanner: string | null;
  readonly locations: readonly string[];
  readonly updatedAt: number | null;
  readonly scannedAt: number | null;
}

/** What a sync remembers about a section between runs. */
export interface SectionSyncState {
  readonly key: string;
  readonly syncedUpdatedAt: number | null;
  readonly syncedScannedAt: number | null;
  readonly maxItemUpdatedAt: number;
  readonly lastSyncAt: number | null;
  readonly lastFullSyncAt: number | null;
  readonly filterSpelling: string | null;
}

export interface UpsertResult {
  readonly written: number;
  readonly unchanged: number;
}

export interface PlexIndexWriter {
  /** Replaces the section list (sections gone from Plex take their items with them). */
  setSections(sections: readonly IndexSectionInput[]): void;
  syncState(sectionKey: string): SectionSyncState | undefined;
  recordSync(sectionKey: string, state: Partial<Omit<SectionSyncState, 'key'>>): void;
  upsert(rows: readonly IndexItemRow[]): UpsertResult;
  /** True when the index holds no item at all (a first sync can load in bulk). */
  isEmpty(): boolean;
  /**
   * Bulk loading into an empty index: the B-tree and text indexes are dropped,
   * items go in alone, and `endBulk` builds every index once from the items.
   */
  beginBulk(): void;
  endBulk(): void;
  /** Rating keys of a section's items. */
  ratingKeys(sectionKey: string): string[];
  deleteByRatingKey(ratingKeys: readonly string[]): number;
  count(sectionKey: string): number;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string | null): void;
  /** Empties items and sections (another server, or a rebuild). */
  clear(): void;
}

function ftsPeople(row: IndexItemRow): string {
  return foldText([...row.directors, ...row.cast].join(' '));
}

export function createPlexIndexWriter(db: Db): PlexIndexWriter {
  const findItem = db.prepare<[string], { id: number; fingerprint: string }>('SELECT id, fingerprint FROM plex_items WHERE rating_key = ?');
  const columns = `section_key, type, title, title_sort, title_fold, original_title, year, summary, added_at, updated_at, rating, content_rating,
    duration, view_count, view_offset, leaf_count, viewed_leaf_count, thumb, art, genres, directors, cast_names, imdb, tmdb, tvdb, media, file, fingerprint,
    search_original, search_people, search_genres`;
  const names = columns.split(',').map((name) => name.trim());
  const insertItem = db.prepare(`INSERT INTO plex_items (rating_key, ${columns}) VALUES (?, ${names.map(() => '?').join(', ')})`);
  const updateItem = db.prepare(`UPDATE plex_items SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE id = ?`);
  const insertFts = db.prepare('INSERT INTO plex_fts (rowid, title, original_title, people, genres, year) VALUES (?, ?, ?, ?, ?, ?)');
  const deleteFts = db.prepare('DELETE FROM plex_fts WHERE rowid = ?');
  const insertTri = db.prepare('INSERT INTO plex_tri (rowid, text) VALUES (?, ?)');
  const deleteTri = db.prepare('DELETE FROM plex_tri WHERE rowid = ?');
  const insertGenre = db.prepare('INSERT OR IGNORE INTO plex_item_genres (genre, item_id) VALUES (?, ?)');
  const deleteGenres = db.prepare('DELETE FROM plex_item_genres WHERE item_id = ?');
  const deleteItem = db.prepare('DELETE FROM plex_items WHERE id = ?');

  const values = (row: IndexItemRow, print: string): unknown[] => [
    row.sectionKey, row.type, row.title, row.titleSort, row.titleFold, row.originalTitle, row.year, row.summary, row.addedAt, row.updatedAt,
    row.rating, row.contentRating, row.duration, row.viewCount, row.viewOffset, row.leafCount, row.viewedLeafCount, row.thumb, row.art,
    JSON.stringify(row.genres), JSON.stringify(row.directors), JSON.stringify(row.cast), row.imdb, row.tmdb, row.tvdb,
    row.media.length > 0 ? JSON.stringify(row.media) : null, row.file, print,
    row.originalTitle ? foldText(row.originalTitle) : null, ftsPeople(row), foldText(row.genres.join(' ')),
  ];

  let bulk = false;
  const indexText = (id: number, row: IndexItemRow): void => {
    if (bulk) return;
    insertFts.run(id, row.titleFold, row.originalTitle ? foldText(row.originalTitle) : null, ftsPeople(row), foldText(row.genres.join(' ')), row.year === null ? null : String(row.year));
    insertTri.run(id, row.originalTitle ? `${row.titleFold} ${foldText(row.originalTitle)}` : row.titleFold);
    for (const genre of row.genres) insertGenre.run(genre, id);
  };
  /** Builds the text indexes and genres of every item from its stored folded text. */
  const buildTextIndexes = db.transaction(() => {
    db.exec(`
      DELETE FROM plex_fts; DELETE FROM plex_tri; DELETE FROM plex_item_genres;
      INSERT INTO plex_fts (rowid, title, original_title, people, genres, year)
        SELECT id, title_fold, search_original, search_people, search_genres, CAST(year AS TEXT) FROM plex_items;
      INSERT INTO plex_tri (rowid, text)
        SELECT id, CASE WHEN search_original IS NULL THEN title_fold ELSE title_fold || ' ' || search_original END FROM plex_items;
      INSERT OR IGNORE INTO plex_item_genres (genre, item_id) SELECT g.value, i.id FROM plex_items i, json_each(i.genres) g;
    `);
  });
  const unindex = (id: number): void => {
    deleteFts.run(id);
    deleteTri.run(id);
    deleteGenres.run(id);
  };

  const upsert = db.transaction((rows: readonly IndexItemRow[]): UpsertResult => {
    let written = 0;
    let unchanged = 0;
    for (const row of rows) {
      const print = fingerprint(row);
      const existing = findItem.get(row.ratingKey);
      if (existing?.fingerprint === print) {
        unchanged += 1;
        continue;
      }
      written += 1;
      if (existing) {
        updateItem.run(...values(row, print), existing.id);
        unindex(existing.id);
        indexText(existing.id, row);
      } else {
        const id = Number(insertItem.run(row.ratingKey, ...values(row, print)).lastInsertRowid);
        indexText(id, row);
      }
    }
    return { written, unchanged };
  });

  const deleteIds = db.transaction((ids: readonly number[]) => {
    for (const id of ids) {
      unindex(id);
      deleteItem.run(id);
    }
  });

  const upsertSection = db.prepare(`INSERT INTO plex_sections (key, position, title, type, agent, scanner, locations, updated_at, scanned_at)
    VALUES (@key, @position, @title, @type, @agent, @scanner, @locations, @updatedAt, @scannedAt)
    ON CONFLICT (key) DO UPDATE SET position = excluded.position, title = excluded.title, type = excluded.type, agent = excluded.agent,
      scanner = excluded.scanner, locations = excluded.locations, updated_at = excluded.updated_at, scanned_at = excluded.scanned_at`);

  return {
    setSections: db.transaction((sections: readonly IndexSectionInput[]) => {
      const keep = new Set(sections.map((section) => section.key));
      const known = db.prepare<[], { key: string }>('SELECT key FROM plex_sections').all();
      for (const { key } of known) {
        if (keep.has(key)) continue;
        const ids = db.prepare<[string], { id: number }>('SELECT id FROM plex_items WHERE section_key = ?').all(key).map((row) => row.id);
        deleteIds(ids);
        db.prepare('DELETE FROM plex_sections WHERE key = ?').run(key);
      }
      sections.forEach((section, position) => upsertSection.run({ ...section, position, locations: JSON.stringify(section.locations) }));
    }),
    syncState(sectionKey) {
      const row = db
        .prepare<[string], { key: string; synced_updated_at: number | null; synced_scanned_at: number | null; max_item_updated_at: number; last_sync_at: number | null; last_full_sync_at: number | null; filter_spelling: string | null }>(
          'SELECT key, synced_updated_at, synced_scanned_at, max_item_updated_at, last_sync_at, last_full_sync_at, filter_spelling FROM plex_sections WHERE key = ?',
        )
        .get(sectionKey);
      return row
        ? {
            key: row.key,
            syncedUpdatedAt: row.synced_updated_at,
            syncedScannedAt: row.synced_scanned_at,
            maxItemUpdatedAt: row.max_item_updated_at,
            lastSyncAt: row.last_sync_at,
            lastFullSyncAt: row.last_full_sync_at,
            filterSpelling: row.filter_spelling,
          }
        : undefined;
    },
    recordSync(sectionKey, state) {
      const map: Record<string, string> = {
        syncedUpdatedAt: 'synced_updated_at',
        syncedScannedAt: 'synced_scanned_at',
        maxItemUpdatedAt: 'max_item_updated_at',
        lastSyncAt: 'last_sync_at',
        lastFullSyncAt: 'last_full_sync_at',
        filterSpelling: 'filter_spelling',
      };
      const entries = Object.entries(state).filter(([name]) => map[name]);
      if (entries.length === 0) return;
      db.prepare(`UPDATE plex_sections SET ${entries.map(([name]) => `${map[name]} = ?`).join(', ')} WHERE key = ?`).run(...entries.map(([, value]) => value), sectionKey);
    },
    upsert,
    isEmpty: () => db.prepare('SELECT 1 FROM plex_items LIMIT 1').get() === undefined,
    beginBulk() {
      if (bulk) return;
      bulk = true;
      dropItemIndexes(db);
    },
    endBulk() {
      if (!bulk) return;
      bulk = false;
      buildTextIndexes();
      createItemIndexes(db);
      db.exec("INSERT INTO plex_fts (plex_fts) VALUES ('optimize'); INSERT INTO plex_tri (plex_tri) VALUES ('optimize');");
    },
    ratingKeys: (sectionKey) => db.prepare<[string], { rating_key: string }>('SELECT rating_key FROM plex_items WHERE section_key = ?').pluck().all(sectionKey) as unknown as string[],
    deleteByRatingKey(ratingKeys) {
      const ids: number[] = [];
      for (const key of ratingKeys) {
        const found = findItem.get(key);
        if (found) ids.push(found.id);
      }
      deleteIds(ids);
      return ids.length;
    },
    count: (sectionKey) => (db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM plex_items WHERE section_key = ?').get(sectionKey)?.n ?? 0),
    getMeta: (key) => db.prepare<[string], { value: string }>('SELECT value FROM plex_index_meta WHERE key = ?').get(key)?.value,
    setMeta(key, value) {
      if (value === null) db.prepare('DELETE FROM plex_index_meta WHERE key = ?').run(key);
      else db.prepare('INSERT INTO plex_index_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    },
    clear: db.transaction(() => {
      db.exec('DELETE FROM plex_item_genres; DELETE FROM plex_fts; DELETE FROM plex_tri; DELETE FROM plex_items; DELETE FROM plex_sections;');
    }),
  };
}
