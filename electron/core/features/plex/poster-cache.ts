/**
 * Posters on disk: one file per (item, version, size), a size cap, and
 * least-recently-used eviction. It is rebuildable data: a missing or broken
 * folder only means posters are fetched again.
 *
 * Recency lives in memory (loaded from the files' modification times at
 * start) and is written back to the file's mtime now and then, so a restart
 * keeps roughly the same order without a write per poster shown.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PosterCacheOptions {
  readonly dir: string;
  /** Bytes on disk before the least recently used posters go. */
  readonly maxBytes: number;
  readonly now?: () => number;
}

export interface CachedPoster {
  readonly bytes: Buffer;
  readonly contentType: string;
}

export interface PosterCache {
  get(key: string): Promise<CachedPoster | undefined>;
  put(key: string, poster: CachedPoster): Promise<void>;
  readonly totalBytes: number;
  readonly count: number;
  has(key: string): boolean;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/avif': 'avif' };
const TYPES: Record<string, string> = Object.fromEntries(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type]));
/** Recency older than this is written back to the file when the poster is used again. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

interface Entry {
  readonly file: string;
  readonly size: number;
  readonly contentType: string;
  used: number;
  touched: number;
}

function fileName(key: string, contentType: string): string {
  const ext = EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()] ?? 'img';
  return `${createHash('sha1').update(key).digest('hex')}.${ext}`;
}

export function createPosterCache(options: PosterCacheOptions): PosterCache {
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use keeps it in LRU order.
  const entries = new Map<string, Entry>();
  const byFile = new Map<string, string>();
  let total = 0;
  /** Files found at start whose key has not been asked for yet. */
  let unadopted = 0;
  try {
    mkdirSync(options.dir, { recursive: true });
    const found = readdirSync(options.dir)
      .filter((name) => /^[0-9a-f]{40}\.\w+$/.test(name))
      .map((name) => {
        const stat = statSync(join(options.dir, name));
        return { name, size: stat.size, used: stat.mtimeMs };
      })
      .sort((a, b) => a.used - b.used);
    for (const { name, size, used } of found) {
      // Keys are not stored on disk; an entry found at start is known by its file until asked for.
      entries.set(`file:${name}`, { file: name, size, contentType: TYPES[name.split('.')[1]!] ?? 'application/octet-stream', used, touched: used });
      byFile.set(name, `file:${name}`);
      total += size;
      unadopted += 1;
    }
  } catch {
    // An unreadable cache folder starts empty; writes will tell whether it is usable.
  }

  const forget = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (key.startsWith('file:')) unadopted -= 1;
    entries.delete(key);
    byFile.delete(entry.file);
    total -= entry.size;
    return entry;
  };

  const evict = async (): Promise<void> => {
    // Down to 90 % of the cap, so eviction does not run on every new poster.
    const target = options.maxBytes * 0.9;
    const victims: Entry[] = [];
    for (const key of entries.keys()) {
      if (total <= target) break;
      const entry = forget(key);
      if (entry) victims.push(entry);
    }
    await Promise.all(victims.map((entry) => unlink(join(options.dir, entry.file)).catch(() => undefined)));
  };

  /** The entry for a key, adopting a file found at start under its hashed name. */
  const lookup = (key: string): { key: string; entry: Entry } | undefined => {
    const direct = entries.get(key);
    if (direct || unadopted === 0) return direct ? { key, entry: direct } : undefined;
    const hash = createHash('sha1').update(key).digest('hex');
    for (const ext of Object.values(EXTENSIONS)) {
      const adopted = byFile.get(`${hash}.${ext}`);
      if (adopted?.startsWith('file:')) {
        const entry = forget(adopted)!;
        entries.set(key, entry);
        byFile.set(entry.file, key);
        total += entry.size;
        return { key, entry };
      }
    }
    return undefined;
  };

  return {
    async get(key) {
      const found = lookup(key);
      if (!found) return undefined;
      const { entry } = found;
      let bytes: Buffer;
      try {
        bytes = await readFile(join(options.dir, entry.file));
      } catch {
        forget(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      entry.used = now();
      if (entry.used - entry.touched > TOUCH_AFTER_MS) {
        entry.touched = entry.used;
        const at = new Date(entry.used);
        void utimes(join(options.dir, entry.file), at, at).catch(() => undefined);
      }
      return { bytes, contentType: entry.contentType };
    },
    async put(key, poster) {
      if (poster.bytes.length > options.maxBytes) return;
      const file = fileName(key, poster.contentType);
      const temp = join(options.dir, `${file}.${process.pid}.tmp`);
      mkdirSync(options.dir, { recursive: true });
      await writeFile(temp, poster.bytes);
      await rename(temp, join(options.dir, file));
      forget(key);
      const at = now();
      entries.set(key, { file, size: poster.bytes.length, contentType: poster.contentType.split(';')[0]!.trim(), used: at, touched: at });
      byFile.set(file, key);
      total += poster.bytes.length;
      if (total > options.maxBytes) await evict();
    },
    get totalBytes() {
      return total;
    },
    get count() {
      return entries.size;
    },
    has: (key) => lookup(key) !== undefined,
  };
}
