/**
 * Read-through cache of upstream answers in SQLite (cache.db), keyed by
 * (upstream, operation, key). Each row is fresh until `expiresAt` and may still be served
 * after a failure until `staleUntil` (stale-if-error); rows past that are pruned.
 */
import type { Db } from '../db/database';

export interface CacheEntry<T> {
  readonly value: T;
  readonly cachedAt: number;
  readonly expiresAt: number;
  readonly staleUntil: number;
}

export interface CacheWriteOptions {
  /** How long the value is served without asking upstream. */
  readonly ttlMs: number;
  /** How long after that it may still be served when upstream fails. */
  readonly staleIfErrorMs: number;
}

export interface ResponseCache {
  /** The entry if it is still within its stale-if-error window; fresh or not. */
  get<T>(upstream: string, operation: string, key: string): CacheEntry<T> | undefined;
  set(upstream: string, operation: string, key: string, value: unknown, options: CacheWriteOptions): void;
  /** Deletes one key, one operation, or everything cached for an upstream. */
  delete(upstream: string, operation?: string, key?: string): void;
  /** Deletes rows past their stale-if-error window; returns how many. */
  prune(): number;
}

export interface ResponseCacheOptions {
  readonly now?: () => number;
  /** Prune on every Nth write, so the table stays bounded without a timer. */
  readonly pruneEveryWrites?: number;
}

interface Row {
  value: string;
  cached_at: number;
  expires_at: number;
  stale_until: number;
}

export function isFresh(entry: CacheEntry<unknown>, now: number): boolean {
  return now < entry.expiresAt;
}

export function createResponseCache(db: Db, options: ResponseCacheOptions = {}): ResponseCache {
  const now = options.now ?? Date.now;
  const pruneEvery = options.pruneEveryWrites ?? 200;
  let writes = 0;
  const select = db.prepare<[string, string, string], Row>(
    'SELECT value, cached_at, expires_at, stale_until FROM gateway_cache WHERE upstream = ? AND operation = ? AND cache_key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO gateway_cache (upstream, operation, cache_key, value, cached_at, expires_at, stale_until)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (upstream, operation, cache_key) DO UPDATE SET
       value = excluded.value, cached_at = excluded.cached_at,
       expires_at = excluded.expires_at, stale_until = excluded.stale_until`,
  );
  const deleteKey = db.prepare('DELETE FROM gateway_cache WHERE upstream = ? AND operation = ? AND cache_key = ?');
  const deleteOperation = db.prepare('DELETE FROM gateway_cache WHERE upstream = ? AND operation = ?');
  const deleteUpstream = db.prepare('DELETE FROM gateway_cache WHERE upstream = ?');
  const deleteExpired = db.prepare('DELETE FROM gateway_cache WHERE stale_until <= ?');

  const cache: ResponseCache = {
    get<T>(upstream: string, operation: string, key: string): CacheEntry<T> | undefined {
      const row = select.get(upstream, operation, key);
      if (!row || row.stale_until <= now()) return undefined;
      return {
        value: JSON.parse(row.value) as T,
        cachedAt: row.cached_at,
        expiresAt: row.expires_at,
        staleUntil: row.stale_until,
      };
    },
    set(upstream, operation, key, value, { ttlMs, staleIfErrorMs }) {
      // undefined has no JSON form; nothing worth serving later either.
      if (value === undefined) return;
      const at = now();
      const expiresAt = at + Math.max(0, ttlMs);
      upsert.run(upstream, operation, key, JSON.stringify(value), at, expiresAt, expiresAt + Math.max(0, staleIfErrorMs));
      if (++writes % pruneEvery === 0) cache.prune();
    },
    delete(upstream, operation, key) {
      if (operation === undefined) deleteUpstream.run(upstream);
      else if (key === undefined) deleteOperation.run(upstream, operation);
      else deleteKey.run(upstream, operation, key);
    },
    prune() {
      return deleteExpired.run(now()).changes;
    },
  };
  return cache;
}
