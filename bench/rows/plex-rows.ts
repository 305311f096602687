/**
 * The Plex rows, measured in one run on one generated library of 100,000
 * items (one section), synced through the real path:
 *
 * - `plex.sync_full_s`: the first full sync (goal ≤ 10 s);
 * - `plex.sync_unchanged_s`: a sync when nothing changed (≤ 0.5 s; no item page);
 * - `plex.search_p95_ms`: ranked local search as people type (prefixes of 2+
 *   characters, words without their accents, substrings), through the contract (≤ 10 ms);
 * - `plex.poster_cached_p95_ms`: a cached poster through the binary route (≤ 5 ms);
 * - `plex.core_rss_mb`: core.rss_mb with that index loaded and used, in a fresh process (≤ 200 MB).
 *
 * `npm run bench -- plex.scale` runs the same at 1,000,000 items (≤ 90 s, ≤ 50 ms,
 * ≤ 300 MB); only when asked, as it takes minutes.
 */
import type { LibraryItem } from '../../shared/contract/areas/plex';
import type { BenchRow } from '../bench-row';
import { measurePlexRss, plexBenchLibrary, type PlexBenchLibrary } from './plex-bench-fixture';

const DEFAULT_SIZE = 100_000;
const SCALE_SIZE = 1_000_000;

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Queries as typed: each word of some titles grows a letter at a time from 2; plus folded words and inner substrings. */
export function typedQueries(titles: readonly string[]): string[] {
  const queries: string[] = [];
  for (const title of titles) {
    const words = title.split(/\s+/).filter((word) => /^[\p{L}\p{N}]{3,}$/u.test(word));
    const word = words[0];
    if (!word) continue;
    for (let length = 2; length <= word.length; length += 1) queries.push(word.slice(0, length));
    queries.push(fold(word));
    if (word.length >= 6) queries.push(fold(word).slice(1, 5));
  }
  return queries;
}

async function sampleTitles(library: PlexBenchLibrary, count: number): Promise<string[]> {
  const titles: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const outcome = await library.core.dispatch('plex:items', { sectionKey: '1', offset: Math.floor(((n + 0.5) / count) * library.size), limit: 1 });
    if (outcome.ok) titles.push(...(outcome.result as { items: LibraryItem[] }).items.map((item) => item.title));
  }
  return titles;
}

async function searchP95(library: PlexBenchLibrary): Promise<number> {
  const queries = typedQueries(await sampleTitles(library, 40));
  // Warm the statements and the page cache once.
  for (const query of queries.slice(0, 20)) await library.core.dispatch('plex:search', { query });
  const times: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    const outcome = await library.core.dispatch('plex:search', { query });
    times.push(performance.now() - started);
    if (!outcome.ok) throw new Error(outcome.error.message);
  }
  return percentile(times, 95);
}

async function posterP95(library: PlexBenchLibrary): Promise<number> {
  const outcome = await library.core.dispatch('plex:items', { sectionKey: '1', offset: 0, limit: 60 });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const paths = (outcome.result as { items: LibraryItem[] }).items.map((item) => `${item.poster!.replace(/^binary\//, '')}/200`);
  const signal = new AbortController().signal;
  for (const path of paths) if (!(await library.core.binary.resolve(path, signal))) throw new Error('a poster could not be fetched');
  const times: number[] = [];
  for (let n = 0; n < 300; n += 1) {
    const started = performance.now();
    await library.core.binary.resolve(paths[(n * 7) % paths.length]!, signal);
    times.push(performance.now() - started);
  }
  return percentile(times, 95);
}

function rowsFor(prefix: string, size: number, goals: { sync: number; unchanged?: number; search: number; poster?: number; rss: number }, explicitOnly: boolean): BenchRow[] {
  const library = () => plexBenchLibrary(size);
  const rows: BenchRow[] = [
    {
      name: `${prefix}.sync_full_s`,
      unit: 's',
      goal: `≤ ${goals.sync}`,
      explicitOnly,
      async run() {
        const { fullSyncSeconds } = await library();
        return { value: fullSyncSeconds, pass: fullSyncSeconds <= goals.sync };
      },
    },
  ];
  if (goals.unchanged !== undefined) {
    const goal = goals.unchanged;
    rows.push({
      name: `${prefix}.sync_unchanged_s`,
      unit: 's',
      goal: `≤ ${goal}`,
      explicitOnly,
      async run() {
        const { unchangedSyncSeconds } = await library();
        return { value: unchangedSyncSeconds, pass: unchangedSyncSeconds <= goal };
      },
    });
  }
  rows.push({
    name: `${prefix}.search_p95_ms`,
    unit: 'ms',
    goal: `≤ ${goals.search}`,
    explicitOnly,
    async run() {
      const value = await searchP95(await library());
      return { value, pass: value <= goals.search };
    },
  });
  if (goals.poster !== undefined) {
    const goal = goals.poster;
    rows.push({
      name: `${prefix}.poster_cached_p95_ms`,
      unit: 'ms',
      goal: `≤ ${goal}`,
      explicitOnly,
      async run() {
        const value = await posterP95(await library());
        return { value, pass: value <= goal };
      },
    });
  }
  rows.push({
    name: `${prefix}.core_rss_mb`,
    unit: 'MB',
    goal: `≤ ${goals.rss}`,
    explicitOnly,
    async run() {
      const value = await measurePlexRss((await library()).dataDir);
      return { value, pass: value <= goals.rss };
    },
  });
  return rows;
}

export const rows: BenchRow[] = [
  ...rowsFor('plex', DEFAULT_SIZE, { sync: 10, unchanged: 0.5, search: 10, poster: 5, rss: 200 }, false),
  ...rowsFor('plex.scale', SCALE_SIZE, { sync: 90, search: 50, rss: 300 }, true),
];
