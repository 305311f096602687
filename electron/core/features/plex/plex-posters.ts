/**
 * Posters and backdrops for the renderer, through the core's binary route
 * (`binary/plex-poster/<ratingKey>/<version>/<width>`), never by a Plex URL:
 * the token stays in the core. The cache answers first, so posters seen
 * before keep showing while Plex is down; a miss is fetched through
 * `/photo/:/transcode` at the size the grid asked for (snapped to a few
 * widths, so the cache is shared between layouts), a few at a time.
 */
import PQueue from 'p-queue';
import type { BinaryHandler, BinaryResponse } from '../../binary/binary-routes';
import type { PlexIndexReader } from './index/plex-index-reader';
import type { CachedPoster, PosterCache } from './poster-cache';

export interface PosterServiceDeps {
  readonly cache: PosterCache;
  readonly index: Pick<PlexIndexReader, 'imagesOf'>;
  readonly fetchPhoto: (path: string, width: number, height: number, signal: AbortSignal) => Promise<CachedPoster>;
  /** False while Plex is known to be down: a miss then answers at once instead of waiting for a timeout. */
  readonly online: () => boolean;
  readonly concurrency?: number;
}

const POSTER_WIDTHS = [100, 150, 200, 300, 450, 600] as const;
const ART_WIDTHS = [640, 960, 1280, 1920] as const;
/** The version is in the address, so a poster never changes under it. */
const ONE_YEAR_S = 365 * 24 * 60 * 60;

function snap(width: number, widths: readonly number[]): number {
  return widths.find((candidate) => candidate >= width) ?? widths[widths.length - 1]!;
}

export interface PosterService {
  readonly handler: BinaryHandler;
  /** Fetches still queued or running. */
  readonly pending: number;
}

export function createPosterService(deps: PosterServiceDeps): PosterService {
  const queue = new PQueue({ concurrency: deps.concurrency ?? 4 });
  const inFlight = new Map<string, Promise<CachedPoster | undefined>>();

  const answer = (poster: CachedPoster): BinaryResponse => ({ contentType: poster.contentType, body: poster.bytes, maxAgeSeconds: ONE_YEAR_S });

  const handler: BinaryHandler = async ([ratingKey, version, widthText, ...rest], signal) => {
    if (!ratingKey || !version || rest.length > 0 || !/^\d+(-art)?$/.test(version)) return null;
    const art = version.endsWith('-art');
    const requested = Number(widthText ?? (art ? 1280 : 300));
    if (!Number.isFinite(requested) || requested <= 0) return null;
    const width = snap(requested, art ? ART_WIDTHS : POSTER_WIDTHS);
    const height = Math.round(art ? (width * 9) / 16 : width * 1.5);
    const key = `${ratingKey}:${version}:${width}`;

    const cached = await deps.cache.get(key);
    if (cached) return answer(cached);
    const images = deps.index.imagesOf(ratingKey);
    const path = art ? images?.art : images?.thumb;
    if (!path || !deps.online()) return null;

    let fetching = inFlight.get(key);
    if (!fetching) {
      fetching = queue
        .add(async () => {
          // Scrolled past while waiting in line: nobody wants it any more.
          if (signal.aborted) return undefined;
          const poster = await deps.fetchPhoto(path, width, height, signal);
          await deps.cache.put(key, poster).catch(() => undefined);
          return poster;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, fetching);
    }
    try {
      const poster = await fetching;
      return poster ? answer(poster) : null;
    } catch {
      return null;
    }
  };

  return {
    handler,
    get pending() {
      return queue.size + queue.pending;
    },
  };
}
