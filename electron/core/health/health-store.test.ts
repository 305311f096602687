import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../db/database';
import { openCacheDb } from '../db/databases';
import { createHealthStore } from './health-store';
import type { HealthCheckResult } from './service-health';

const HOUR = 60 * 60 * 1000;

describe('createHealthStore', () => {
  let db: Db;
  let clock: number;
  beforeEach(() => {
    db = openCacheDb(':memory:');
    clock = 100 * HOUR;
  });
  afterEach(() => db.close());

  const result = (status: HealthCheckResult['status'], checkedAt = clock): HealthCheckResult => ({
    upstream: 'plex',
    status,
    checkedAt,
    responseTimeMs: 12,
    httpStatus: status === 'healthy' ? 200 : 503,
    error: status === 'healthy' ? null : 'HTTP 503',
  });

  it('records results and reports uptime as the healthy share', () => {
    const store = createHealthStore(db, { now: () => clock });
    expect(store.uptime('plex', 0)).toBeNull();
    for (const status of ['healthy', 'healthy', 'healthy', 'degraded'] as const) store.record(result(status));
    expect(store.uptime('plex', 0)).toBe(0.75);
    expect(store.history('plex', 1)).toEqual([result('degraded')]);
    expect(store.count('overseerr')).toBe(0);
  });

  it('deletes rows older than the retention window', () => {
    const store = createHealthStore(db, { now: () => clock });
    store.record(result('degraded', clock - 25 * HOUR));
    store.record(result('healthy'));
    expect(store.count('plex')).toBe(1);
    expect(store.uptime('plex', clock - 24 * HOUR)).toBe(1);
  });

  it('caps rows per service, keeping the newest', () => {
    const store = createHealthStore(db, { now: () => clock, maxRowsPerUpstream: 3 });
    for (let i = 0; i < 10; i++) store.record(result('healthy', clock - 10 + i));
    expect(store.count('plex')).toBe(3);
    expect(store.history('plex').map((r) => r.checkedAt)).toEqual([clock - 1, clock - 2, clock - 3]);
  });
});
