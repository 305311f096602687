/**
 * The simulated server's write routes: section scans (`refresh`, whole or one
 * folder, GET or POST, cancel with DELETE) that pick up media files really on
 * disk or placed by a test, and collections (create, add items in order, list).
 */
import { readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join } from 'node:path';
import type { SimLibrary, SimSectionState } from './sim-library';
import { toMetadata } from './sim-metadata';
import { sendHtmlError, sendPlex } from './sim-http';

const MEDIA_EXTENSIONS = new Set(['.mkv', '.mp4', '.m4v', '.avi', '.mov', '.webm', '.ts', '.mp3', '.flac', '.m4a', '.opus']);

export interface SimScan {
  readonly sectionKey: string;
  readonly path: string | undefined;
  readonly method: string;
  readonly at: number;
}

export interface SimCollection {
  readonly ratingKey: string;
  readonly sectionKey: string;
  readonly title: string;
  readonly items: string[];
  readonly addedAt: number;
}

export interface PmsWriteState {
  readonly library: SimLibrary;
  readonly machineIdentifier: string;
  readonly scans: SimScan[];
  readonly collections: Map<string, SimCollection>;
  /** Files the "server" can see without them being on this disk (tests). */
  readonly placedFiles: Set<string>;
  /** Files already turned into items. */
  readonly knownFiles: Set<string>;
  /** How long a scan takes before its items are listed. */
  scanDelayMs: number;
  readonly timers: Set<ReturnType<typeof setTimeout>>;
}

function mediaFilesUnder(folder: string, depth = 3): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const full = join(folder, entry);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (isDirectory && depth > 0) out.push(...mediaFilesUnder(full, depth - 1));
    else if (MEDIA_EXTENSIONS.has(extname(entry).toLowerCase())) out.push(full);
  }
  return out;
}

function titleFromFile(file: string): string {
  return basename(file, extname(file)).replace(/[._]+/g, ' ').replace(/\s*\(\d{4}\)\s*$/, '').trim() || basename(file);
}

/** Adds an item for every new media file under `folder` (or every location) of the section. */
function scan(state: PmsWriteState, section: SimSectionState, folder: string | undefined): void {
  const roots = folder ? [folder] : section.locations;
  const under = (file: string): boolean => roots.some((root) => file === root || file.startsWith(`${root.replace(/\/+$/, '')}/`));
  const files = [...roots.flatMap((root) => mediaFilesUnder(root)), ...[...state.placedFiles].filter(under)];
  for (const file of files) {
    if (state.knownFiles.has(file)) continue;
    state.knownFiles.add(file);
    state.library.add(section.spec.key, titleFromFile(file), file);
  }
  state.library.scanned(section.spec.key);
}

export function handleRefresh(state: PmsWriteState, section: SimSectionState, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  if (method === 'DELETE') {
    for (const timer of state.timers) clearTimeout(timer);
    state.timers.clear();
    res.writeHead(200).end();
    return;
  }
  const path = url.searchParams.get('path') ?? undefined;
  state.scans.push({ sectionKey: section.spec.key, path, method, at: Date.now() });
  // Plex scans in the background: the reply comes first, the items a little later.
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    scan(state, section, path);
  }, state.scanDelayMs);
  state.timers.add(timer);
  res.writeHead(200, { 'content-length': '0' }).end();
}

/** `server://<machine>/com.plexapp.plugins.library/library/metadata/1,2,3` → ['1','2','3'], or undefined when malformed. */
function ratingKeysFromUri(state: PmsWriteState, uri: string | null): string[] | undefined {
  if (!uri) return undefined;
  const prefix = `server://${state.machineIdentifier}/com.plexapp.plugins.library/library/metadata/`;
  if (!uri.startsWith(prefix)) return undefined;
  const keys = uri.slice(prefix.length).split(',').filter((key) => key !== '');
  return keys.length > 0 ? keys : undefined;
}

function collectionMetadata(state: PmsWriteState, collection: SimCollection): Record<string, unknown> {
  const section = state.library.section(collection.sectionKey);
  return {
    ratingKey: collection.ratingKey,
    key: `/library/collections/${collection.ratingKey}/children`,
    guid: `collection://${collection.ratingKey}`,
    type: 'collection',
    title: collection.title,
    subtype: section?.spec.type ?? 'movie',
    librarySectionID: Number(collection.sectionKey),
    childCount: collection.items.length,
    smart: false,
    addedAt: collection.addedAt,
    updatedAt: collection.addedAt,
  };
}

function sendCollection(state: PmsWriteState, collection: SimCollection, req: IncomingMessage, res: ServerResponse, status = 200): void {
  sendPlex(req, res, status, { MediaContainer: { size: 1, Metadata: [collectionMetadata(state, collection)] } });
}

export function handleCreateCollection(state: PmsWriteState, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const sectionKey = url.searchParams.get('sectionId');
  const section = sectionKey ? state.library.section(sectionKey) : undefined;
  const title = url.searchParams.get('title')?.trim();
  const keys = ratingKeysFromUri(state, url.searchParams.get('uri'));
  if (!section || !title || (url.searchParams.get('smart') === '1' && !keys)) return sendHtmlError(res, 400, 'Bad Request');
  const items = (keys ?? []).filter((key) => state.library.byRatingKey(key) !== undefined);
  const ratingKey = String(90_000_000 + state.collections.size + 1);
  const collection: SimCollection = { ratingKey, sectionKey: section.spec.key, title, items: [...new Set(items)], addedAt: Math.floor(Date.now() / 1000) };
  state.collections.set(ratingKey, collection);
  sendCollection(state, collection, req, res);
}

export function handleAddToCollection(state: PmsWriteState, ratingKey: string, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const collection = state.collections.get(ratingKey);
  if (!collection) return sendHtmlError(res, 404, 'Not Found');
  const keys = ratingKeysFromUri(state, url.searchParams.get('uri'));
  if (!keys) return sendHtmlError(res, 400, 'Bad Request');
  for (const key of keys) if (state.library.byRatingKey(key) && !collection.items.includes(key)) collection.items.push(key);
  sendCollection(state, collection, req, res);
}

export function sendCollectionChildren(state: PmsWriteState, ratingKey: string, req: IncomingMessage, res: ServerResponse): void {
  const collection = state.collections.get(ratingKey);
  if (!collection) return sendHtmlError(res, 404, 'Not Found');
  const items = collection.items.map((key) => state.library.byRatingKey(key)).filter((item) => item !== undefined);
  sendPlex(req, res, 200, { MediaContainer: { size: items.length, title2: collection.title, Metadata: items.map((item) => toMetadata(item)) } });
}

export function sendSectionCollections(state: PmsWriteState, sectionKey: string, req: IncomingMessage, res: ServerResponse): void {
  const list = [...state.collections.values()].filter((collection) => collection.sectionKey === sectionKey);
  sendPlex(req, res, 200, { MediaContainer: { size: list.length, Metadata: list.map((collection) => collectionMetadata(state, collection)) } });
}
