/**
 * Heartbeats seen from Uptime Kuma, kept 24 h in cache.db (the `kuma_beats`
 * table of db/cache-migrations.ts; rebuildable: Kuma has them too), so the
 * Health page can say since when a monitor is in its state and draw its
 * recent response times even where Kuma's own list (100 beats) is shorter
 * than the story.
 */
import type { Db } from '../../db/database';
import type { KumaBeat } from './kuma-schemas';

export interface KumaHistoryStore {
  /** Stores beats (already-stored ones are ignored) and drops those older than 24 h. */
  record(monitorId: number, beats: readonly KumaBeat[], now: number): void;
  /** Newest first. */
  recent(monitorId: number, limit: number): KumaBeat[];
  /** When the run of `status` that the newest beat is in began; null without beats. */
  runStart(monitorId: number, status: number): number | null;
}

const RETENTION_MS = 24 * 60 * 60 * 1000;

export function createKumaHistoryStore(db: Db): KumaHistoryStore {
  const insert = db.prepare('INSERT OR IGNORE INTO kuma_beats (monitor_id, at, status, ping) VALUES (?, ?, ?, ?)');
  const prune = db.prepare('DELETE FROM kuma_beats WHERE monitor_id = ? AND at < ?');
  const recent = db.prepare<[number, number], { at: number; status: number; ping: number | null }>(
    'SELECT at, status, ping FROM kuma_beats WHERE monitor_id = ? ORDER BY at DESC LIMIT ?',
  );
  const lastOther = db.prepare<[number, number], { at: number | null }>('SELECT MAX(at) AS at FROM kuma_beats WHERE monitor_id = ? AND status != ?');
  const firstAfter = db.prepare<[number, number], { at: number | null }>('SELECT MIN(at) AS at FROM kuma_beats WHERE monitor_id = ? AND at > ?');
  const write = db.transaction((monitorId: number, beats: readonly KumaBeat[], now: number) => {
    for (const beat of beats) insert.run(monitorId, beat.at, beat.status, beat.ping);
    prune.run(monitorId, now - RETENTION_MS);
  });
  return {
    record: (monitorId, beats, now) => write(monitorId, beats, now),
    recent: (monitorId, limit) => recent.all(monitorId, limit).map((row) => ({ at: row.at, status: row.status, ping: row.ping })),
    runStart(monitorId, status) {
      const other = lastOther.get(monitorId, status)?.at ?? null;
      return firstAfter.get(monitorId, other ?? Number.MIN_SAFE_INTEGER)?.at ?? null;
    },
  };
}
