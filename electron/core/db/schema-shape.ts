/**
 * Does a database have the tables and columns its schema version promises?
 * The expected shape comes from running the migrations on an empty database
 * in memory, so it can never drift from them. Reading a file's shape touches
 * only its schema pages, not its rows: cheap enough for every start.
 */
import Database from 'better-sqlite3';
import type { Db } from './database';
import { migrate } from './database';
import type { Migration } from './migration';

/** Table name → its column names. */
export type SchemaShape = ReadonlyMap<string, readonly string[]>;

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The tables of `db` other than SQLite's own and the migrations record. */
export function readShape(db: Db): SchemaShape {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY rowid").all() as { name: string }[];
  return new Map(tables.map(({ name }) => [name, (db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string }[]).map((column) => column.name)]));
}

const expectedByList = new WeakMap<readonly Migration[], Map<number, SchemaShape>>();

/** The shape the migrations up to `version` make. */
export function expectedShape(migrations: readonly Migration[], version: number): SchemaShape {
  let byVersion = expectedByList.get(migrations);
  if (!byVersion) expectedByList.set(migrations, (byVersion = new Map()));
  const cached = byVersion.get(version);
  if (cached) return cached;
  const db = new Database(':memory:');
  try {
    migrate(
      db,
      migrations.filter((migration) => migration.version <= version),
    );
    const shape = readShape(db);
    byVersion.set(version, shape);
    return shape;
  } finally {
    db.close();
  }
}

/** What is missing from `actual`, in words ("table health_results is missing"); empty when it has everything. */
export function shapeProblems(actual: SchemaShape, expected: SchemaShape): string[] {
  const problems: string[] = [];
  for (const [table, columns] of expected) {
    const found = actual.get(table);
    if (!found) problems.push(`table ${table} is missing`);
    else {
      const missing = columns.filter((column) => !found.includes(column));
      if (missing.length > 0) problems.push(`table ${table} lacks ${missing.join(', ')}`);
    }
  }
  return problems;
}

export { quote as quoteIdentifier };
