/**
 * The simulated server's read routes: sections, section listings with paging
 * (by header or query) and the `updatedAt` filters, item details, recently
 * added, on deck, hub search and poster transcoding.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimItem, SimLibrary, SimListFilter, SimSectionState } from './sim-library';
import { toDirectory, toKeyOnly, toMetadata } from './sim-metadata';
import { renderPoster } from './sim-poster';
import { plexParam, sendHtmlError, sendPlex } from './sim-http';

export interface PmsReadContext {
  readonly library: SimLibrary;
  readonly machineIdentifier: string;
  /** Filter spellings the server honours (`>` for `updatedAt>123`); others are silently ignored, as Plex does. */
  honouredOperators(): ReadonlySet<string>;
}

const FILTER_PIECE = /^(updatedAt|addedAt)(>>=|>=|>>|>|<<=|<=|<<|<)(-?\d+)=?$/;

/** The `updatedAt`/`addedAt` filters as written in the raw query, keeping only the honoured spellings. */
function parseFilter(url: URL, honoured: ReadonlySet<string>): SimListFilter {
  const filter: { updatedAfter?: number; addedAfter?: number; unwatched?: boolean } = {};
  for (const piece of url.search.slice(1).split('&')) {
    let text: string;
    try {
      text = decodeURIComponent(piece.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    const match = FILTER_PIECE.exec(text);
    if (!match || !honoured.has(match[2]!)) continue;
    if (!match[2]!.startsWith('>')) continue;
    const value = Number(match[3]);
    if (match[1] === 'updatedAt') filter.updatedAfter = value;
    else filter.addedAfter = value;
  }
  if (url.searchParams.get('unwatched') === '1') filter.unwatched = true;
  return filter;
}

function paging(req: IncomingMessage, url: URL, defaultSize: number): { start: number; size: number } {
  const start = Number(plexParam(req, url, 'X-Plex-Container-Start') ?? 0);
  const size = Number(plexParam(req, url, 'X-Plex-Container-Size') ?? defaultSize);
  return {
    start: Number.isFinite(start) && start > 0 ? Math.floor(start) : 0,
    size: Number.isFinite(size) && size >= 0 ? Math.floor(size) : defaultSize,
  };
}

function pageHeaders(start: number, total: number): Record<string, string> {
  return { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Total-Size': String(total) };
}

function container(section: SimSectionState | undefined, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    MediaContainer: {
      allowSync: true,
      identifier: 'com.plexapp.plugins.library',
      mediaTagPrefix: '/system/bundle/media/flags/',
      mediaTagVersion: 1_700_000_000,
      ...(section ? { librarySectionID: Number(section.spec.key), librarySectionTitle: section.spec.title, librarySectionUUID: toDirectory(section).uuid } : {}),
      ...extra,
    },
  };
}

export function sendSections(ctx: PmsReadContext, req: IncomingMessage, res: ServerResponse): void {
  const directories = ctx.library.sections.map(toDirectory);
  sendPlex(req, res, 200, { MediaContainer: { size: directories.length, allowSync: false, title1: 'Plex Library', Directory: directories } });
}

export function sendSectionAll(ctx: PmsReadContext, section: SimSectionState, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const { start, size } = paging(req, url, Number.MAX_SAFE_INTEGER);
  const filter = parseFilter(url, ctx.honouredOperators());
  const descending = (url.searchParams.get('sort') ?? '').startsWith('addedAt:desc');
  const { indices, total } = ctx.library.page(section, start, size, filter, descending);
  const includeGuids = url.searchParams.get('includeGuids') === '1';
  const keysOnly = url.searchParams.get('includeFields') === 'ratingKey';
  const metadata = indices.map((index) => {
    const item = ctx.library.item(section, index)!;
    return keysOnly ? toKeyOnly(item) : toMetadata(item, { includeGuids });
  });
  sendPlex(
    req,
    res,
    200,
    container(section, { size: metadata.length, offset: start, totalSize: total, title1: section.spec.title, title2: 'All', viewGroup: section.spec.type, Metadata: metadata }),
    pageHeaders(start, total),
  );
}

export function sendMetadata(ctx: PmsReadContext, ids: string, req: IncomingMessage, res: ServerResponse): void {
  const items = ids
    .split(',')
    .map((id) => ctx.library.byRatingKey(id))
    .filter((item): item is SimItem => item !== undefined);
  if (items.length === 0) return sendHtmlError(res, 404, 'Not Found');
  const section = ctx.library.section(items[0]!.sectionKey);
  sendPlex(req, res, 200, container(section, { size: items.length, Metadata: items.map((item) => toMetadata(item, { detail: true })) }));
}

/** Newest first, across all sections or one. */
export function sendRecentlyAdded(ctx: PmsReadContext, sections: readonly SimSectionState[], req: IncomingMessage, url: URL, res: ServerResponse): void {
  const { start, size } = paging(req, url, 50);
  // Each section is already in addedAt order: take the newest of each and merge.
  const candidates: SimItem[] = [];
  for (const section of sections) {
    const { indices } = ctx.library.page(section, 0, start + size, undefined, true);
    for (const index of indices) candidates.push(ctx.library.item(section, index)!);
  }
  candidates.sort((a, b) => b.addedAt - a.addedAt);
  const page = candidates.slice(start, start + size).map((item) => toMetadata(item));
  sendPlex(req, res, 200, container(sections.length === 1 ? sections[0] : undefined, { size: page.length, offset: start, Metadata: page }), pageHeaders(start, page.length));
}

/** Items with a resume point, newest first, looking at the most recent few thousand per section. */
export function sendOnDeck(ctx: PmsReadContext, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const { size } = paging(req, url, 20);
  const found: SimItem[] = [];
  for (const section of ctx.library.sections) {
    const { indices } = ctx.library.page(section, 0, 5_000, undefined, true);
    for (const index of indices) {
      const item = ctx.library.item(section, index)!;
      if (item.viewOffset > 0) found.push(item);
    }
  }
  found.sort((a, b) => b.updatedAt - a.updatedAt);
  const page = found.slice(0, size).map((item) => toMetadata(item));
  sendPlex(req, res, 200, container(undefined, { size: page.length, Metadata: page }));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** `/hubs/search`: one hub per section type, `limit` items each (default 3), a plain substring scan. */
export function sendHubSearch(ctx: PmsReadContext, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const query = fold(url.searchParams.get('query') ?? '');
  const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? 3) || 3));
  const sectionId = url.searchParams.get('sectionId');
  const sections = ctx.library.sections.filter((section) => !sectionId || section.spec.key === sectionId);
  if (sections.length === 0) return sendHtmlError(res, 404, 'Not Found');
  const hubs = sections.map((section) => {
    const matches: Record<string, unknown>[] = [];
    let more = false;
    const live = ctx.library.liveCount(section);
    scan: for (let start = 0; query !== '' && start < live; start += 1_000) {
      for (const index of ctx.library.page(section, start, 1_000).indices) {
        const item = ctx.library.item(section, index)!;
        if (!fold(`${item.title} ${item.originalTitle ?? ''}`).includes(query)) continue;
        if (matches.length === limit) {
          more = true;
          break scan;
        }
        matches.push({ ...toMetadata(item), reason: 'title', reasonTitle: item.title });
      }
    }
    return { hubIdentifier: section.spec.type, title: section.spec.type === 'movie' ? 'Movies' : 'Shows', type: section.spec.type, size: matches.length, more, Metadata: matches };
  });
  sendPlex(req, res, 200, { MediaContainer: { size: hubs.length, Hub: hubs } });
}

const THUMB_PATH = /^\/library\/metadata\/(\d+)\/(thumb|art)(?:\/\d+)?$/;

function sendImage(ctx: PmsReadContext, path: string, width: number, height: number, res: ServerResponse): void {
  const match = THUMB_PATH.exec(path);
  const item = match ? ctx.library.byRatingKey(match[1]!) : undefined;
  if (!match || !item) return sendHtmlError(res, 404, 'Not Found');
  const png = renderPoster(`${match[2]}:${item.ratingKey}:${item.updatedAt}`, width, height);
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length), 'cache-control': 'max-age=86400' });
  res.end(png);
}

/** `/photo/:/transcode?url=<thumb path>&width=&height=`: the image at the asked size. */
export function sendTranscodedPhoto(ctx: PmsReadContext, url: URL, res: ServerResponse): void {
  const target = url.searchParams.get('url') ?? '';
  const width = Number(url.searchParams.get('width') ?? 300);
  const height = Number(url.searchParams.get('height') ?? 450);
  if (!Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) return sendHtmlError(res, 400, 'Bad Request');
  let path: string;
  try {
    path = new URL(target, 'http://pms').pathname;
  } catch {
    return sendHtmlError(res, 400, 'Bad Request');
  }
  sendImage(ctx, path, width, height, res);
}

/** The untranscoded image: posters at 600×900, art at 1280×720. */
export function sendOriginalImage(ctx: PmsReadContext, path: string, res: ServerResponse): void {
  const art = path.includes('/art');
  sendImage(ctx, path, art ? 1280 : 600, art ? 720 : 900, res);
}

export function isImagePath(path: string): boolean {
  return THUMB_PATH.test(path);
}
