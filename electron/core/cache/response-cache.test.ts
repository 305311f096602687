import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../db/database';
import { openCacheDb } from '../db/databases';
import { createResponseCache, isFresh, type ResponseCache } from './response-cache';

describe('createResponseCache', () => {
  let db: Db;
  let clock: number;
  let cache: ResponseCache;
  beforeEach(() => {
    db = openCacheDb(':memory:');
    clock = 1_000_000;
    cache = createResponseCache(db, { now: () => clock, pruneEveryWrites: 3 });
  });
  afterEach(() => db.close());

  it('stores JSON per (service, operation, key) with freshness and a stale window', () => {
    cache.set('plex', 'library', 'all', { items: [1, 2] }, { ttlMs: 100, staleIfErrorMs: 1_000 });
    cache.set('plex', 'library', 'movies', { items: [3] }, { ttlMs: 100, staleIfErrorMs: 1_000 });
    const entry = cache.get<{ items: number[] }>('plex', 'library', 'all')!;
    expect(entry).toEqual({ value: { items: [1, 2] }, cachedAt: 1_000_000, expiresAt: 1_000_100, staleUntil: 1_001_100 });
    expect(isFresh(entry, clock + 99)).toBe(true);
    expect(isFresh(entry, clock + 100)).toBe(false);
    expect(cache.get('overseerr', 'library', 'all')).toBeUndefined();
  });

  it('keeps serving a stale entry until its window closes', () => {
    cache.set('plex', 'library', 'all', 'v', { ttlMs: 100, staleIfErrorMs: 1_000 });
    clock += 1_099;
    expect(cache.get('plex', 'library', 'all')?.value).toBe('v');
    clock += 1;
    expect(cache.get('plex', 'library', 'all')).toBeUndefined();
  });

  it('overwrites on set and deletes by key, operation or service', () => {
    const w = { ttlMs: 10, staleIfErrorMs: 10 };
    cache.set('plex', 'a', '1', 'one', w);
    cache.set('plex', 'a', '1', 'uno', w);
    cache.set('plex', 'a', '2', 'two', w);
    cache.set('plex', 'b', '1', 'bee', w);
    expect(cache.get('plex', 'a', '1')?.value).toBe('uno');
    cache.delete('plex', 'a', '2');
    expect(cache.get('plex', 'a', '2')).toBeUndefined();
    cache.delete('plex', 'a');
    expect(cache.get('plex', 'a', '1')).toBeUndefined();
    cache.delete('plex');
    expect(cache.get('plex', 'b', '1')).toBeUndefined();
  });

  it('prunes rows past their stale window, also every Nth write', () => {
    const count = (): number => (db.prepare('SELECT COUNT(*) AS n FROM gateway_cache').get() as { n: number }).n;
    cache.set('plex', 'a', '1', 1, { ttlMs: 0, staleIfErrorMs: 10 });
    cache.set('plex', 'a', '2', 2, { ttlMs: 0, staleIfErrorMs: 10 });
    clock += 10;
    expect(count()).toBe(2);
    cache.set('plex', 'a', '3', 3, { ttlMs: 0, staleIfErrorMs: 10 }); // third write prunes
    expect(count()).toBe(1);
    clock += 10;
    expect(cache.prune()).toBe(1);
  });

  it('does not store undefined', () => {
    cache.set('plex', 'a', '1', undefined, { ttlMs: 10, staleIfErrorMs: 10 });
    expect(cache.get('plex', 'a', '1')).toBeUndefined();
  });
});
