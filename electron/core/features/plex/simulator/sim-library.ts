/**
 * The simulator's library: sections of any size (up to a million items) whose
 * items are computed from (seed, section, index) on demand, so nothing is
 * stored per item. Changes, deletions and additions live in small overlays,
 * which is what the test controls write to.
 */
import { ACCENTED_WORDS, CONTENT_RATINGS, ENGLISH_ADJECTIVES, ENGLISH_NOUNS, FIRST_NAMES, FOREIGN_TITLES, GENRES, LAST_NAMES } from './sim-words';

export type SimSectionType = 'movie' | 'show';

export interface SimSectionSpec {
  readonly key: string;
  readonly title: string;
  readonly type: SimSectionType;
  readonly size: number;
  /** Folders as the server sees them; default `/data/<title>`. */
  readonly locations?: readonly string[];
  /** `tv.plex.agents.none` makes an Other Videos library; default the type's own agent. */
  readonly agent?: string;
}

export interface SimLibraryOptions {
  readonly sections: readonly SimSectionSpec[];
  readonly seed?: number;
  /** Unix seconds; every generated item was added and last updated before this plus a day. Default Oct 2025. */
  readonly epoch?: number;
  /** Milliseconds clock for changes made at run time. */
  readonly now?: () => number;
}

export interface SimPerson {
  readonly tag: string;
  readonly role?: string;
}

export interface SimItem {
  readonly ratingKey: string;
  readonly index: number;
  readonly sectionKey: string;
  readonly sectionTitle: string;
  readonly type: SimSectionType;
  readonly title: string;
  readonly originalTitle: string | undefined;
  readonly year: number;
  readonly summary: string;
  readonly addedAt: number;
  readonly updatedAt: number;
  readonly audienceRating: number;
  readonly contentRating: string;
  /** Milliseconds. */
  readonly duration: number;
  readonly viewCount: number;
  readonly viewOffset: number;
  readonly genres: readonly string[];
  readonly directors: readonly string[];
  readonly cast: readonly SimPerson[];
  readonly guids: { readonly imdb: string; readonly tmdb: string; readonly tvdb: string | undefined };
  readonly file: string;
  readonly fileSize: number;
  readonly resolution: '4k' | '1080' | '720' | 'sd';
  readonly childCount: number;
  readonly leafCount: number;
}

export interface SimSectionState {
  readonly spec: SimSectionSpec;
  readonly ordinal: number;
  readonly locations: readonly string[];
  /** Base size plus items added at run time. */
  size: number;
  readonly deleted: Set<number>;
  readonly changes: Map<number, { version: number; updatedAt: number }>;
  readonly added: Map<number, { title: string; file: string; addedAt: number }>;
  updatedAt: number;
  scannedAt: number;
  /** Bumped on every change; keys the listing cache. */
  version: number;
  sortedDeleted: number[] | undefined;
}

export interface SimListFilter {
  /** Only items with updatedAt strictly greater than this. */
  readonly updatedAfter?: number;
  /** Only items with addedAt strictly greater than this. */
  readonly addedAfter?: number;
  readonly unwatched?: boolean;
}

export interface SimLibrary {
  readonly sections: readonly SimSectionState[];
  section(key: string): SimSectionState | undefined;
  /** Live item count of a section. */
  liveCount(section: SimSectionState): number;
  item(section: SimSectionState, index: number): SimItem | undefined;
  byRatingKey(ratingKey: string): SimItem | undefined;
  /** Indices of the section's live items, in listing order, for a page. Returns the total as well. */
  page(section: SimSectionState, start: number, size: number, filter?: SimListFilter, descending?: boolean): { indices: number[]; total: number };
  /** Changes `count` live items (spread over the section); returns their rating keys. */
  change(sectionKey: string, count: number): string[];
  /** Deletes `count` live items; returns their rating keys. */
  remove(sectionKey: string, count: number): string[];
  /** Adds one item for a file; returns its rating key. */
  add(sectionKey: string, title: string, file: string): string;
  /** Marks a scan: scannedAt moves. */
  scanned(sectionKey: string): void;
  /** The greatest updatedAt any generated (unchanged) item can have. */
  readonly baseUpdatedMax: number;
}

const RATING_KEY_STRIDE = 10_000_000;
const ADDED_SPACING_S = 300;
const DAY_S = 86_400;
export const DEFAULT_SIM_EPOCH = 1_760_000_000;

/** A 32-bit integer hash (murmur3 finaliser over two words). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function pick<T>(list: readonly T[], r: number): T {
  return list[r % list.length]!;
}

const SEQUELS = ['', '', '', '', '', ' 2', ' II', ': Part Two', ' Returns', ': The Beginning', ' III'];

function makeTitle(r: number, r2: number): { title: string; originalTitle: string | undefined } {
  const style = r % 100;
  const sequel = pick(SEQUELS, r2 >>> 8);
  const adj = pick(ENGLISH_ADJECTIVES, r2);
  const noun = pick(ENGLISH_NOUNS, r >>> 7);
  const noun2 = pick(ENGLISH_NOUNS, r2 >>> 13);
  const accented = pick(ACCENTED_WORDS, r >>> 11);
  if (style < 55) {
    const pattern = (r >>> 20) % 4;
    const base = pattern === 0 ? `The ${adj} ${noun}` : pattern === 1 ? `${noun} of the ${noun2}` : pattern === 2 ? `${adj} ${noun}` : `A ${noun} in the ${noun2}`;
    return { title: base + sequel, originalTitle: undefined };
  }
  if (style < 75) {
    const pattern = (r >>> 20) % 3;
    const accented2 = pick(ACCENTED_WORDS, r2 >>> 5);
    const base = pattern === 0 ? `${accented} ${noun}` : pattern === 1 ? `Le ${accented}` : `${accented} & ${accented2}`;
    return { title: base + sequel, originalTitle: undefined };
  }
  if (style < 95) {
    const [native, english] = pick(FOREIGN_TITLES, r >>> 9);
    return (r2 & 3) === 0 ? { title: native + sequel, originalTitle: undefined } : { title: english + sequel, originalTitle: native };
  }
  return { title: `${noun} ${1950 + (r2 % 75)}`, originalTitle: undefined };
}

function person(r: number): string {
  return `${pick(FIRST_NAMES, r)} ${pick(LAST_NAMES, r >>> 10)}`;
}

export function createSimLibrary(options: SimLibraryOptions): SimLibrary {
  const seed = options.seed ?? 1;
  const epoch = options.epoch ?? DEFAULT_SIM_EPOCH;
  const nowMs = options.now ?? Date.now;
  const baseUpdatedMax = epoch + DAY_S;
  let lastStamp = baseUpdatedMax;
  /** Run-time stamps only move forward, so `updatedAt>` the last one seen never misses a change. */
  const stamp = (): number => (lastStamp = Math.max(Math.floor(nowMs() / 1000), lastStamp + 1));

  const sections: SimSectionState[] = options.sections.map((spec, ordinal) => {
    if (spec.size < 0 || spec.size > RATING_KEY_STRIDE / 2) throw new Error(`section size out of range: ${spec.size}`);
    return {
      spec,
      ordinal,
      locations: spec.locations ?? [`/data/${spec.title}`],
      size: spec.size,
      deleted: new Set(),
      changes: new Map(),
      added: new Map(),
      updatedAt: epoch,
      scannedAt: epoch,
      version: 0,
      sortedDeleted: [],
    };
  });
  const byKey = new Map(sections.map((section) => [section.spec.key, section]));

  const item = (section: SimSectionState, index: number): SimItem | undefined => {
    if (index < 0 || index >= section.size || section.deleted.has(index)) return undefined;
    const { ordinal, spec } = section;
    const salt = mix(seed, ordinal + 1);
    const r = mix(salt, index);
    const r2 = mix(r, 0x51ed);
    const r3 = mix(r2, 0x2545);
    const extra = section.added.get(index);
    const change = section.changes.get(index);
    const generated = makeTitle(r, r2);
    const baseTitle = extra?.title ?? generated.title;
    const version = change?.version ?? 0;
    const title = version > 0 ? `${baseTitle} (Extended Edition)` : baseTitle;
    const year = 1930 + (r3 % 95);
    const addedAt = extra?.addedAt ?? epoch - (spec.size - index) * ADDED_SPACING_S;
    const updatedAt = change?.updatedAt ?? (extra ? extra.addedAt : addedAt + (r3 % DAY_S));
    const genres = [pick(GENRES, r3 >>> 3)];
    if ((r3 & 1) === 0) genres.push(pick(GENRES, r3 >>> 9));
    if ((r3 & 6) === 0) genres.push(pick(GENRES, r3 >>> 15));
    const uniqueGenres = [...new Set(genres)];
    const directors = [person(r2 >>> 3)];
    const cast = [0, 1, 2, 3].map((n) => ({ tag: person(mix(r, n + 7)), role: pick(ENGLISH_NOUNS, mix(r2, n)) }));
    const resolution = (['4k', '1080', '1080', '720', 'sd'] as const)[r2 % 5]!;
    const location = section.locations[index % section.locations.length]!;
    const safeTitle = baseTitle.replace(/[/\\:]/g, ' ');
    const file = extra?.file ?? `${location}/${safeTitle} (${year})/${safeTitle} (${year}).${r3 % 3 === 0 ? 'mp4' : 'mkv'}`;
    const id = ordinal * 2_000_000 + index;
    const isShow = spec.type === 'show';
    const childCount = isShow ? 1 + (r3 % 8) : 0;
    return {
      ratingKey: String((ordinal + 1) * RATING_KEY_STRIDE + index + 1),
      index,
      sectionKey: spec.key,
      sectionTitle: spec.title,
      type: spec.type,
      title,
      originalTitle: extra ? undefined : generated.originalTitle,
      year,
      summary: `${title} follows ${cast[0]!.tag} through ${pick(ENGLISH_NOUNS, r3 >>> 5).toLowerCase()} and ${pick(ENGLISH_NOUNS, r3 >>> 12).toLowerCase()}.${version > 0 ? ` Revised ${version}.` : ''}`,
      addedAt,
      updatedAt,
      audienceRating: (((r2 % 90) + version * 3) % 90) / 10 + 1,
      contentRating: pick(CONTENT_RATINGS, r >>> 5),
      duration: (isShow ? 22 + (r % 40) : 80 + (r % 100)) * 60_000,
      viewCount: r % 3 === 0 ? 1 + (r2 % 4) : 0,
      viewOffset: r % 53 === 0 ? (r2 % 3_000) * 1000 + 60_000 : 0,
      genres: uniqueGenres,
      directors,
      cast,
      guids: {
        imdb: `tt${String(1_000_000 + id).padStart(7, '0')}`,
        tmdb: String(100_000 + id),
        tvdb: isShow ? String(70_000 + id) : undefined,
      },
      file,
      fileSize: 500_000_000 + (r3 % 20_000) * 250_000,
      resolution,
      childCount,
      leafCount: childCount * (6 + (r2 % 8)),
    };
  };

  const sortedDeleted = (section: SimSectionState): number[] => (section.sortedDeleted ??= [...section.deleted].sort((a, b) => a - b));
  /** Deleted indices ≤ index. */
  const deletedUpTo = (section: SimSectionState, index: number): number => {
    const list = sortedDeleted(section);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The index of the live item at `position` in index order. */
  const indexAt = (section: SimSectionState, position: number): number => {
    let index = position;
    for (;;) {
      const next = position + deletedUpTo(section, index);
      if (next === index) break;
      index = next;
    }
    while (section.deleted.has(index)) index += 1;
    return index;
  };

  const filterCache = new Map<string, number[]>();
  const filtered = (section: SimSectionState, filter: SimListFilter): number[] => {
    const cacheKey = `${section.spec.key}:${section.version}:${filter.updatedAfter}:${filter.addedAfter}:${filter.unwatched}`;
    const cached = filterCache.get(cacheKey);
    if (cached) return cached;
    const matches = (index: number): boolean => {
      const found = item(section, index);
      if (!found) return false;
      if (filter.updatedAfter !== undefined && !(found.updatedAt > filter.updatedAfter)) return false;
      if (filter.addedAfter !== undefined && !(found.addedAt > filter.addedAfter)) return false;
      if (filter.unwatched && found.viewCount > 0) return false;
      return true;
    };
    let out: number[];
    const onlyRecent = filter.unwatched !== true && (filter.updatedAfter ?? -1) >= baseUpdatedMax && (filter.addedAfter ?? -1) < epoch;
    if (onlyRecent) {
      // Nothing generated is that new: only the overlays can match.
      const candidates = new Set([...section.changes.keys(), ...section.added.keys()]);
      out = [...candidates].filter(matches).sort((a, b) => a - b);
    } else {
      out = [];
      for (let index = 0; index < section.size; index += 1) if (matches(index)) out.push(index);
    }
    if (filterCache.size > 32) filterCache.clear();
    filterCache.set(cacheKey, out);
    return out;
  };

  const liveCount = (section: SimSectionState): number => section.size - section.deleted.size;

  const touched = (section: SimSectionState): void => {
    section.version += 1;
    section.sortedDeleted = undefined;
    section.updatedAt = stamp();
  };

  const mustSection = (key: string): SimSectionState => {
    const found = byKey.get(key);
    if (!found) throw new Error(`no section ${key}`);
    return found;
  };

  /** `count` live indices spread evenly over the section, skipping ones already picked. */
  const spread = (section: SimSectionState, count: number, avoid: (index: number) => boolean): number[] => {
    const live = liveCount(section);
    const picked: number[] = [];
    if (live === 0) return picked;
    const step = Math.max(1, Math.floor(live / Math.max(1, count)));
    for (let position = Math.floor(step / 2); picked.length < count && position < live; position += step) {
      const index = indexAt(section, position);
      if (!avoid(index)) picked.push(index);
    }
    return picked;
  };

  return {
    sections,
    section: (key) => byKey.get(key),
    liveCount,
    item,
    byRatingKey(ratingKey) {
      const value = Number(ratingKey);
      if (!Number.isSafeInteger(value) || value <= RATING_KEY_STRIDE) return undefined;
      const section = sections[Math.floor(value / RATING_KEY_STRIDE) - 1];
      return section ? item(section, (value % RATING_KEY_STRIDE) - 1) : undefined;
    },
    page(section, start, size, filter, descending = false) {
      const hasFilter = filter && (filter.updatedAfter !== undefined || filter.addedAfter !== undefined || filter.unwatched);
      if (hasFilter) {
        const list = filtered(section, filter);
        const ordered = descending ? [...list].reverse() : list;
        return { indices: ordered.slice(start, start + size), total: list.length };
      }
      const total = liveCount(section);
      const indices: number[] = [];
      const end = Math.min(total, start + size);
      if (descending) {
        // Position p from the end is position total-1-p from the start.
        for (let position = start; position < end; position += 1) indices.push(indexAt(section, total - 1 - position));
        return { indices, total };
      }
      if (start >= end) return { indices, total };
      let index = indexAt(section, start);
      while (indices.length < end - start && index < section.size) {
        if (!section.deleted.has(index)) indices.push(index);
        index += 1;
      }
      return { indices, total };
    },
    change(sectionKey, count) {
      const section = mustSection(sectionKey);
      const picked = spread(section, count, () => false);
      for (const index of picked) {
        const previous = section.changes.get(index);
        section.changes.set(index, { version: (previous?.version ?? 0) + 1, updatedAt: stamp() });
      }
      touched(section);
      return picked.map((index) => item(section, index)!.ratingKey);
    },
    remove(sectionKey, count) {
      const section = mustSection(sectionKey);
      // Offset from the change spread, so removing right after changing hits other items.
      const picked = spread(section, count, (index) => section.changes.has(index)).slice(0, count);
      const keys = picked.map((index) => item(section, index)!.ratingKey);
      for (const index of picked) section.deleted.add(index);
      touched(section);
      return keys;
    },
    add(sectionKey, title, file) {
      const section = mustSection(sectionKey);
      const index = section.size;
      section.size += 1;
      const at = stamp();
      section.added.set(index, { title, file, addedAt: at });
      touched(section);
      return item(section, index)!.ratingKey;
    },
    scanned(sectionKey) {
      const section = mustSection(sectionKey);
      section.scannedAt = stamp();
    },
    baseUpdatedMax,
  };
}
