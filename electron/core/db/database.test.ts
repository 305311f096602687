import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database';
import type { Migration } from './migration';

const table = (version: number, name: string): Migration => ({ version, name, up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER)`) });

describe('database', () => {
  it('opens a file database in WAL mode with every migration applied', () => {
    const db = openDatabase({ file: join(mkdtempSync(join(tmpdir(), 'medianest-db-')), 'nested', 'test.db'), migrations: [table(1, 'a')] });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    db.close();
  });

  it('applies only newer migrations, in version order, once', () => {
    const db = openDatabase({ file: ':memory:', migrations: [] });
    expect(migrate(db, [table(2, 'b'), table(1, 'a')])).toEqual([1, 2]);
    expect(migrate(db, [table(1, 'a'), table(2, 'b'), table(3, 'c')])).toEqual([3]);
    expect(schemaVersion(db)).toBe(3);
  });

  it('rolls back a failing migration and keeps the previous version', () => {
    const db = openDatabase({ file: ':memory:', migrations: [table(1, 'a')] });
    const failing: Migration = { version: 2, name: 'broken', up: (d) => { d.exec('CREATE TABLE half (id INTEGER)'); throw new Error('bad'); } };
    expect(() => migrate(db, [table(1, 'a'), failing])).toThrow('bad');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });

  it('refuses two migrations with the same version', () => {
    const db = openDatabase({ file: ':memory:', migrations: [] });
    expect(() => migrate(db, [table(1, 'a'), table(1, 'b')])).toThrow('share version 1');
  });
});
