/**
 * Pieces tests and benchmarks share: a PMS client straight over ky (no
 * gateway) and an index on a fresh database.
 */
import ky from 'ky';
import { openDatabase, type Db } from '../../db/database';
import { createPmsClient, type PmsCall, type PmsClient } from './pms-client';
import { createPlexTvClient, type PlexTvCall, type PlexTvClient } from './plex-tv-client';
import { ensurePlexIndexSchema } from './index/plex-index-schema';
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

/** A PmsCall without the gateway: the server's address and token, no retries. */
export function directPmsCall(baseUrl: string, token: string): PmsCall {
  const http = ky.create({ prefix: baseUrl, retry: 0, timeout: 30_000, headers: { 'X-Plex-Token': token } });
  return (_operation, fn) => fn(http);
}

export function directPmsClient(baseUrl: string, token: string): PmsClient {
  return createPmsClient({ call: directPmsCall(baseUrl, token), identityHeaders: TEST_IDENTITY_HEADERS });
}

export interface TestIndex {
  readonly db: Db;
  readonly writer: PlexIndexWriter;
  readonly reader: PlexIndexReader;
  readonly search: PlexSearch;
  close(): void;
}

export function openTestIndex(file = ':memory:'): TestIndex {
  const db = openDatabase({ file, migrations: [] });
  ensurePlexIndexSchema(db);
  return { db, writer: createPlexIndexWriter(db), reader: createPlexIndexReader(db), search: createPlexSearch(db), close: () => db.close() };
}

/** Every item row without its local id, sorted: two indexes of the same library compare equal. */
export function indexSnapshot(db: Db): unknown[] {
  return (db.prepare('SELECT * FROM plex_items ORDER BY rating_key').all() as Record<string, unknown>[]).map(({ id: _id, ...rest }) => rest);
}

/** A PlexTvCall without the gateway. */
export function directPlexTvCall(accountUrl: string): PlexTvCall {
  const http = ky.create({ prefix: accountUrl, retry: 0, timeout: 10_000 });
  return (_operation, fn) => fn(http);
}

export function directPlexTvClient(accountUrl: string): PlexTvClient {
  return createPlexTvClient({ call: directPlexTvCall(accountUrl), identityHeaders: TEST_IDENTITY_HEADERS });
}
