/**
 * Keeps a broken file before anything replaces it: a copy beside it named
 * `<file>.broken-<time>`, never overwriting an earlier copy.
 */
import { basename } from 'node:path';
import type { StorageFs } from './storage-fs';

export interface KeptCopy {
  /** Where the kept bytes are now. */
  readonly path: string;
  /** True when the file had to be moved (renamed) because it could not be copied. */
  readonly moved: boolean;
}

export interface KeepAsideOptions {
  /** Files that belong with it, by suffix (SQLite's `-wal` and `-shm`); kept under the same new name. */
  readonly companions?: readonly string[];
  /** Move the file when it cannot be copied (an unreadable file can still be renamed). Default true. */
  readonly allowMove?: boolean;
  readonly now?: () => Date;
}

/** `2026-12-03T10-15-00`: sorts by time and is a valid file name everywhere. */
function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** A free name `<file>.broken-<time>[-n]` for the file and each of its companions. */
function freeName(fs: StorageFs, path: string, companions: readonly string[], now: Date): string {
  const base = `${path}.broken-${stamp(now)}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (![candidate, ...companions.map((suffix) => `${candidate}${suffix}`)].some((name) => fs.exists(name))) return candidate;
  }
}

/** Copies (or, failing that, moves) `path` and its companions aside; throws when neither works. */
export function keepAside(fs: StorageFs, path: string, options: KeepAsideOptions = {}): KeptCopy {
  const companions = (options.companions ?? []).filter((suffix) => fs.exists(`${path}${suffix}`));
  const target = freeName(fs, path, companions, (options.now ?? (() => new Date()))());
  const pairs: [string, string][] = [[path, target], ...companions.map((suffix): [string, string] => [`${path}${suffix}`, `${target}${suffix}`])];
  const copied: string[] = [];
  try {
    for (const [from, to] of pairs) {
      fs.copyFile(from, to);
      copied.push(to);
    }
    return { path: target, moved: false };
  } catch (copyError) {
    for (const partial of copied) {
      try {
        fs.remove(partial);
      } catch {
        // A partial copy left behind is untidy, not harmful: the original is untouched.
      }
    }
    if (options.allowMove === false) throw copyError;
    for (const [from, to] of pairs) fs.rename(from, to);
    return { path: target, moved: true };
  }
}

/** Copies of `file` kept by `keepAside`, oldest first (by name, which sorts by time). */
export function keptCopies(fs: StorageFs, dir: string, file: string): string[] {
  const prefix = `${basename(file)}.broken-`;
  return fs
    .list(dir)
    .filter((name) => name.startsWith(prefix) && !name.endsWith('-wal') && !name.endsWith('-shm'))
    .sort();
}

/** Moves `path` and its companions aside (for files that can be rebuilt: no need to copy them). */
export function moveAside(fs: StorageFs, path: string, options: Pick<KeepAsideOptions, 'companions' | 'now'> = {}): KeptCopy {
  const companions = (options.companions ?? []).filter((suffix) => fs.exists(`${path}${suffix}`));
  const target = freeName(fs, path, companions, (options.now ?? (() => new Date()))());
  fs.rename(path, target);
  for (const suffix of companions) fs.rename(`${path}${suffix}`, `${target}${suffix}`);
  return { path: target, moved: true };
}
