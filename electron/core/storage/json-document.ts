/**
 * One JSON file (settings.json, secrets.json) read and written through the
 * storage seam.
 *
 * Reading says what it found, without judging: nothing yet, a value, a file
 * that is not JSON (cut short, garbage) or one that could not be read at all.
 * Writing always goes through a temporary file and a rename, so a crash or a
 * full disk never leaves half a file where the old one was.
 */
import { dirname } from 'node:path';
import type { StagedWrite } from './commit-together';
import { keepAside, type KeptCopy } from './keep-aside';
import type { StorageFs } from './storage-fs';

export type DocumentRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: unknown }
  /** Not JSON: cut short, or not text at all. `text` is what could be read, for salvage. */
  | { readonly kind: 'damaged'; readonly text: string; readonly error: Error }
  /** The file is there but reading it failed (permissions, the disk). */
  | { readonly kind: 'unreadable'; readonly error: unknown };

export interface JsonDocument {
  readonly path: string;
  read(): DocumentRead;
  /** Writes `value` to a temporary file beside the document; `commit()` renames it into place. */
  stage(value: unknown): StagedWrite;
  /** Copies the file aside (moving it when it cannot be read); throws when neither works. */
  keepAside(): KeptCopy;
}

export interface JsonDocumentOptions {
  /** File mode for new content (0600 for secrets). */
  readonly mode?: number;
  readonly now?: () => Date;
}

let nextTemp = 0;

export function createJsonDocument(fs: StorageFs, path: string, options: JsonDocumentOptions = {}): JsonDocument {
  const write = (target: string, data: Buffer | string): void => {
    fs.mkdir(dirname(target));
    fs.writeFile(target, data, options.mode);
  };
  /** Writes `data` to a temporary file and returns its name. */
  const writeTemp = (data: Buffer | string): string => {
    const temp = `${path}.${process.pid}-${++nextTemp}.tmp`;
    try {
      write(temp, data);
    } catch (error) {
      fs.remove(temp);
      throw error;
    }
    return temp;
  };
  return {
    path,
    read() {
      if (!fs.exists(path)) return { kind: 'missing' };
      let bytes: Buffer;
      try {
        bytes = fs.readFile(path);
      } catch (error) {
        return { kind: 'unreadable', error };
      }
      const text = bytes.toString('utf8');
      try {
        return { kind: 'ok', value: JSON.parse(text) as unknown };
      } catch (error) {
        return { kind: 'damaged', text, error: error as Error };
      }
    },
    stage(value) {
      const temp = writeTemp(`${JSON.stringify(value, null, 2)}\n`);
      let previous: Buffer | undefined;
      let existed = false;
      return {
        commit() {
          existed = fs.exists(path);
          // Kept for a rollback; a file that cannot be read was already copied aside by its owner.
          previous = existed ? safeRead(fs, path) : undefined;
          fs.rename(temp, path);
        },
        rollback() {
          if (previous !== undefined) fs.rename(writeTemp(previous), path);
          else if (!existed) fs.remove(path);
        },
        abort() {
          fs.remove(temp);
        },
      };
    },
    keepAside: () => keepAside(fs, path, options.now ? { now: options.now } : {}),
  };
}

function safeRead(fs: StorageFs, path: string): Buffer | undefined {
  try {
    return fs.readFile(path);
  } catch {
    return undefined;
  }
}
