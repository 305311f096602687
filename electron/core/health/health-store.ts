/**
 * Probe results in SQLite (cache.db) with bounded retention: rows older than
 * the window (24 h) are deleted and each upstream keeps at most
 * `maxRowsPerUpstream`, both on write, so the table cannot grow without a
 * timer to trim it.
 */
import type { UpstreamId } from '../../../shared/contract/services';
import type { Db } from '../db/database';
import type { HealthCheckResult } from './service-health';

export interface HealthStore {
  record(result: HealthCheckResult): void;
  /** Newest first. */
  history(upstream: UpstreamId, limit?: number): HealthCheckResult[];
  /** Share of healthy results since `since` (0..1), null when there are none. */
  uptime(upstream: UpstreamId, since: number): number | null;
  count(upstream?: UpstreamId): number;
}

export interface HealthStoreOptions {
  readonly retentionMs?: number;
  readonly maxRowsPerUpstream?: number;
  readonly now?: () => number;
}

interface Row {
  upstream: UpstreamId;
  checked_at: number;
  status: HealthCheckResult['status'];
  response_time_ms: number;
  http_status: number | null;
  error: string | null;
}

export function createHealthStore(db: Db, options: HealthStoreOptions = {}): HealthStore {
  const retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
  // 30 s probes for 24 h are 2 880 rows; leave room for manual checks.
  const maxRows = options.maxRowsPerUpstream ?? 5_000;
  const now = options.now ?? Date.now;
  const insert = db.prepare(
    'INSERT INTO health_results (upstream, checked_at, status, response_time_ms, http_status, error) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteOld = db.prepare('DELETE FROM health_results WHERE upstream = ? AND checked_at < ?');
  const deleteOverCap = db.prepare(
    `DELETE FROM health_results WHERE upstream = ? AND id <= (
       SELECT id FROM health_results WHERE upstream = ? ORDER BY id DESC LIMIT 1 OFFSET ?
     )`,
  );
  const selectHistory = db.prepare<[string, number], Row>(
    'SELECT upstream, checked_at, status, response_time_ms, http_status, error FROM health_results WHERE upstream = ? ORDER BY id DESC LIMIT ?',
  );
  const selectUptime = db.prepare<[string, number], { total: number; healthy: number | null }>(
    `SELECT COUNT(*) AS total, SUM(status = 'healthy') AS healthy FROM health_results WHERE upstream = ? AND checked_at >= ?`,
  );
  const countOne = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM health_results WHERE upstream = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM health_results');

  const write = db.transaction((result: HealthCheckResult) => {
    insert.run(result.upstream, result.checkedAt, result.status, result.responseTimeMs, result.httpStatus, result.error);
    deleteOld.run(result.upstream, now() - retentionMs);
    deleteOverCap.run(result.upstream, result.upstream, maxRows);
  });

  return {
    record: (result) => write(result),
    history(upstream, limit = 100) {
      return selectHistory.all(upstream, limit).map((row) => ({
        upstream: row.upstream,
        status: row.status,
        checkedAt: row.checked_at,
        responseTimeMs: row.response_time_ms,
        httpStatus: row.http_status,
        error: row.error,
      }));
    },
    uptime(upstream, since) {
      const row = selectUptime.get(upstream, since)!;
      return row.total === 0 ? null : (row.healthy ?? 0) / row.total;
    },
    count(upstream) {
      return upstream === undefined ? countAll.get()!.n : countOne.get(upstream)!.n;
    },
  };
}
