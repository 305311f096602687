/**
 * The rows of medianest.db, as a backup holds them, and putting them back:
 * each table is replaced whole (never merged), inside one transaction that
 * commits only after the settings and secrets files are in place.
 */
import type { Db } from '../../db/database';
import { schemaVersion } from '../../db/database';
import { quoteIdentifier as quote, readShape } from '../../db/schema-shape';
import type { PendingChange } from '../../storage/commit-together';

export type Row = Record<string, string | number | null>;

export interface SavedTables {
  readonly schemaVersion: number;
  readonly tables: Record<string, Row[]>;
}

function plainValue(value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // No table stores binary data yet; a blob would need its own encoding here.
  throw new Error('a table holds binary data, which backups cannot carry yet');
}

export function exportTables(db: Db): SavedTables {
  const tables: Record<string, Row[]> = {};
  for (const table of readShape(db).keys()) {
    tables[table] = (db.prepare(`SELECT * FROM ${quote(table)}`).all() as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).map(([column, value]) => [column, plainValue(value)])),
    );
  }
  return { schemaVersion: schemaVersion(db), tables };
}

/** Rows per table, now. */
export function countRows(db: Db): Map<string, number> {
  return new Map([...readShape(db).keys()].map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number }).n]));
}

/** Every table of `db` replaced by the backup's rows (none for a table the backup lacks); the columns both know are copied. */
export function replaceTables(db: Db, saved: SavedTables): PendingChange {
  return {
    stage() {
      const shape = readShape(db);
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const [table, columns] of shape) {
          db.prepare(`DELETE FROM ${quote(table)}`).run();
          for (const row of saved.tables[table] ?? []) {
            const known = columns.filter((column) => Object.hasOwn(row, column));
            if (known.length === 0) continue;
            db.prepare(`INSERT INTO ${quote(table)} (${known.map(quote).join(', ')}) VALUES (${known.map(() => '?').join(', ')})`).run(known.map((column) => row[column]));
          }
        }
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
      return {
        commit: () => db.exec('COMMIT'),
        // Committed last, after the files: nothing comes after it that could need it undone.
        rollback: () => undefined,
        abort: () => db.exec('ROLLBACK'),
      };
    },
    applied: () => undefined,
  };
}
