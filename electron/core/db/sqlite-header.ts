/**
 * What a SQLite file's first 100 bytes say, read without opening it: is it a
 * SQLite database at all, is it whole, and which schema version it holds
 * (`user_version`, which our migrations keep equal to the latest applied).
 * This is the start-up check of a rebuildable file: it costs one small read,
 * however large the file.
 */
import type { StorageFs } from '../storage/storage-fs';

const MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

export type SqliteHeader =
  | { readonly kind: 'missing' }
  /** Zero bytes: SQLite makes the file before it writes the first page, so this is a new, empty database. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'unreadable'; readonly error: unknown }
  | { readonly kind: 'not-sqlite' }
  | { readonly kind: 'truncated'; readonly expectedBytes: number; readonly actualBytes: number }
  | { readonly kind: 'ok'; readonly userVersion: number };

export function readSqliteHeader(fs: StorageFs, file: string): SqliteHeader {
  if (!fs.exists(file)) return { kind: 'missing' };
  let head: Buffer;
  let size: number;
  try {
    size = fs.stat(file).size;
    if (size === 0) return { kind: 'empty' };
    head = fs.readHead(file, HEADER_BYTES);
  } catch (error) {
    return { kind: 'unreadable', error };
  }
  if (head.length < HEADER_BYTES || head.toString('latin1', 0, 16) !== MAGIC) return { kind: 'not-sqlite' };
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) return { kind: 'not-sqlite' };
  // The in-header page count is trustworthy only when its "valid-for" number matches the change counter.
  const changeCounter = head.readUInt32BE(24);
  const pageCount = head.readUInt32BE(28);
  const validFor = head.readUInt32BE(92);
  if (pageCount > 0 && validFor === changeCounter && size < pageCount * pageSize) {
    return { kind: 'truncated', expectedBytes: pageCount * pageSize, actualBytes: size };
  }
  return { kind: 'ok', userVersion: head.readUInt32BE(60) };
}
