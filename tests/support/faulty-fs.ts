/**
 * A StorageFs that fails where it is told to, with the errors the disk gives
 * (EACCES, EIO, ENOSPC): how tests make a read or write fail when running as
 * root, which ignores file modes.
 */
import type { StorageFs } from '../../electron/core/storage/storage-fs';

export type FsOperation = keyof StorageFs;
export type FaultCode = 'EACCES' | 'EIO' | 'ENOSPC';

export interface Fault {
  readonly op: FsOperation | readonly FsOperation[];
  /** Which paths fail: a substring of the path, or a test. */
  readonly path: string | ((path: string) => boolean);
  readonly code: FaultCode;
  /** How many times it fails before it works again; default always. */
  readonly times?: number;
}

export interface FaultyFs extends StorageFs {
  fail(fault: Fault): void;
  /** Every fault removed. */
  heal(): void;
  /** Calls that failed, as `op path`. */
  readonly failures: readonly string[];
}

export function createFaultyFs(inner: StorageFs, initial: readonly Fault[] = []): FaultyFs {
  const faults: { fault: Fault; left: number }[] = initial.map((fault) => ({ fault, left: fault.times ?? Infinity }));
  const failures: string[] = [];
  const check = (op: FsOperation, ...paths: string[]): void => {
    for (const entry of faults) {
      const ops = typeof entry.fault.op === 'string' ? [entry.fault.op] : entry.fault.op;
      if (!ops.includes(op) || entry.left <= 0) continue;
      const matches = paths.some((path) => (typeof entry.fault.path === 'string' ? path.includes(entry.fault.path) : entry.fault.path(path)));
      if (!matches) continue;
      entry.left -= 1;
      failures.push(`${op} ${paths.join(' ')}`);
      throw Object.assign(new Error(`${entry.fault.code}: injected on ${op} ${paths[0]}`), { code: entry.fault.code, syscall: op, path: paths[0] });
    }
  };
  return {
    failures,
    fail: (fault) => void faults.push({ fault, left: fault.times ?? Infinity }),
    heal: () => void faults.splice(0),
    readFile: (path) => (check('readFile', path), inner.readFile(path)),
    readHead: (path, bytes) => (check('readHead', path), inner.readHead(path, bytes)),
    writeFile: (path, data, mode) => (check('writeFile', path), inner.writeFile(path, data, mode)),
    rename: (from, to) => (check('rename', from, to), inner.rename(from, to)),
    copyFile: (from, to) => (check('copyFile', from, to), inner.copyFile(from, to)),
    remove: (path) => (check('remove', path), inner.remove(path)),
    exists: (path) => inner.exists(path),
    stat: (path) => (check('stat', path), inner.stat(path)),
    list: (dir) => inner.list(dir),
    mkdir: (dir, mode) => (check('mkdir', dir), inner.mkdir(dir, mode)),
  };
}
