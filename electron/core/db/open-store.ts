/**
 * Opens one of MediaNest's SQLite files so that no state of the file can stop
 * the app from starting, and says in words what it found.
 *
 * - **Rebuildable** files (caches, health history, library index, posters)
 *   are checked at start by their header alone (one small read, however large
 *   the file) and their schema; the full `quick_check` runs later, off the
 *   start-up path (`deferredCheck`). A broken one is moved aside and started
 *   afresh; one written by a newer MediaNest is left for it, and this version
 *   uses a file of its own beside it.
 * - **Precious** files (requests, outbox, download queue) are checked fully
 *   at start (open, schema version, `quick_check`). A broken one is copied
 *   aside untouched and every row that can still be read is copied into a
 *   fresh file; one written by a newer MediaNest is left untouched and the
 *   features that need it are turned off (`unavailable` says why).
 *
 * Nothing is ever overwritten before it has been copied or moved aside.
 */
import Database from 'better-sqlite3';
import { truncateSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError, nodeStorageFs, type StorageFs } from '../storage/storage-fs';
import { keepAside, keptCopies, moveAside } from '../storage/keep-aside';
import { latestVersion, migrate, openDatabase, schemaVersion, type Db } from './database';
import type { Migration } from './migration';
import { salvageRows, type TableSalvage } from './salvage-rows';
import { expectedShape, readShape, shapeProblems } from './schema-shape';
import { readSqliteHeader } from './sqlite-header';

export type StoreKind = 'rebuildable' | 'precious';

export interface StoreOptions {
  readonly kind: StoreKind;
  readonly migrations: readonly Migration[];
  /** What the file holds, to start a sentence: "The cache of service answers and health history". */
  readonly label?: string;
  /** Precious: what is turned off while the file cannot be used ("requests and downloads"). */
  readonly needs?: string;
  /** Rebuildable: how it comes back ("it fills again from your services"). */
  readonly refill?: string;
  /** Tables by the names people know them ("download queue"). */
  readonly tableLabels?: Readonly<Record<string, string>>;
  readonly fs?: StorageFs;
  readonly now?: () => Date;
}

interface OpenedBase {
  /** The file asked for. */
  readonly file: string;
  /** What the user should hear about, in words (shown in the window). */
  readonly warnings: readonly string[];
}

export interface RebuildableStore extends OpenedBase {
  readonly kind: 'rebuildable';
  readonly db: Db;
  /** The file actually open: a side file when the asked-for one belongs to a newer MediaNest, ':memory:' when none could be used. */
  readonly openedFile: string;
  /**
   * The full integrity check, for after start-up: a warning when the file is
   * damaged (it is then set aside and rebuilt at the next start), else undefined.
   */
  deferredCheck(): string | undefined;
}

export interface PreciousStore extends OpenedBase {
  readonly kind: 'precious';
  /** Undefined when the file cannot be used; `unavailable` then says why, for the features that need it. */
  readonly db: Db | undefined;
  readonly unavailable?: string;
}

export type OpenedStore = RebuildableStore | PreciousStore;

const COMPANIONS = ['-wal', '-shm'] as const;
const DEFAULT_REBUILDABLE_LABEL = 'The cache';
const DEFAULT_REFILL = 'it fills again from your services';
/** Left beside a rebuildable file whose deferred check failed: the next start rebuilds it. */
export const REBUILD_MARKER_SUFFIX = '.needs-rebuild';

/** Why SQLite refused a file, in words. */
export function describeSqliteError(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_NOTADB') return 'is not a SQLite database (damaged or overwritten)';
  if (code.startsWith('SQLITE_CORRUPT')) return 'is damaged (SQLite reports it malformed)';
  if (code.startsWith('SQLITE_IOERR')) return `could not be read (a read or write error from the disk, ${code})`;
  if (code === 'SQLITE_FULL') return 'could not be written (the disk is full)';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'could not be opened';
  if (code.startsWith('SQLITE_READONLY')) return 'could not be written (it is read-only)';
  if ((error as NodeJS.ErrnoException).syscall) return `could not be read (${describeFsError(error)})`;
  return `could not be used (${error instanceof Error ? error.message : String(error)})`;
}

function sizeWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

type HeaderVerdict = { readonly fresh: true } | { readonly fresh: false; readonly problem?: string; readonly version?: number };

/** What the header says: a new file, a problem, or the version it claims (0: not recorded there). */
function checkHeader(fs: StorageFs, file: string): HeaderVerdict {
  const header = readSqliteHeader(fs, file);
  switch (header.kind) {
    case 'missing':
    case 'empty':
      return { fresh: true };
    case 'unreadable':
      return { fresh: false, problem: `could not be read (${describeFsError(header.error)})` };
    case 'not-sqlite':
      return { fresh: false, problem: 'is not a SQLite database (damaged or overwritten)' };
    case 'truncated':
      return { fresh: false, problem: `was cut short (${sizeWords(header.actualBytes)} of ${sizeWords(header.expectedBytes)} are left)` };
    case 'ok':
      return { fresh: false, version: header.userVersion };
  }
}

/** The version recorded in the file's migrations table (files from before it was in the header). */
function recordedVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get();
  return table ? schemaVersion(db) : 0;
}

/** A problem with the schema of an open file, or undefined. */
function schemaProblem(db: Db, migrations: readonly Migration[], version: number): string | undefined {
  const actual = readShape(db);
  if (version === 0) {
    // No version anywhere: only an empty database is fine.
    return actual.size === 0 ? undefined : 'is not one of MediaNest\'s databases (it records no schema version)';
  }
  const problems = shapeProblems(actual, expectedShape(migrations, version));
  return problems.length > 0 ? `does not have the tables its version promises (${problems.slice(0, 3).join('; ')})` : undefined;
}

function newerWords(label: string, name: string, found: number, known: number): string {
  return `${label} (${name}) was written by a newer MediaNest (data layout ${found}; this version knows up to ${known}).`;
}

function removeSet(fs: StorageFs, file: string): void {
  for (const suffix of ['', ...COMPANIONS]) fs.remove(`${file}${suffix}`);
}

export function openStore(file: string, options: StoreOptions & { readonly kind: 'rebuildable' }): RebuildableStore;
export function openStore(file: string, options: StoreOptions & { readonly kind: 'precious' }): PreciousStore;
export function openStore(file: string, options: StoreOptions): OpenedStore;
export function openStore(file: string, options: StoreOptions): OpenedStore {
  return options.kind === 'rebuildable' ? openRebuildable(file, options) : openPrecious(file, options);
}

function openRebuildable(file: string, options: StoreOptions): RebuildableStore {
  const fs = options.fs ?? nodeStorageFs;
  const label = options.label ?? DEFAULT_REBUILDABLE_LABEL;
  const refill = options.refill ?? DEFAULT_REFILL;
  const name = basename(file);
  const known = latestVersion(options.migrations);
  const warnings: string[] = [];
  const opened = (db: Db, openedFile: string): RebuildableStore => ({
    kind: 'rebuildable',
    file,
    db,
    openedFile,
    warnings,
    deferredCheck: () => (openedFile === ':memory:' ? undefined : deferredCheck(db, openedFile)),
  });
  const inMemory = (why: string): RebuildableStore => {
    warnings.push(`${label} (${name}) ${why}, so this time MediaNest keeps it in memory: it starts empty and is gone when MediaNest quits. Check the data folder ${dirname(file)}.`);
    return opened(openDatabase({ file: ':memory:', migrations: options.migrations }), ':memory:');
  };
  const deferredCheck = (db: Db, openedFile: string): string | undefined => {
    let result: string;
    try {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      result = rows[0]?.quick_check ?? 'ok';
    } catch (error) {
      result = describeSqliteError(error);
    }
    if (result === 'ok') return undefined;
    try {
      fs.writeFile(`${openedFile}${REBUILD_MARKER_SUFFIX}`, result);
    } catch {
      // Without the marker the next start's check finds the damage again.
    }
    return `A check of ${label.charAt(0).toLowerCase()}${label.slice(1)} (${basename(openedFile)}) found it damaged (${result.slice(0, 120)}). MediaNest goes on with what it can read and will set the file aside and start it afresh at the next start; ${refill}.`;
  };

  if (file === ':memory:') return opened(openDatabase({ file, migrations: options.migrations }), file);

  const marker = `${file}${REBUILD_MARKER_SUFFIX}`;
  const header = checkHeader(fs, file);
  let problem = fs.exists(marker) ? 'was found damaged by the check after the last start' : header.fresh ? undefined : header.problem;

  if (!problem && !header.fresh) {
    let db: Db | undefined;
    try {
      db = new Database(file, { fileMustExist: true });
      const version = header.version || recordedVersion(db);
      if (version > known) {
        db.close();
        return openNewerRebuildable(file, options, version, warnings);
      }
      problem = schemaProblem(db, options.migrations, version);
      if (!problem) {
        db.close();
        return opened(openDatabase({ file, migrations: options.migrations }), file);
      }
    } catch (error) {
      problem = describeSqliteError(error);
    }
    db?.close();
  }

  if (problem) {
    let aside: string;
    try {
      aside = moveAside(fs, file, { companions: COMPANIONS, ...(options.now ? { now: options.now } : {}) }).path;
      fs.remove(marker);
    } catch (error) {
      return inMemory(`${problem} and could not be moved aside (${describeFsError(error)})`);
    }
    // One set-aside copy is enough to look at; older ones of a file that rebuilds itself only take space.
    for (const old of keptCopies(fs, dirname(file), file)) if (join(dirname(file), old) !== aside) removeSet(fs, join(dirname(file), old));
    warnings.push(`${label} (${name}) ${problem}, so MediaNest set it aside as ${aside} and started a fresh one. Nothing you entered is lost: ${refill}.`);
  }
  try {
    return opened(openDatabase({ file, migrations: options.migrations }), file);
  } catch (error) {
    return inMemory(describeSqliteError(error));
  }
}

/** A newer MediaNest's file stays as it is; this version uses `<name>.schema-<version>.db` beside it. */
function openNewerRebuildable(file: string, options: StoreOptions, found: number, warnings: string[]): RebuildableStore {
  const known = latestVersion(options.migrations);
  const side = file.replace(/(\.db)?$/, `.schema-${known}.db`);
  const label = options.label ?? DEFAULT_REBUILDABLE_LABEL;
  const inner = openRebuildable(side, options);
  warnings.push(
    `${newerWords(label, basename(file), found, known)} It was left untouched for that version; this one keeps its own in ${basename(inner.openedFile)} meanwhile. Nothing is lost: ${options.refill ?? DEFAULT_REFILL}.`,
    ...inner.warnings,
  );
  return { ...inner, file, warnings };
}

function openPrecious(file: string, options: StoreOptions): PreciousStore {
  const fs = options.fs ?? nodeStorageFs;
  const label = options.label ?? 'Your saved data';
  const needs = options.needs ?? 'what needs it';
  const name = basename(file);
  const known = latestVersion(options.migrations);
  const warnings: string[] = [];
  const ready = (db: Db): PreciousStore => ({ kind: 'precious', file, db, warnings });
  const unavailable = (sentence: string): PreciousStore => {
    warnings.push(sentence);
    return { kind: 'precious', file, db: undefined, unavailable: sentence, warnings };
  };
  const open = (): Db => openDatabase({ file, migrations: options.migrations, synchronous: 'FULL' });

  if (file === ':memory:') return ready(open());

  const header = checkHeader(fs, file);
  let problem = header.fresh ? undefined : header.problem;
  if (!problem && !header.fresh) {
    let db: Db | undefined;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const version = header.version || recordedVersion(db);
      if (version > known) {
        db.close();
        return unavailable(`${newerWords(label, name, version, known)} MediaNest left it untouched and turned off ${needs} until you run the newer MediaNest again; nothing was changed or lost.`);
      }
      problem = schemaProblem(db, options.migrations, version);
      if (!problem) {
        const rows = db.pragma('quick_check') as { quick_check: string }[];
        const result = rows[0]?.quick_check ?? 'ok';
        if (result !== 'ok') problem = `failed its integrity check (${result.slice(0, 120)})`;
      }
    } catch (error) {
      problem = describeSqliteError(error);
    }
    db?.close();
  }
  if (!problem) {
    try {
      return ready(open());
    } catch (error) {
      return unavailable(`${label} (${name}) ${describeSqliteError(error)}, so ${needs} are off for now; nothing in it was changed. Check the data folder ${dirname(file)}, then restart MediaNest.`);
    }
  }
  return recoverPrecious(file, options, problem, { fs, label, needs, name, warnings, ready, unavailable });
}

interface RecoverContext {
  readonly fs: StorageFs;
  readonly label: string;
  readonly needs: string;
  readonly name: string;
  readonly warnings: string[];
  readonly ready: (db: Db) => PreciousStore;
  readonly unavailable: (sentence: string) => PreciousStore;
}

function recoverPrecious(file: string, options: StoreOptions, problem: string, context: RecoverContext): PreciousStore {
  const { fs, label, needs, name } = context;
  let copy: string;
  try {
    copy = keepAside(fs, file, { companions: COMPANIONS, allowMove: false, ...(options.now ? { now: options.now } : {}) }).path;
  } catch (error) {
    return context.unavailable(
      `${label} (${name}) ${problem}, and it could not be copied aside (${describeFsError(error)}), so MediaNest did not touch it and turned off ${needs}. Free some disk space or check the disk, then restart MediaNest.`,
    );
  }

  // The fresh file is built beside the original and takes its place only when whole.
  const fresh = `${file}.recovering`;
  let salvage: TableSalvage[];
  try {
    removeSet(fs, fresh);
    const target = new Database(fresh);
    try {
      migrate(target, options.migrations);
      salvage = readFrom(fs, copy, target);
    } finally {
      target.close();
    }
    removeSet(fs, file);
    fs.rename(fresh, file);
  } catch (error) {
    try {
      removeSet(fs, fresh);
    } catch {
      // A leftover `.recovering` file is replaced at the next attempt.
    }
    return context.unavailable(
      `${label} (${name}) ${problem}. A copy is at ${copy}, but MediaNest could not make a fresh file (${describeFsError(error)}), so ${needs} are off. Free some disk space, then restart MediaNest.`,
    );
  }

  const tableName = (table: string): string => options.tableLabels?.[table] ?? table.replaceAll('_', ' ');
  const tables = salvage
    .map((table) =>
      table.missing
        ? `${tableName(table.table)}: could not be read`
        : table.complete
          ? `${tableName(table.table)}: all ${table.kept} kept`
          : `${tableName(table.table)}: ${table.kept} kept, the rest could not be read`,
    )
    .join('; ');
  const lost = salvage.some((table) => !table.complete)
    ? 'What could not be read is missing from MediaNest now; it is still in the copy, for a SQLite recovery tool.'
    : 'Nothing was lost.';
  const sentence = `${label} (${name}) ${problem}. The damaged file was copied, untouched, to ${copy}; MediaNest copied what it could still read into a fresh file and started with it (${tables || 'no tables'}). ${lost}`;
  try {
    const db = openDatabase({ file, migrations: options.migrations, synchronous: 'FULL' });
    context.warnings.push(sentence);
    return context.ready(db);
  } catch (error) {
    return context.unavailable(`${sentence} But the fresh file could not be opened (${describeSqliteError(error)}), so ${needs} are off; restart MediaNest to try again.`);
  }
}

/**
 * Rows from the kept copy into the fresh file, through a scratch copy so the
 * kept one stays byte for byte what was found. A file cut short is padded
 * back to its length first: SQLite refuses to read any of a file shorter
 * than its header says, but reads the pages that are still there.
 */
function readFrom(fs: StorageFs, copy: string, target: Db): TableSalvage[] {
  const scratch = `${copy}.salvage`;
  const nothing = (): TableSalvage[] => [...readShape(target).keys()].map((table) => ({ table, kept: 0, complete: false, missing: true }));
  try {
    removeSet(fs, scratch);
    fs.copyFile(copy, scratch);
    for (const suffix of COMPANIONS) if (fs.exists(`${copy}${suffix}`)) fs.copyFile(`${copy}${suffix}`, `${scratch}${suffix}`);
    const header = readSqliteHeader(fs, scratch);
    if (header.kind === 'truncated') truncateSync(scratch, header.expectedBytes);
  } catch {
    removeSet(fs, scratch);
    return nothing();
  }
  try {
    let source: Db;
    try {
      source = new Database(scratch, { fileMustExist: true });
    } catch {
      return nothing();
    }
    try {
      return salvageRows(source, target);
    } finally {
      source.close();
    }
  } finally {
    removeSet(fs, scratch);
  }
}
