/**
 * Mutes per health entry ("mute NAS for 4 hours"), kept in the data database
 * so a restart does not un-mute; expired mutes read as none and are dropped.
 */
import type { Db } from '../../db/database';
import type { Migration } from '../../db/migrations';

export interface MuteStore {
  /** Until when (epoch ms), or null when not muted at `now`. */
  get(id: string, now: number): number | null;
  set(id: string, until: number | null): void;
}

export const healthMuteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'health-mutes',
    up: (db) => {
      db.exec('CREATE TABLE health_mutes (entry_id TEXT PRIMARY KEY, until INTEGER NOT NULL)');
    },
  },
];

export function createMemoryMuteStore(): MuteStore {
  const mutes = new Map<string, number>();
  return {
    get(id, now) {
      const until = mutes.get(id);
      if (until === undefined || until <= now) {
        mutes.delete(id);
        return null;
      }
      return until;
    },
    set(id, until) {
      if (until === null) mutes.delete(id);
      else mutes.set(id, until);
    },
  };
}

export function createSqliteMuteStore(db: Db): MuteStore {
  const exists = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'health_mutes'");
  if (exists.get()!.n === 0) for (const migration of healthMuteMigrations) migration.up(db);
  const select = db.prepare<[string], { until: number }>('SELECT until FROM health_mutes WHERE entry_id = ?');
  const upsert = db.prepare('INSERT INTO health_mutes (entry_id, until) VALUES (?, ?) ON CONFLICT(entry_id) DO UPDATE SET until = excluded.until');
  const remove = db.prepare('DELETE FROM health_mutes WHERE entry_id = ?');
  // Reads happen on every alert decision; a small cache keeps them off the disk.
  const cache = new Map<string, number | null>();
  return {
    get(id, now) {
      let until = cache.get(id);
      if (until === undefined) {
        until = select.get(id)?.until ?? null;
        cache.set(id, until);
      }
      if (until !== null && until <= now) {
        remove.run(id);
        cache.set(id, null);
        return null;
      }
      return until;
    },
    set(id, until) {
      if (until === null) remove.run(id);
      else upsert.run(id, until);
      cache.set(id, until);
    },
  };
}
