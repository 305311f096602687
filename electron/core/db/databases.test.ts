import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataMigrations } from './data-migrations';
import { openDatabase, type Db } from './database';
import { CACHE_DB_FILE, DATA_DB_FILE, openCacheDb, openDataDb } from './databases';

const tables = (db: Db): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

describe('the two databases', () => {
  it('keeps what can be rebuilt in cache.db and the rest in medianest.db, each with its own migrations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medianest-dbs-'));
    const cache = openCacheDb(join(dir, CACHE_DB_FILE));
    const data = openDataDb(join(dir, DATA_DB_FILE));
    try {
      // The Plex library index is rebuildable too (its full-text tables bring SQLite's shadow tables).
      expect(tables(cache).filter((name) => !/^plex_(fts|tri)_/.test(name))).toEqual(['gateway_cache', 'health_results', 'kuma_beats', 'migrations', 'plex_fts', 'plex_index_meta', 'plex_item_genres', 'plex_items', 'plex_sections', 'plex_tri']);
      // Mutes and requests are the user's choices: they live with what cannot be rebuilt.
      expect(tables(data)).toEqual(['app_meta', 'download_items', 'download_jobs', 'download_meta', 'health_mutes', 'migrations', 'overseerr_meta', 'overseerr_outbox', 'overseerr_requests']);
      expect(existsSync(join(dir, CACHE_DB_FILE)) && existsSync(join(dir, DATA_DB_FILE))).toBe(true);
    } finally {
      cache.close();
      data.close();
    }
  });

  it('moves an older single medianest.db forward: its cache tables go, the rest stays', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'medianest-dbs-')), DATA_DB_FILE);
    // What 0.1.0 wrote: app_meta plus the cache and health tables, at version 3.
    const old = openDatabase({ file, migrations: dataMigrations.filter((migration) => migration.version <= 3) });
    old.exec('CREATE TABLE gateway_cache (service TEXT, value TEXT); CREATE TABLE health_results (id INTEGER PRIMARY KEY, service TEXT)');
    old.prepare("INSERT INTO app_meta (key, value) VALUES ('installed', 'yes')").run();
    old.close();

    const data = openDataDb(file);
    try {
      expect(tables(data)).toEqual(['app_meta', 'download_items', 'download_jobs', 'download_meta', 'health_mutes', 'migrations', 'overseerr_meta', 'overseerr_outbox', 'overseerr_requests']);
      expect(data.prepare("SELECT value FROM app_meta WHERE key = 'installed'").get()).toEqual({ value: 'yes' });
    } finally {
      data.close();
    }
  });
});
