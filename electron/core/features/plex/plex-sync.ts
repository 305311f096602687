/**
 * Keeps the library index in step with the server, fetching as little as it can:
 *
 * - The section list comes first (one request). A section whose `updatedAt` and
 *   `scannedAt` did not move is skipped: no item page is fetched.
 * - Otherwise only items newer than the newest one indexed are fetched
 *   (`updatedAt>…`). Which spelling of that filter the server honours is not
 *   settled, so each run checks it: a time a day ahead must list nothing and
 *   time 0 must list `totalSize` items. When no spelling passes, a full pass runs.
 * - Deleted items never show up as changed: when the server counts fewer items
 *   than the index holds, a pass over rating keys only removes what is gone.
 * - A full pass runs on the first sync, on request and once a day, since some
 *   metadata (ratings) changes without moving `updatedAt`.
 *
 * Pages are `X-Plex-Container-Start/Size`; the server's `totalSize` says when to
 * stop, never the length of a page (a short page is not the end).
 */
import { AppError } from '../../../../shared/contract/errors';
import type { SyncProgress } from '../../../../shared/contract/areas/plex';
import type { Logger } from '../../logging/logger';
import type { ItemPage, PmsClient } from './pms-client';
import type { PlexMetadata, PlexSection } from './plex-schemas';
import { toIndexRow } from './index/plex-item-row';
import type { IndexSectionInput, PlexIndexWriter } from './index/plex-index-writer';

export type SectionSyncMode = 'unchanged' | 'changes' | 'full';

export interface SectionSyncResult {
  readonly sectionKey: string;
  readonly mode: SectionSyncMode;
  /** Items fetched (full items, not keys). */
  readonly fetched: number;
  readonly written: number;
  readonly deleted: number;
  /** Why a full pass ran instead of a changes pass, when it did. */
  readonly fullReason?: 'first' | 'requested' | 'periodic' | 'filter-ignored' | 'count-mismatch';
}

export interface PlexSyncOptions {
  readonly client: Pick<PmsClient, 'sections' | 'count' | 'page'>;
  readonly writer: PlexIndexWriter;
  readonly now?: () => number;
  readonly pageSize?: number;
  readonly keyPageSize?: number;
  /** How old the last full pass may be before a run does another. Default one day. */
  readonly fullPassEveryMs?: number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

export interface PlexSyncRun {
  readonly full?: boolean;
  readonly signal?: AbortSignal;
}

export interface PlexSyncer {
  run(options?: PlexSyncRun): Promise<SectionSyncResult[]>;
}

/** `updatedAt>` as Plex's web app writes it, then python-plexapi's `>>`. */
export const FILTER_SPELLINGS = ['>', '>>'] as const;
const DAY_S = 86_400;

function filterQuery(spelling: string, time: number): string {
  return `updatedAt${encodeURIComponent(spelling)}${Math.floor(time)}`;
}

function toSectionInput(section: PlexSection): IndexSectionInput {
  return {
    key: section.key,
    title: section.title,
    type: section.type,
    agent: section.agent ?? null,
    scanner: section.scanner ?? null,
    locations: section.Location.map((location) => location.path),
    updatedAt: section.updatedAt ?? null,
    scannedAt: section.scannedAt ?? null,
  };
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'The library sync was cancelled.', { service: 'plex' });
}

export function createPlexSyncer(options: PlexSyncOptions): PlexSyncer {
  const { client, writer, logger } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 5_000;
  const keyPageSize = options.keyPageSize ?? 20_000;
  const fullPassEveryMs = options.fullPassEveryMs ?? DAY_S * 1000;
  let startedAt: number | null = null;

  const progress = (partial: Partial<SyncProgress> & Pick<SyncProgress, 'state'>): void =>
    options.onProgress?.({ done: 0, total: 0, sectionKey: null, sectionTitle: null, phase: null, startedAt, finishedAt: null, message: null, ...partial });

  /**
   * Pages through a listing; `onPage` gets each page's items. Fetches the next
   * page while the current one is written. Returns the server's final totalSize.
   */
  const pages = async (
    section: PlexSection,
    phase: SyncProgress['phase'],
    request: { query?: string; keysOnly?: boolean; size: number },
    onPage: (items: readonly PlexMetadata[]) => void,
    signal: AbortSignal | undefined,
  ): Promise<{ total: number; listed: number }> => {
    const fetchPage = (start: number): Promise<ItemPage> =>
      client.page(section.key, { start, size: request.size, ...(request.query ? { query: request.query } : {}), ...(request.keysOnly ? { keysOnly: true } : {}), ...(signal ? { signal } : {}) });
    let start = 0;
    let listed = 0;
    let next: Promise<ItemPage> | undefined = fetchPage(0);
    let total = 0;
    while (next) {
      const page: ItemPage = await next;
      checkCancelled(signal);
      total = page.totalSize;
      start += request.size;
      // A server that ignores paging answers everything at once: that page is the whole listing.
      const unpaged: boolean = page.items.length > request.size;
      next = !unpaged && start < total ? fetchPage(start) : undefined;
      next?.catch(() => undefined);
      onPage(page.items);
      listed += page.items.length;
      progress({ state: 'running', sectionKey: section.key, sectionTitle: section.title, phase, done: Math.min(total, unpaged ? total : start), total });
    }
    return { total, listed };
  };

  const writeItems = (section: PlexSection, items: readonly PlexMetadata[], counters: { fetched: number; written: number; maxUpdatedAt: number }): void => {
    const rows = [];
    for (const item of items) {
      const row = toIndexRow(item, section.key);
      if (!row) continue;
      rows.push(row);
      if (row.updatedAt > counters.maxUpdatedAt) counters.maxUpdatedAt = row.updatedAt;
    }
    counters.fetched += items.length;
    counters.written += writer.upsert(rows).written;
  };

  /** The first spelling whose answers are right for a day ahead (nothing) and for time 0 (everything). */
  const verifiedSpelling = async (section: PlexSection, total: number, preferred: string | null, signal: AbortSignal | undefined): Promise<string | undefined> => {
    const future = Math.max(now() / 1000, section.updatedAt ?? 0, writer.syncState(section.key)?.maxItemUpdatedAt ?? 0) + DAY_S;
    const order = preferred ? [preferred, ...FILTER_SPELLINGS.filter((spelling) => spelling !== preferred)] : [...FILTER_SPELLINGS];
    for (const spelling of order) {
      const [ahead, all] = await Promise.all([client.count(section.key, filterQuery(spelling, future), signal), client.count(section.key, filterQuery(spelling, 0), signal)]);
      if (ahead === 0 && all === total) return spelling;
      logger?.info({ section: section.key, spelling, ahead, all, total }, 'the server does not honour this updatedAt filter');
    }
    return undefined;
  };

  const keyOnlyPass = async (section: PlexSection, signal: AbortSignal | undefined): Promise<number> => {
    const live = new Set<string>();
    const { total } = await pages(section, 'deletions', { keysOnly: true, size: keyPageSize }, (items) => {
      for (const item of items) live.add(item.ratingKey);
    }, signal);
    // Items added or removed while paging shift the pages: only trust a complete listing.
    if (live.size < total) {
      logger?.warn({ section: section.key, listed: live.size, total }, 'the key listing was incomplete; deletions wait for the next pass');
      return 0;
    }
    const gone = writer.ratingKeys(section.key).filter((key) => !live.has(key));
    return writer.deleteByRatingKey(gone);
  };

  const fullPass = async (section: PlexSection, signal: AbortSignal | undefined) => {
    const counters = { fetched: 0, written: 0, maxUpdatedAt: 0 };
    const seen = new Set<string>();
    const { total } = await pages(section, 'full', { size: pageSize }, (items) => {
      for (const item of items) seen.add(item.ratingKey);
      writeItems(section, items, counters);
    }, signal);
    let deleted = 0;
    if (seen.size >= total) deleted = writer.deleteByRatingKey(writer.ratingKeys(section.key).filter((key) => !seen.has(key)));
    else logger?.warn({ section: section.key, listed: seen.size, total }, 'the full listing was incomplete; nothing was removed');
    return { ...counters, deleted };
  };

  const syncSection = async (section: PlexSection, full: boolean, signal: AbortSignal | undefined): Promise<SectionSyncResult> => {
    const state = writer.syncState(section.key);
    const at = now();
    const base = { sectionKey: section.key, sectionTitle: section.title };
    let fullReason: SectionSyncResult['fullReason'] = full ? 'requested' : !state?.lastFullSyncAt ? 'first' : at - state.lastFullSyncAt >= fullPassEveryMs ? 'periodic' : undefined;
    const unchanged = !fullReason && section.updatedAt !== undefined && state?.syncedUpdatedAt === section.updatedAt && state.syncedScannedAt === (section.scannedAt ?? null);
    if (unchanged) {
      writer.recordSync(section.key, { lastSyncAt: at });
      return { sectionKey: section.key, mode: 'unchanged', fetched: 0, written: 0, deleted: 0 };
    }
    progress({ state: 'running', ...base, phase: 'checking' });
    const total = await client.count(section.key, '', signal);
    let spelling: string | undefined;
    let result: Omit<SectionSyncResult, 'sectionKey' | 'mode'> | undefined;
    if (!fullReason && state) {
      spelling = await verifiedSpelling(section, total, state.filterSpelling, signal);
      if (!spelling) fullReason = 'filter-ignored';
    }
    let maxUpdatedAt = state?.maxItemUpdatedAt ?? 0;
    if (!fullReason && state && spelling) {
      const counters = { fetched: 0, written: 0, maxUpdatedAt };
      await pages(section, 'changes', { query: filterQuery(spelling, state.maxItemUpdatedAt), size: pageSize }, (items) => writeItems(section, items, counters), signal);
      maxUpdatedAt = counters.maxUpdatedAt;
      let deleted = 0;
      if (writer.count(section.key) > total) deleted = await keyOnlyPass(section, signal);
      result = { fetched: counters.fetched, written: counters.written, deleted };
      // Still not what the server counts (an item added with an old date): fall back.
      if (writer.count(section.key) !== total) fullReason = 'count-mismatch';
    }
    if (fullReason) {
      const counters = await fullPass(section, signal);
      maxUpdatedAt = counters.maxUpdatedAt;
      result = { fetched: (result?.fetched ?? 0) + counters.fetched, written: (result?.written ?? 0) + counters.written, deleted: (result?.deleted ?? 0) + counters.deleted, fullReason };
    }
    writer.recordSync(section.key, {
      syncedUpdatedAt: section.updatedAt ?? null,
      syncedScannedAt: section.scannedAt ?? null,
      maxItemUpdatedAt: maxUpdatedAt,
      lastSyncAt: at,
      ...(fullReason ? { lastFullSyncAt: at } : {}),
      ...(spelling ? { filterSpelling: spelling } : {}),
    });
    return { sectionKey: section.key, mode: fullReason ? 'full' : 'changes', ...result! };
  };

  return {
    async run(run = {}) {
      const { signal } = run;
      startedAt = now();
      progress({ state: 'running', phase: 'checking' });
      try {
        const sections = await client.sections(signal);
        checkCancelled(signal);
        writer.setSections(sections.map(toSectionInput));
        const results: SectionSyncResult[] = [];
        // A first sync fills an empty index: load the items alone and build the indexes once.
        if (writer.isEmpty()) writer.beginBulk();
        try {
          for (const section of sections) {
            checkCancelled(signal);
            results.push(await syncSection(section, run.full ?? false, signal));
          }
        } finally {
          writer.endBulk();
        }
        const total = results.reduce((sum, result) => sum + writer.count(result.sectionKey), 0);
        progress({ state: 'done', done: total, total, finishedAt: now() });
        return results;
      } catch (error) {
        const cancelled = signal?.aborted || (error instanceof AppError && error.code === 'CANCELLED');
        progress({ state: cancelled ? 'cancelled' : 'failed', finishedAt: now(), message: error instanceof AppError ? error.message : 'The library sync failed.' });
        if (cancelled && !(error instanceof AppError && error.code === 'CANCELLED')) throw new AppError('CANCELLED', 'The library sync was cancelled.', { service: 'plex' });
        throw error;
      } finally {
        startedAt = null;
      }
    },
  };
}
