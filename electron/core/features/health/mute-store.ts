/**
 * Mutes per health entry ("mute NAS for 4 hours"), kept in medianest.db (the
 * `health_mutes` table of db/data-migrations.ts) so a restart does not
 * un-mute; expired mutes read as none and are dropped.
 */
import type { Db } from '../../db/database';

export interface MuteStore {
  /** Until when (epoch ms), or null when not muted at `now`. */
  get(id: string, now: number): number | null;
  set(id: string, until: number | null): void;
}

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
