/**
 * Pieces tests and benchmarks share: a PMS client straight over ky (no
 * gateway) and an index on a fresh database.
 */
import ky from 'ky';
import type { Db } from '../../db/database';
import { openCacheDb } from '../../db/databases';
import type { PlexCall } from './plex-call';
import { createPmsClient, type PmsClient } from './pms-client';
import { createPlexTvClient, type PlexTvClient } from './plex-tv-client';
import { preparePlexIndex } from './index/plex-index-schema';
import { createPlexIndexReader, type PlexIndexReader } from './index/plex-index-reader';
import { createPlexIndexWriter, type PlexIndexWriter } from './index/plex-index-writer';
import { createPlexSearch, type PlexSearch } from './index/plex-search';

export const TEST_IDENTITY_HEADERS = {
  'X-Plex-Client-Identifier': 'test-install-0001',
  'X-Plex-Product': 'MediaNest',
  'X-Plex-Version': '0.0.0-test',
  'X-Plex-Platform': 'Linux',
  'X-Plex-Device': 'Linux',
} as const;

/** A PlexCall without the gateway: an address and (for the server) its token, no retries. */
export function directPlexCall(baseUrl: string, token?: string): PlexCall {
  const http = ky.create({ prefix: baseUrl, retry: 0, timeout: 30_000, headers: token ? { 'X-Plex-Token': token } : {} });
  return (_operation, fn) => fn(http);
}

export function directPmsClient(baseUrl: string, token: string): PmsClient {
  return createPmsClient({ call: directPlexCall(baseUrl, token), identityHeaders: TEST_IDENTITY_HEADERS });
}

export interface TestIndex {
  readonly db: Db;
  readonly writer: PlexIndexWriter;
  readonly reader: PlexIndexReader;
  readonly search: PlexSearch;
  close(): void;
}

export function openTestIndex(file = ':memory:'): TestIndex {
  const db = openCacheDb(file);
  preparePlexIndex(db);
  return { db, writer: createPlexIndexWriter(db), reader: createPlexIndexReader(db), search: createPlexSearch(db), close: () => db.close() };
}

/** Every item row without its local id, sorted: two indexes of the same library compare equal. */
export function indexSnapshot(db: Db): unknown[] {
  return (db.prepare('SELECT * FROM plex_items ORDER BY rating_key').all() as Record<string, unknown>[]).map(({ id: _id, ...rest }) => rest);
}

export function directPlexTvClient(accountUrl: string): PlexTvClient {
  return createPlexTvClient({ call: directPlexCall(accountUrl), identityHeaders: TEST_IDENTITY_HEADERS });
}
