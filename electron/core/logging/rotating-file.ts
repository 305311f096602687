/**
 * A size-capped log file that keeps a few old ones: `medianest.log`, then
 * `medianest.log.1` (the newest old one) up to `medianest.log.<keep>`.
 *
 * Writes are synchronous, one log line each: lines are few (info and up),
 * and a line written before a crash is a line that can explain it. The file
 * the user is told about keeps its name; only old content moves.
 *
 * Logging must never stop the app: when the file cannot be written (disk
 * full, folder gone) the stream says so once through `onError`, drops the
 * line and tries again with the next one. After `close()` lines are dropped.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 3;

export interface RotatingFileOptions {
  readonly file: string;
  /** The size past which the file is rotated; default 5 MiB. */
  readonly maxBytes?: number;
  /** Old files kept; default 3. */
  readonly keep?: number;
  /** Told once when writing starts failing. */
  readonly onError?: (error: Error) => void;
}

export interface RotatingFile {
  readonly path: string;
  /** One or more whole lines. */
  write(text: string): void;
  close(): void;
}

/** Opens (creating folder and file, private to this user) the log file; throws when it cannot. */
export function openRotatingFile(options: RotatingFileOptions): RotatingFile {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_LOG_KEEP;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });

  let fd = -1;
  let size = 0;
  let failing = false;
  let closed = false;

  const open = (): void => {
    fd = openSync(file, 'a', 0o600);
    size = fstatSync(fd).size;
  };

  const fail = (error: unknown): void => {
    if (failing) return;
    failing = true;
    options.onError?.(error as Error);
  };

  const rotate = (): void => {
    if (fd >= 0) closeSync(fd);
    fd = -1;
    for (let index = keep - 1; index >= 1; index -= 1) {
      try {
        renameSync(`${file}.${index}`, `${file}.${index + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    // With keep 0 the old content is simply replaced.
    if (keep > 0) renameSync(file, `${file}.1`);
    fd = openSync(file, keep > 0 ? 'a' : 'w', 0o600);
    size = 0;
  };

  open();
  return {
    path: file,
    write(text) {
      if (closed) return;
      const bytes = Buffer.byteLength(text);
      try {
        // A failed rotation leaves no file open: try again with this line.
        if (fd < 0) open();
        if (size > 0 && size + bytes > maxBytes) rotate();
        writeSync(fd, text);
        size += bytes;
        failing = false;
      } catch (error) {
        fail(error);
      }
    },
    close() {
      closed = true;
      if (fd < 0) return;
      try {
        closeSync(fd);
      } catch {
        // Already gone; nothing left to flush with synchronous writes.
      }
      fd = -1;
    },
  };
}
