/**
 * Reads from the library index: sections, sorted and filtered pages, details,
 * recently added, genres, and look-ups by tmdb/tvdb/imdb id. Everything here
 * answers from SQLite alone, so it works the same while Plex is down.
 */
import type { Db } from '../../../db/database';
import type { LibraryItem, LibraryItemDetails, LibraryItemsRequest, LibrarySection, LibrarySort } from '../../../../../shared/contract/areas/plex';
import type { IndexMedia } from './plex-item-row';

/** The binary route posters are served under (see plex-posters.ts). */
export const POSTER_ROUTE = 'plex-poster';

/** Columns every grid item needs. */
export const ITEM_COLUMNS = 'id, rating_key, section_key, type, title, original_title, year, added_at, updated_at, rating, view_count, view_offset, duration, leaf_count, viewed_leaf_count, thumb';

export interface ItemRowLite {
  readonly id: number;
  readonly rating_key: string;
  readonly section_key: string;
  readonly type: string;
  readonly title: string;
  readonly original_title: string | null;
  readonly year: number | null;
  readonly added_at: number;
  readonly updated_at: number;
  readonly rating: number | null;
  readonly view_count: number;
  readonly view_offset: number;
  readonly duration: number | null;
  readonly leaf_count: number | null;
  readonly viewed_leaf_count: number | null;
  readonly thumb: string | null;
}

interface ItemRowFull extends ItemRowLite {
  readonly summary: string | null;
  readonly content_rating: string | null;
  readonly genres: string;
  readonly directors: string;
  readonly cast_names: string;
  readonly art: string | null;
  readonly media: string | null;
  readonly imdb: string | null;
  readonly tmdb: string | null;
  readonly tvdb: string | null;
}

/** `binary/plex-poster/<ratingKey>/<version>`; the grid appends `/<width>`. */
export function posterPath(row: Pick<ItemRowLite, 'rating_key' | 'updated_at' | 'thumb'>): string | null {
  return row.thumb ? `binary/${POSTER_ROUTE}/${encodeURIComponent(row.rating_key)}/${row.updated_at}` : null;
}

export function toLibraryItem(row: ItemRowLite): LibraryItem {
  const watched = row.type === 'show' ? (row.leaf_count ?? 0) > 0 && (row.viewed_leaf_count ?? 0) >= (row.leaf_count ?? 0) : row.view_count > 0;
  const progress = row.view_offset > 0 && row.duration ? Math.min(1, row.view_offset / row.duration) : null;
  return {
    ratingKey: row.rating_key,
    sectionKey: row.section_key,
    type: row.type,
    title: row.title,
    originalTitle: row.original_title,
    year: row.year,
    poster: posterPath(row),
    addedAt: row.added_at,
    rating: row.rating,
    watched,
    progress,
  };
}

const SORT_COLUMNS: Record<LibrarySort, string> = { title: 'title_sort', added: 'added_at', year: 'year', rating: 'rating' };

export interface GuidLookup {
  readonly imdb?: string;
  readonly tmdb?: string;
  readonly tvdb?: string;
}

export interface IndexedItemRef {
  readonly ratingKey: string;
  readonly sectionKey: string;
  readonly type: string;
  readonly title: string;
  readonly year: number | null;
  readonly file: string | null;
}

export interface PlexIndexReader {
  sections(): LibrarySection[];
  page(request: Required<Omit<LibraryItemsRequest, 'filter'>> & { filter: NonNullable<LibraryItemsRequest['filter']> }): { items: LibraryItem[]; total: number };
  details(ratingKey: string): Omit<LibraryItemDetails, 'openInPlexUrl'> | undefined;
  recentlyAdded(limit: number, sectionKey?: string): LibraryItem[];
  /** Grid items for these rating keys, in this order (unknown ones left out). */
  items(ratingKeys: readonly string[]): LibraryItem[];
  genres(sectionKey: string): string[];
  byGuid(lookup: GuidLookup): IndexedItemRef | undefined;
  byFile(file: string): IndexedItemRef | undefined;
  imagesOf(ratingKey: string): { thumb: string | null; art: string | null; updatedAt: number } | undefined;
  totalItems(): number;
}

export function createPlexIndexReader(db: Db): PlexIndexReader {
  const refColumns = 'rating_key, section_key, type, title, year, file';
  const toRef = (row: { rating_key: string; section_key: string; type: string; title: string; year: number | null; file: string | null }): IndexedItemRef => ({
    ratingKey: row.rating_key,
    sectionKey: row.section_key,
    type: row.type,
    title: row.title,
    year: row.year,
    file: row.file,
  });
  const detailsQuery = db.prepare<[string], ItemRowFull>(`SELECT ${ITEM_COLUMNS}, summary, content_rating, genres, directors, cast_names, art, media, imdb, tmdb, tvdb FROM plex_items WHERE rating_key = ?`);

  return {
    sections() {
      const rows = db
        .prepare<[], { key: string; title: string; type: string; locations: string; agent: string | null; last_sync_at: number | null; item_count: number }>(
          `SELECT s.key, s.title, s.type, s.locations, s.agent, s.last_sync_at, (SELECT COUNT(*) FROM plex_items i WHERE i.section_key = s.key) AS item_count
           FROM plex_sections s ORDER BY s.position`,
        )
        .all();
      return rows.map((row) => ({ key: row.key, title: row.title, type: row.type, itemCount: row.item_count, locations: JSON.parse(row.locations) as string[], agent: row.agent, lastSyncedAt: row.last_sync_at }));
    },
    page({ sectionKey, offset, limit, sort, descending, filter }) {
      const where = ['i.section_key = ?'];
      const params: unknown[] = [sectionKey];
      let from = 'plex_items i';
      if (filter.type) {
        where.push('i.type = ?');
        params.push(filter.type);
      }
      if (filter.unwatched) where.push("(CASE WHEN i.type = 'show' THEN COALESCE(i.viewed_leaf_count, 0) < COALESCE(i.leaf_count, 1) ELSE i.view_count = 0 END)");
      if (filter.genre) {
        from = 'plex_item_genres g JOIN plex_items i ON i.id = g.item_id';
        where.unshift('g.genre = ?');
        params.unshift(filter.genre);
      }
      const column = SORT_COLUMNS[sort];
      const direction = descending ? 'DESC' : 'ASC';
      // Ties (same year, same rating) fall back to the title, so pages never shuffle.
      const order = column === 'title_sort' ? `i.title_sort ${direction}, i.id` : `i.${column} ${direction}, i.title_sort, i.id`;
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where.join(' AND ')}`).get(...params) as { n: number }).n;
      const rows = db.prepare(`SELECT ${ITEM_COLUMNS.split(', ').map((name) => `i.${name}`).join(', ')} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as ItemRowLite[];
      return { items: rows.map(toLibraryItem), total };
    },
    details(ratingKey) {
      const row = detailsQuery.get(ratingKey);
      if (!row) return undefined;
      return {
        ...toLibraryItem(row),
        summary: row.summary,
        duration: row.duration,
        contentRating: row.content_rating,
        genres: JSON.parse(row.genres) as string[],
        directors: JSON.parse(row.directors) as string[],
        cast: JSON.parse(row.cast_names) as string[],
        art: row.art ? `binary/${POSTER_ROUTE}/${encodeURIComponent(row.rating_key)}/${row.updated_at}-art` : null,
        media: row.media ? (JSON.parse(row.media) as IndexMedia[]).map((media) => ({ ...media, parts: [...media.parts] })) : [],
        guids: { imdb: row.imdb, tmdb: row.tmdb, tvdb: row.tvdb },
        leafCount: row.leaf_count,
      };
    },
    recentlyAdded(limit, sectionKey) {
      const rows = sectionKey
        ? (db.prepare(`SELECT ${ITEM_COLUMNS} FROM plex_items WHERE section_key = ? ORDER BY added_at DESC LIMIT ?`).all(sectionKey, limit) as ItemRowLite[])
        : (db.prepare(`SELECT ${ITEM_COLUMNS} FROM plex_items ORDER BY added_at DESC LIMIT ?`).all(limit) as ItemRowLite[]);
      return rows.map(toLibraryItem);
    },
    items(ratingKeys) {
      const query = db.prepare<[string], ItemRowLite>(`SELECT ${ITEM_COLUMNS} FROM plex_items WHERE rating_key = ?`);
      return ratingKeys.flatMap((key) => {
        const row = query.get(key);
        return row ? [toLibraryItem(row)] : [];
      });
    },
    genres(sectionKey) {
      return db
        .prepare<[string], { genre: string }>('SELECT DISTINCT g.genre FROM plex_item_genres g JOIN plex_items i ON i.id = g.item_id WHERE i.section_key = ? ORDER BY g.genre')
        .all(sectionKey)
        .map((row) => row.genre);
    },
    byGuid(lookup) {
      for (const kind of ['tmdb', 'tvdb', 'imdb'] as const) {
        const id = lookup[kind];
        if (!id) continue;
        const row = db.prepare(`SELECT ${refColumns} FROM plex_items WHERE ${kind} = ? LIMIT 1`).get(id) as Parameters<typeof toRef>[0] | undefined;
        if (row) return toRef(row);
      }
      return undefined;
    },
    byFile(file) {
      const row = db.prepare(`SELECT ${refColumns} FROM plex_items WHERE file = ? LIMIT 1`).get(file) as Parameters<typeof toRef>[0] | undefined;
      return row ? toRef(row) : undefined;
    },
    imagesOf(ratingKey) {
      const row = db.prepare<[string], { thumb: string | null; art: string | null; updated_at: number }>('SELECT thumb, art, updated_at FROM plex_items WHERE rating_key = ?').get(ratingKey);
      return row ? { thumb: row.thumb, art: row.art, updatedAt: row.updated_at } : undefined;
    },
    totalItems: () => (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM plex_items').get()?.n ?? 0),
  };
}
