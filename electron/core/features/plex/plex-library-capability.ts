/**
 * What the Plex feature offers other features (requests, downloads), handed
 * over by the composition root; they declare the part they need in their own
 * deps. Look-ups answer from the index (so they work while Plex is down);
 * scans, collections and sessions need the server.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { PmsClient } from './pms-client';
import type { LocalPlayback } from './plex-playback';
import type { GuidLookup, IndexedItemRef, PlexIndexReader } from './index/plex-index-reader';
import type { PlexIndexWriter } from './index/plex-index-writer';
import { toIndexRow } from './index/plex-item-row';

export interface PlexSectionInfo {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly agent: string | null;
  /** Folders as the server sees them. */
  readonly locations: readonly string[];
}

export interface WaitForFileOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
}

/** The Plex library as other features see it. */
export interface PlexLibraryCapability {
  /** An item of the index by its tmdb, tvdb or imdb id (the first given that matches). */
  findByGuid(lookup: GuidLookup): IndexedItemRef | undefined;
  /** Fetches one item from the server into the index; undefined when the server no longer has it. */
  syncItem(ratingKey: string): Promise<IndexedItemRef | undefined>;
  /** An indexed item's details (title, summary, poster address), from the index. */
  details(ratingKey: string): ReturnType<PlexIndexReader['details']>;
  /** The server's sections with their folders and agent (the index's copy while Plex is down). */
  sections(): Promise<PlexSectionInfo[]>;
  /** Asks the server to scan one folder of a section: the path as the server sees it, a folder, not a file. */
  scanFolder(sectionKey: string, path: string): Promise<void>;
  /** Resolves once the server lists an item for `file` (the path as it sees it), indexed; rejects on timeout. */
  waitForFile(sectionKey: string, file: string, options?: WaitForFileOptions): Promise<IndexedItemRef>;
  /** The rating key of the section's collection with this title (the first, by exact title), if there is one. */
  findCollection(sectionKey: string, title: string): Promise<string | undefined>;
  /** A new collection with the items in this order; returns its rating key. */
  createCollection(sectionKey: string, title: string, ratingKeys: readonly string[]): Promise<string>;
  /** Adds items to the end of a collection, in this order. */
  addToCollection(collectionKey: string, ratingKeys: readonly string[]): Promise<void>;
  /** Whether this machine plays something in Plex right now (plex-playback.ts says what counts). */
  isPlayingLocally(): Promise<boolean>;
  /** "Open in Plex": Plex Web's page for an item or collection, when a server is linked. */
  openUrl(ratingKey: string): string | null;
}

export interface PlexLibraryCapabilityDeps {
  readonly client: PmsClient;
  readonly reader: PlexIndexReader;
  readonly writer: PlexIndexWriter;
  /** The linked server's machine identifier (collections are addressed through it). */
  readonly machineIdentifier: () => string | undefined;
  readonly online: () => boolean;
  readonly playback: LocalPlayback;
  /** Plex Web's page for an item of the linked server. */
  readonly itemUrl: (machineIdentifier: string, ratingKey: string) => string;
}

const COLLECTION_TYPES: Readonly<Record<string, number>> = { movie: 1, show: 2, artist: 8, photo: 13 };

export function createPlexLibraryCapability(deps: PlexLibraryCapabilityDeps): PlexLibraryCapability {
  const { client, reader, writer } = deps;
  const machine = (): string => {
    const id = deps.machineIdentifier();
    if (!id) throw new AppError('SERVICE_NOT_CONFIGURED', 'No Plex server is linked yet: sign in to Plex in Settings.', { service: 'plex' });
    return id;
  };
  const sectionType = (sectionKey: string): string => reader.sections().find((section) => section.key === sectionKey)?.type ?? 'movie';
  const index = (metadata: Parameters<typeof toIndexRow>[0], sectionKey: string): IndexedItemRef | undefined => {
    const row = toIndexRow(metadata, sectionKey);
    if (!row) return undefined;
    writer.upsert([row]);
    return { ratingKey: row.ratingKey, sectionKey, type: row.type, title: row.title, year: row.year, file: row.file };
  };

  return {
    findByGuid: (lookup) => reader.byGuid(lookup),
    details: (ratingKey) => reader.details(ratingKey),
    async syncItem(ratingKey) {
      const metadata = await client.metadata(ratingKey);
      if (!metadata) {
        writer.deleteByRatingKey([ratingKey]);
        return undefined;
      }
      const sectionKey = metadata.librarySectionID ?? reader.details(ratingKey)?.sectionKey;
      return sectionKey ? index(metadata, sectionKey) : undefined;
    },
    async sections() {
      if (deps.online()) {
        try {
          return (await client.sections()).map((section) => ({ key: section.key, title: section.title, type: section.type, agent: section.agent ?? null, locations: section.Location.map((location) => location.path) }));
        } catch {
          // Fall through to the index's copy.
        }
      }
      return reader.sections().map(({ key, title, type, agent, locations }) => ({ key, title, type, agent, locations }));
    },
    scanFolder: (sectionKey, path) => client.refresh(sectionKey, path),
    async waitForFile(sectionKey, file, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      const interval = options.intervalMs ?? 2_000;
      for (;;) {
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'Stopped waiting for Plex to list the file.', { service: 'plex' });
        // Newest first: a just-scanned file is at the top.
        const page = await client.page(sectionKey, { start: 0, size: 50, query: 'sort=addedAt%3Adesc', ...(options.signal ? { signal: options.signal } : {}) });
        const found = page.items.find((item) => item.Media?.some((media) => media.Part.some((part) => part.file === file)));
        if (found) {
          const ref = index(found, sectionKey);
          if (ref) return ref;
        }
        if (Date.now() + interval > deadline) throw new AppError('UPSTREAM_TIMEOUT', 'Plex has not listed the file yet. It may still be scanning.', { service: 'plex' });
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    },
    async findCollection(sectionKey, title) {
      return (await client.collections(sectionKey)).find((collection) => collection.title === title)?.ratingKey;
    },
    createCollection: (sectionKey, title, ratingKeys) =>
      client.createCollection({ sectionKey, type: COLLECTION_TYPES[sectionType(sectionKey)] ?? 1, title, ratingKeys, machineIdentifier: machine() }),
    addToCollection: (collectionKey, ratingKeys) => client.addToCollection(collectionKey, ratingKeys, machine()),
    isPlayingLocally: () => deps.playback.isPlayingLocally(),
    openUrl(ratingKey) {
      const id = deps.machineIdentifier();
      return id ? deps.itemUrl(id, ratingKey) : null;
    },
  };
}
