/**
 * Copies the rows that can still be read from a damaged database into a
 * fresh one, table by table: each table of the fresh schema gets the columns
 * both have in common. A table is read forwards until the damage, then
 * backwards from its end to the damage, so one bad page costs only the rows
 * on it.
 */
import type { Db } from './database';
import { quoteIdentifier as quote, readShape } from './schema-shape';

export interface TableSalvage {
  readonly table: string;
  readonly kept: number;
  /** Every row was read (nothing lost from this table). */
  readonly complete: boolean;
  /** The damaged file did not have this table at all (or its schema could not be read). */
  readonly missing: boolean;
}

function hasRowid(db: Db, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM ${quote(table)} LIMIT 0`).all();
    return true;
  } catch {
    return false;
  }
}

export function salvageRows(from: Db, to: Db): TableSalvage[] {
  const target = readShape(to);
  let source: ReturnType<typeof readShape>;
  try {
    source = readShape(from);
  } catch {
    return [...target.keys()].map((table) => ({ table, kept: 0, complete: false, missing: true }));
  }
  const results: TableSalvage[] = [];
  for (const [table, targetColumns] of target) {
    const sourceColumns = source.get(table);
    if (!sourceColumns) {
      results.push({ table, kept: 0, complete: false, missing: true });
      continue;
    }
    const columns = targetColumns.filter((column) => sourceColumns.includes(column));
    const list = columns.map(quote).join(', ');
    const insert = to.prepare(`INSERT OR IGNORE INTO ${quote(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
    let kept = 0;
    const copy = (row: Record<string, unknown>): void => {
      if (insert.run(columns.map((column) => row[column])).changes > 0) kept += 1;
    };
    let complete = true;
    to.transaction(() => {
      if (!hasRowid(from, table)) {
        try {
          for (const row of from.prepare(`SELECT ${list} FROM ${quote(table)}`).iterate()) copy(row as Record<string, unknown>);
        } catch {
          complete = false;
        }
        return;
      }
      let last: number | bigint = -(2n ** 63n);
      try {
        for (const row of from.prepare(`SELECT rowid AS "__salvage_rowid", ${list} FROM ${quote(table)} ORDER BY rowid`).iterate()) {
          const record = row as Record<string, unknown>;
          last = record.__salvage_rowid as number | bigint;
          copy(record);
        }
        return;
      } catch {
        complete = false;
      }
      try {
        const tail = from.prepare(`SELECT ${list} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid DESC`);
        for (const row of tail.iterate(last)) copy(row as Record<string, unknown>);
      } catch {
        // The rest of the table is behind the damage.
      }
    })();
    results.push({ table, kept, complete, missing: false });
  }
  return results;
}
