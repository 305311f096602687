/**
 * TMDB posters for the Requests page, through the core's binary route
 * (`binary/overseerr-poster/<size>/<file>`), so the renderer's CSP stays
 * `img-src 'self'`. Each poster is fetched once from the configured image
 * base (TMDB's image server, or a simulator) and kept on disk; the cache is
 * rebuildable and capped, oldest-used first out. Only JPEG, PNG and WebP
 * under a size limit are accepted: an SVG or HTML answer never reaches the
 * app's origin.
 */
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BinaryHandler, BinaryResponse } from '../../binary/binary-routes';
import { createBulkhead } from '../../resilience/bulkhead-policy';
import { isPosterFile, POSTER_SIZES } from './request-views';

export interface TmdbPostersDeps {
  readonly dir: string;
  /** e.g. `https://image.tmdb.org/t/p`; empty turns posters off. */
  readonly imageBase: () => string;
  readonly fetch?: typeof fetch;
  readonly maxBytes?: number;
  readonly capBytes?: number;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
}

const TYPES: Readonly<Record<string, string>> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const ONE_YEAR_S = 365 * 24 * 60 * 60;

function contentTypeOf(file: string): string {
  return TYPES[file.slice(file.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

export function createTmdbPosters(deps: TmdbPostersDeps): { readonly handler: BinaryHandler; prune(): Promise<void> } {
  const maxBytes = deps.maxBytes ?? 5 * 1024 * 1024;
  const capBytes = deps.capBytes ?? 300 * 1024 * 1024;
  // A few fetches at a time; a screenful of posters waits in line rather than opening dozens of sockets.
  const queue = createBulkhead({ service: 'tmdb-images', concurrency: deps.concurrency ?? 4, queueLimit: 500 });
  const inFlight = new Map<string, Promise<Buffer | null>>();
  const doFetch = deps.fetch ?? fetch;
  // Pruning lists the whole folder: at most once a minute.
  let lastPrune = 0;

  const download = async (size: string, file: string, signal: AbortSignal): Promise<Buffer | null> => {
    const base = deps.imageBase().replace(/\/+$/, '');
    if (!base) return null;
    const response = await doFetch(`${base}/${size}/${file}`, { signal: AbortSignal.any([signal, AbortSignal.timeout(deps.timeoutMs ?? 10_000)]), redirect: 'follow' });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!response.ok || !Object.values(TYPES).includes(type) || Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length > maxBytes ? null : bytes;
  };

  const prune = async (): Promise<void> => {
    const files: { path: string; size: number; used: number }[] = [];
    for (const size of POSTER_SIZES) {
      const folder = join(deps.dir, size);
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        const info = await stat(join(folder, name)).catch(() => undefined);
        if (info) files.push({ path: join(folder, name), size: info.size, used: info.mtimeMs });
      }
    }
    let total = files.reduce((sum, file) => sum + file.size, 0);
    for (const file of files.sort((a, b) => a.used - b.used)) {
      if (total <= capBytes * 0.9) break;
      await rm(file.path, { force: true });
      total -= file.size;
    }
  };

  const handler: BinaryHandler = async (segments, signal): Promise<BinaryResponse | null> => {
    const [size, file, ...rest] = segments;
    if (!size || !file || rest.length > 0 || !(POSTER_SIZES as readonly string[]).includes(size) || !isPosterFile(file)) return null;
    const path = join(deps.dir, size, file);
    const cached = await readFile(path).catch(() => undefined);
    if (cached) {
      // Last use, for the cap.
      void utimes(path, new Date(), new Date()).catch(() => undefined);
      return { contentType: contentTypeOf(file), body: cached, maxAgeSeconds: ONE_YEAR_S };
    }
    const key = `${size}/${file}`;
    let fetching = inFlight.get(key);
    if (!fetching) {
      fetching = queue
        .execute(() => download(size, file, signal))
        .then(async (bytes) => {
          if (!bytes) return null;
          try {
            await mkdir(join(deps.dir, size), { recursive: true });
            await writeFile(path, bytes);
          } catch {
            // A cache that cannot be written only costs a fetch next time.
            return bytes;
          }
          if (Date.now() - lastPrune > 60_000) {
            lastPrune = Date.now();
            void prune().catch(() => undefined);
          }
          return bytes;
        })
        .catch(() => null)
        .finally(() => inFlight.delete(key));
      inFlight.set(key, fetching);
    }
    const bytes = await fetching;
    return bytes ? { contentType: contentTypeOf(file), body: bytes, maxAgeSeconds: ONE_YEAR_S } : null;
  };

  return { handler, prune };
}
