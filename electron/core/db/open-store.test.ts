import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultyFs } from '../../../tests/support/faulty-fs';
import { useTempDirs } from '../../../tests/support/temp-dirs';
import { nodeStorageFs } from '../storage/storage-fs';
import type { Migration } from './migration';
import { openStore, REBUILD_MARKER_SUFFIX } from './open-store';

const tempDir = useTempDirs('medianest-store-');

const migrations: readonly Migration[] = [
  { version: 1, name: 'requests', up: (db) => db.exec('CREATE TABLE requests (id INTEGER PRIMARY KEY, title TEXT NOT NULL)') },
  { version: 2, name: 'outbox', up: (db) => db.exec('CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)') },
];
const ROWS = 400;
const precious = { kind: 'precious', migrations, label: 'Your requests', needs: 'requests' } as const;
const rebuildable = { kind: 'rebuildable', migrations, label: 'The cache' } as const;

/** A closed database file (WAL checkpointed) with ROWS rows in each table, spread over many pages. */
function filledFile(dir: string, name = 'data.db'): string {
  const file = join(dir, name);
  const store = openStore(file, precious);
  const db = store.db!;
  const insert = db.prepare('INSERT INTO requests (id, title) VALUES (?, ?)');
  const outbox = db.prepare('INSERT INTO outbox (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) {
      insert.run(i, `request ${i} ${'x'.repeat(400)}`);
      outbox.run(`message ${i} ${'y'.repeat(400)}`);
    }
  })();
  db.close();
  return file;
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const asideFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('.broken-') && !name.endsWith('-wal') && !name.endsWith('-shm'));

describe('openStore: a precious file', () => {
  it('opens a healthy file as it is, with nothing to say', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const store = openStore(file, precious);
    expect(store.warnings).toEqual([]);
    expect(count(store.db!, 'requests')).toBe(ROWS);
    store.db!.close();
  });

  it('truncated: copies it aside untouched, keeps every row it can still read and says what was lost', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const original = readFileSync(file);
    truncateSync(file, Math.floor(original.length / 2));
    const damaged = readFileSync(file);

    const store = openStore(file, precious);
    expect(store.db).toBeDefined();
    const [warning] = store.warnings;
    expect(warning).toMatch(/^Your requests \(data\.db\) was cut short/);
    const copy = join(dir, asideFiles(dir)[0]!);
    expect(warning).toContain(copy);
    expect(readFileSync(copy).equals(damaged)).toBe(true);
    const kept = count(store.db!, 'requests') + count(store.db!, 'outbox');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(2 * ROWS);
    expect(warning).toMatch(/kept, the rest could not be read/);
    expect(warning).toMatch(/still in the copy/);
    store.db!.close();
    // The fresh file is whole: the next start has nothing to say.
    const again = openStore(file, precious);
    expect(again.warnings).toEqual([]);
    again.db!.close();
  });

  it('damaged in the middle: rows on both sides of the damage are kept', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const pageSize = 4096;
    // A few pages well inside the file; page 1 (the schema) stays whole.
    overwrite(file, pageSize * 40, randomBytes(pageSize * 3));

    const store = openStore(file, precious);
    expect(store.warnings[0]).toMatch(/data\.db\) (failed its integrity check|is damaged)/);
    const ids = (store.db!.prepare('SELECT id FROM requests ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    const outbox = count(store.db!, 'outbox');
    // Lost rows are few, and both ends of the damaged table survive.
    expect(ids.length + outbox).toBeGreaterThan(2 * ROWS - 60);
    expect(ids.length + outbox).toBeLessThan(2 * ROWS);
    expect(ids[0]).toBe(1);
    expect(ids.at(-1)).toBe(ROWS);
    store.db!.close();
  });

  it('garbage: nothing can be read, the copy is kept and the app gets a fresh, empty file', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    writeFileSync(file, randomBytes(64 * 1024));
    const garbage = readFileSync(file);
    const store = openStore(file, precious);
    expect(store.warnings[0]).toMatch(/is not a SQLite database \(damaged or overwritten\)\. The damaged file was copied, untouched, to /);
    expect(store.warnings[0]).toMatch(/requests: could not be read; outbox: could not be read/);
    expect(readFileSync(join(dir, asideFiles(dir)[0]!)).equals(garbage)).toBe(true);
    expect(count(store.db!, 'requests')).toBe(0);
    store.db!.close();
  });

  it('wrong schema: a missing table is named, the other table is kept whole', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const raw = new Database(file);
    raw.exec('DROP TABLE outbox');
    raw.close();
    const store = openStore(file, precious);
    expect(store.warnings[0]).toMatch(/does not have the tables its version promises \(table outbox is missing\)/);
    expect(store.warnings[0]).toMatch(/requests: all 400 kept; outbox: could not be read/);
    expect(count(store.db!, 'requests')).toBe(ROWS);
    store.db!.close();
  });

  it('written by a newer MediaNest: left untouched, the features that need it are off, and it says exactly that', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const raw = new Database(file);
    raw.pragma('user_version = 9');
    raw.close();
    const before = readFileSync(file);
    const store = openStore(file, precious);
    expect(store.db).toBeUndefined();
    expect(store.unavailable).toBe(
      'Your requests (data.db) was written by a newer MediaNest (data layout 9; this version knows up to 2). MediaNest left it untouched and turned off requests until you run the newer MediaNest again; nothing was changed or lost.',
    );
    expect(store.unavailable).not.toMatch(/corrupt|damaged/i);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(asideFiles(dir)).toEqual([]);
  });

  it('an I/O error while checking: copied aside and recovered when the copy works', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const fs = createFaultyFs(nodeStorageFs, [{ op: 'readHead', path: 'data.db', code: 'EIO' }]);
    const store = openStore(file, { ...precious, fs });
    expect(store.warnings[0]).toMatch(/could not be read \(a read or write error from the disk \(EIO\)\)\. The damaged file was copied, untouched, to /);
    expect(count(store.db!, 'requests')).toBe(ROWS);
    expect(store.warnings[0]).toMatch(/Nothing was lost\./);
    store.db!.close();
  });

  it('an I/O error that also stops the copy: nothing is touched, the features are off and the words say what to do', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    const before = readFileSync(file);
    const fs = createFaultyFs(nodeStorageFs, [
      { op: 'readHead', path: 'data.db', code: 'EIO' },
      { op: 'copyFile', path: 'data.db', code: 'EIO' },
    ]);
    const store = openStore(file, { ...precious, fs });
    expect(store.db).toBeUndefined();
    expect(store.unavailable).toMatch(/could not be copied aside \(a read or write error from the disk \(EIO\)\), so MediaNest did not touch it and turned off requests/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a full disk while writing the fresh file: the damaged file stays, a copy is kept, nothing half-made is left', () => {
    const dir = tempDir();
    const file = filledFile(dir);
    writeFileSync(file, randomBytes(8192));
    const garbage = readFileSync(file);
    const fs = createFaultyFs(nodeStorageFs, [{ op: 'rename', path: '.recovering', code: 'ENOSPC' }]);
    const store = openStore(file, { ...precious, fs });
    expect(store.db).toBeUndefined();
    expect(store.unavailable).toMatch(/could not make a fresh file \(the disk is full \(ENOSPC\)\), so requests are off/);
    expect(existsSync(`${file}.recovering`)).toBe(false);
    expect(readFileSync(join(dir, asideFiles(dir)[0]!)).equals(garbage)).toBe(true);
  });
});

describe('openStore: a rebuildable file', () => {
  it('garbage: moved aside and started afresh, saying nothing was lost', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    writeFileSync(file, randomBytes(10_000));
    const store = openStore(file, rebuildable);
    expect(store.warnings).toEqual([
      `The cache (cache.db) is not a SQLite database (damaged or overwritten), so MediaNest set it aside as ${join(dir, asideFiles(dir)[0]!)} and started a fresh one. Nothing you entered is lost: it fills again from your services.`,
    ]);
    expect(count(store.db, 'requests')).toBe(0);
    store.db.close();
  });

  it('truncated: caught by the header check at start, without reading the rows', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const store = openStore(file, rebuildable);
    expect(store.warnings[0]).toMatch(/^The cache \(cache\.db\) was cut short \(\d+ KB of \d+ KB are left\), so MediaNest set it aside/);
    store.db.close();
  });

  it('wrong schema: set aside and rebuilt', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    const raw = new Database(file);
    raw.exec('ALTER TABLE requests RENAME COLUMN title TO name');
    raw.close();
    const store = openStore(file, rebuildable);
    expect(store.warnings[0]).toMatch(/does not have the tables its version promises \(table requests lacks title\), so MediaNest set it aside/);
    expect(store.db.prepare('SELECT title FROM requests').all()).toEqual([]);
    store.db.close();
  });

  it('damage the header cannot see is found by the deferred check, and rebuilt at the next start', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    overwrite(file, 4096 * 30, randomBytes(4096 * 4));
    const store = openStore(file, rebuildable);
    expect(store.warnings).toEqual([]);
    const warning = store.deferredCheck();
    expect(warning).toMatch(/^A check of the cache \(cache\.db\) found it damaged .* will set the file aside and start it afresh at the next start/);
    expect(existsSync(`${file}${REBUILD_MARKER_SUFFIX}`)).toBe(true);
    store.db.close();

    const next = openStore(file, rebuildable);
    expect(next.warnings[0]).toMatch(/was found damaged by the check after the last start, so MediaNest set it aside/);
    expect(existsSync(`${file}${REBUILD_MARKER_SUFFIX}`)).toBe(false);
    expect(next.deferredCheck()).toBeUndefined();
    next.db.close();
  });

  it('keeps only the newest set-aside copy of a file that rebuilds itself', () => {
    const dir = tempDir();
    const file = join(dir, 'cache.db');
    let minute = 0;
    const now = () => new Date(Date.UTC(2026, 0, 1, 10, minute++));
    for (let i = 0; i < 3; i++) {
      writeFileSync(file, randomBytes(2048));
      openStore(file, { ...rebuildable, now }).db.close();
    }
    expect(asideFiles(dir)).toEqual(['cache.db.broken-2026-01-01T10-02-00']);
  });

  it('an I/O error on the header: moved aside and rebuilt', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    const fs = createFaultyFs(nodeStorageFs, [{ op: 'readHead', path: 'cache.db', code: 'EIO' }]);
    const store = openStore(file, { ...rebuildable, fs });
    expect(store.warnings[0]).toMatch(/^The cache \(cache\.db\) could not be read \(a read or write error from the disk \(EIO\)\), so MediaNest set it aside as /);
    expect(store.openedFile).toBe(file);
    store.db.close();
  });

  it('a file it can neither read nor move: the app runs with the cache in memory and says so', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    const fs = createFaultyFs(nodeStorageFs, [
      { op: 'readHead', path: 'cache.db', code: 'EACCES' },
      { op: 'rename', path: 'cache.db', code: 'EACCES' },
    ]);
    const store = openStore(file, { ...rebuildable, fs });
    expect(store.openedFile).toBe(':memory:');
    expect(store.warnings[0]).toMatch(/could not be read \(permission denied \(EACCES\)\) and could not be moved aside \(permission denied \(EACCES\)\), so this time MediaNest keeps it in memory/);
    store.db.prepare("INSERT INTO requests (id, title) VALUES (1, 'works')").run();
    store.db.close();
  });

  it('written by a newer MediaNest: left untouched, and this version uses a file of its own beside it', () => {
    const dir = tempDir();
    const file = filledFile(dir, 'cache.db');
    const raw = new Database(file);
    raw.pragma('user_version = 7');
    raw.close();
    const before = readFileSync(file);
    const store = openStore(file, rebuildable);
    expect(store.warnings).toEqual([
      'The cache (cache.db) was written by a newer MediaNest (data layout 7; this version knows up to 2). It was left untouched for that version; this one keeps its own in cache.schema-2.db meanwhile. Nothing is lost: it fills again from your services.',
    ]);
    expect(store.openedFile).toBe(join(dir, 'cache.schema-2.db'));
    store.db.close();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('upgrades a file from before the version was kept in the header', () => {
    const dir = tempDir();
    const file = join(dir, 'cache.db');
    const old = openStore(file, { ...rebuildable, migrations: migrations.slice(0, 1) });
    old.db.pragma('user_version = 0');
    old.db.prepare("INSERT INTO requests (id, title) VALUES (1, 'kept')").run();
    old.db.close();
    const store = openStore(file, rebuildable);
    expect(store.warnings).toEqual([]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    expect(count(store.db, 'requests')).toBe(1);
    store.db.close();
  });
});
