/**
 * Search over the local index, ranked in tiers so title matches come first
 * and the common case costs a B-tree range scan rather than scoring every
 * match:
 *
 * 1. the title starts with what was typed (folded title, index range);
 * 2. every typed word is a word prefix in the title or original title (FTS5, bm25);
 * 3. every typed word is a word prefix anywhere: cast, directors, genres, year;
 * 4. what was typed is a substring of the title (trigram, 3 characters or more).
 *
 * A later tier runs only while the result is short. One character does the
 * unranked title-prefix look-up of tier 1 alone.
 */
import type { Db } from '../../../db/database';
import type { LibraryItem } from '../../../../../shared/contract/areas/plex';
import { ITEM_COLUMNS, toLibraryItem, type ItemRowLite } from './plex-index-reader';
import { foldText, prefixQuery, prefixUpperBound, queryTokens } from './plex-text';

export interface SearchOptions {
  readonly sectionKey?: string;
  readonly limit: number;
}

export interface PlexSearch {
  search(query: string, options: SearchOptions): LibraryItem[];
}

export function createPlexSearch(db: Db): PlexSearch {
  const columns = ITEM_COLUMNS.split(', ')
    .map((name) => `i.${name}`)
    .join(', ');
  const titlePrefix = db.prepare<[string, string, number], ItemRowLite>(
    `SELECT ${columns} FROM plex_items i WHERE i.title_fold >= ? AND i.title_fold < ? ORDER BY i.title_fold LIMIT ?`,
  );
  const titlePrefixInSection = db.prepare<[string, string, string, number], ItemRowLite>(
    `SELECT ${columns} FROM plex_items i WHERE i.title_fold >= ? AND i.title_fold < ? AND i.section_key = ? ORDER BY i.title_fold LIMIT ?`,
  );
  const fts = (sectioned: boolean) =>
    db.prepare(
      `SELECT ${columns} FROM plex_fts f JOIN plex_items i ON i.id = f.rowid
       WHERE plex_fts MATCH ? ${sectioned ? 'AND i.section_key = ?' : ''} ORDER BY bm25(plex_fts, 10.0, 8.0, 2.0, 1.0, 1.0) LIMIT ?`,
    );
  const ftsAll = fts(false);
  const ftsInSection = fts(true);
  const tri = (sectioned: boolean) =>
    db.prepare(`SELECT ${columns} FROM plex_tri t JOIN plex_items i ON i.id = t.rowid WHERE plex_tri MATCH ? ${sectioned ? 'AND i.section_key = ?' : ''} LIMIT ?`);
  const triAll = tri(false);
  const triInSection = tri(true);

  return {
    search(query, { sectionKey, limit }) {
      const folded = foldText(query).trim().replace(/\s+/g, ' ');
      if (folded === '') return [];
      const found = new Map<number, ItemRowLite>();
      const add = (rows: readonly ItemRowLite[]): void => {
        for (const row of rows) if (found.size < limit && !found.has(row.id)) found.set(row.id, row);
      };
      const want = (): number => limit - found.size + Math.min(limit, found.size);
      const upper = prefixUpperBound(folded);
      add(sectionKey ? titlePrefixInSection.all(folded, upper, sectionKey, limit) : titlePrefix.all(folded, upper, limit));
      if (folded.length < 2) return [...found.values()].map(toLibraryItem);

      const tokens = queryTokens(folded);
      if (tokens.length > 0 && found.size < limit) {
        const words = prefixQuery(tokens);
        const run = (match: string): ItemRowLite[] => (sectionKey ? ftsInSection.all(match, sectionKey, want()) : ftsAll.all(match, want())) as ItemRowLite[];
        add(run(`{title original_title} : ${words}`));
        if (found.size < limit) add(run(words));
      }
      if (found.size < limit && [...folded].length >= 3) {
        const phrase = `"${folded.replace(/"/g, '""')}"`;
        add((sectionKey ? triInSection.all(phrase, sectionKey, want()) : triAll.all(phrase, want())) as ItemRowLite[]);
      }
      return [...found.values()].map(toLibraryItem);
    },
  };
}
