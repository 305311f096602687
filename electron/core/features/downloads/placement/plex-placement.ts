/**
 * The end of a job: its files are in the library folder, so Plex scans just
 * the folders they are in (as Plex sees them, never the whole section), the
 * queue waits until Plex lists each file, then puts the items, in playlist
 * order, into the collection named after the playlist (or the channel),
 * creating it or adding to the one already there.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../../../shared/contract/errors';
import type { StoredCollection, StoredJob } from '../downloads-store';
import type { PlexLibraryPort } from '../plex-library-port';

export interface PlacementTiming {
  /** How long Plex may take to list a scanned file. */
  readonly waitForFileMs: number;
  readonly waitIntervalMs: number;
}

export interface PlacementDeps {
  readonly plex: PlexLibraryPort;
  readonly toPlex: (localPath: string) => string;
  readonly timing: PlacementTiming;
  readonly signal: AbortSignal;
  /** Stores one item's rating key as soon as Plex lists it (a retry then skips it). */
  readonly onListed: (index: number, ratingKey: string) => void;
}

export interface Placed {
  readonly collection: StoredCollection | null;
  /** "Open in Plex": the collection of a playlist, the item of a single video. */
  readonly openUrl: string | null;
}

/** The collection's name: the playlist's title, or the video's channel. */
export function collectionTitle(job: Pick<StoredJob, 'kind' | 'title' | 'channel'>): string {
  return (job.kind === 'playlist' ? job.title : (job.channel ?? job.title)).trim().slice(0, 500) || 'Downloads';
}

export async function placeInPlex(job: StoredJob, deps: PlacementDeps): Promise<Placed> {
  const { plex, signal } = deps;
  const sectionKey = job.sectionKey;
  const landed = job.items.filter((item) => item.state === 'completed' && item.file !== null);
  for (const item of landed) {
    if (!existsSync(item.file!)) throw new AppError('NOT_FOUND', `The downloaded file ${item.file} is not in the library folder any more.`);
  }
  const waiting = landed.filter((item) => item.ratingKey === null);
  const folders = [...new Set(waiting.map((item) => deps.toPlex(dirname(item.file!))))];
  for (const folder of folders) {
    if (signal.aborted) throw new AppError('CANCELLED', 'Stopped.');
    await plex.scanFolder(sectionKey, folder);
  }
  const keys = new Map(landed.filter((item) => item.ratingKey !== null).map((item) => [item.index, item.ratingKey!]));
  for (const item of waiting) {
    const ratingKey = await plex.waitForFile(sectionKey, deps.toPlex(item.file!), { timeoutMs: deps.timing.waitForFileMs, intervalMs: deps.timing.waitIntervalMs, signal });
    keys.set(item.index, ratingKey);
    deps.onListed(item.index, ratingKey);
  }
  const ordered = landed.map((item) => keys.get(item.index)).filter((key): key is string => key !== undefined);
  if (ordered.length === 0) return { collection: job.collection, openUrl: job.openUrl };
  const title = job.collection?.title ?? collectionTitle(job);
  let collection = job.collection;
  if (collection) {
    // Already made by an earlier attempt: only what is new goes in (Plex keeps one of each anyway).
    const fresh = waiting.map((item) => keys.get(item.index)).filter((key): key is string => key !== undefined);
    if (fresh.length > 0) await plex.addToCollection(collection.ratingKey, fresh);
  } else {
    const existing = await plex.findCollection(sectionKey, title);
    if (existing) {
      await plex.addToCollection(existing, ordered);
      collection = { ratingKey: existing, title };
    } else {
      collection = { ratingKey: await plex.createCollection(sectionKey, title, ordered), title };
    }
  }
  const openUrl = job.kind === 'playlist' ? plex.openUrl(collection.ratingKey) : plex.openUrl(ordered[0]!);
  return { collection, openUrl };
}
