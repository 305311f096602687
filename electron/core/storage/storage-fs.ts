/**
 * The file operations MediaNest's stored data goes through: settings, secrets,
 * and the checks and copies around the SQLite files.
 *
 * One small seam, so tests can make any read or write fail (EACCES, EIO,
 * ENOSPC) exactly where the disk would, without chmod (which root ignores).
 * SQLite's own reads and writes do not pass through here.
 */
import { constants, copyFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface StorageFs {
  readFile(path: string): Buffer;
  /** Up to `bytes` bytes from the start (a database header). */
  readHead(path: string, bytes: number): Buffer;
  /** Creates or replaces `path` with `data`, flushed to disk before it returns. */
  writeFile(path: string, data: string | Buffer, mode?: number): void;
  rename(from: string, to: string): void;
  /** Fails when `to` exists: a copy never replaces anything. */
  copyFile(from: string, to: string): void;
  remove(path: string): void;
  exists(path: string): boolean;
  /** Size and identity, to notice a change written by another process. */
  stat(path: string): FileStat;
  /** Names in a folder (empty when it does not exist). */
  list(dir: string): string[];
  mkdir(dir: string, mode?: number): void;
}

export const nodeStorageFs: StorageFs = {
  readFile: (path) => readFileSync(path),
  readHead(path, bytes) {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const read = readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  },
  writeFile(path, data, mode) {
    const fd = openSync(path, 'w', mode);
    try {
      const buffer = typeof data === 'string' ? Buffer.from(data) : data;
      let written = 0;
      while (written < buffer.length) written += writeSync(fd, buffer, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename: (from, to) => renameSync(from, to),
  copyFile: (from, to) => copyFileSync(from, to, constants.COPYFILE_EXCL),
  remove: (path) => rmSync(path, { force: true }),
  exists: (path) => existsSync(path),
  stat(path) {
    const { size, mtimeMs, ino } = statSync(path);
    return { size, mtimeMs, ino };
  },
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  mkdir: (dir, mode) => void mkdirSync(dir, { recursive: true, ...(mode === undefined ? {} : { mode }) }),
};

/** "permission denied (EACCES)": an fs error in words, for messages people read. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EIO: 'a read or write error from the disk',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the disk is read-only',
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a folder on its path is a file',
    EBUSY: 'it is in use',
    EMFILE: 'too many files are open',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}
