/**
 * A StorageFs held in memory: settings and secrets without a data folder
 * (unit tests, benchmarks). Errors carry the codes node:fs would use.
 */
import { basename, dirname } from 'node:path';
import type { StorageFs } from './storage-fs';

export interface MemoryFs extends StorageFs {
  /** What each file holds, by path. */
  readonly files: Map<string, Buffer>;
}

function missing(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file, ${path}`), { code: 'ENOENT' });
}

export function createMemoryFs(initial: Readonly<Record<string, string>> = {}): MemoryFs {
  const files = new Map<string, Buffer>(Object.entries(initial).map(([path, text]) => [path, Buffer.from(text)]));
  // Bumped on every write, so a stat tells one version of a file from the next.
  let clock = 0;
  const written = new Map<string, number>();
  const put = (path: string, data: Buffer): void => {
    files.set(path, data);
    written.set(path, ++clock);
  };
  const get = (path: string): Buffer => {
    const data = files.get(path);
    if (!data) throw missing(path);
    return data;
  };
  return {
    files,
    readFile: (path) => Buffer.from(get(path)),
    readHead: (path, bytes) => Buffer.from(get(path).subarray(0, bytes)),
    writeFile: (path, data) => put(path, Buffer.from(data)),
    rename(from, to) {
      put(to, get(from));
      files.delete(from);
    },
    copyFile(from, to) {
      if (files.has(to)) throw Object.assign(new Error(`EEXIST: ${to}`), { code: 'EEXIST' });
      put(to, Buffer.from(get(from)));
    },
    remove: (path) => void files.delete(path),
    exists: (path) => files.has(path),
    stat: (path) => ({ size: get(path).length, mtimeMs: written.get(path) ?? 0, ino: 0 }),
    list: (dir) => [...files.keys()].filter((path) => dirname(path) === dir).map((path) => basename(path)),
    mkdir: () => undefined,
  };
}
