/**
 * No stored file stops MediaNest from starting. Each one (settings.json,
 * secrets.json, cache.db, medianest.db) is cut short, filled with garbage,
 * given a wrong or newer schema, or read with an I/O error (injected in the
 * storage seam: CI runs as root, which ignores file modes); then a whole core
 * starts on the folder, `app:info` names the problem and where the copy is,
 * rebuildable data is rebuilt and precious data is kept.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { nodeStorageFs, type StorageFs } from '../../electron/core/storage/storage-fs';
import { createFaultyFs } from '../support/faulty-fs';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs('medianest-recovery-');
const TOKEN = 'plex-token-0123456789';
const ROWS = 300;

function start(dataDir: string, fs: StorageFs = nodeStorageFs): Promise<Core> {
  return createCore(
    { dataDir, profile: 'default', mode: 'serve', version: 'test', startHealth: false },
    { settingsStorage: createSettingsStorage(dataDir, fs), secrets: createFileSecretStore(dataDir, { fs }), logger: createSilentLogger(), storageFs: fs },
  );
}

/** A used profile: settings, a token, saved rows in medianest.db and health history in cache.db. */
async function usedProfile(): Promise<string> {
  const dataDir = tempDir();
  const core = await start(dataDir);
  const saved = await core.dispatch('settings:update', { services: { plex: { enabled: true, baseUrl: 'http://nas:32400' } }, secrets: { 'plex.token': TOKEN } });
  expect(saved.ok).toBe(true);
  const meta = core.dataDb!.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)');
  const health = core.cacheDb.prepare("INSERT INTO health_results (upstream, checked_at, status) VALUES ('plex', ?, 'healthy')");
  core.dataDb!.transaction(() => {
    for (let i = 0; i < ROWS; i++) meta.run(`key-${i}`, `value ${i} ${'v'.repeat(300)}`);
  })();
  core.cacheDb.transaction(() => {
    for (let i = 0; i < ROWS; i++) health.run(i);
  })();
  await core.dispose();
  return dataDir;
}

interface Started {
  readonly core: Core;
  readonly warnings: string[];
}

async function startAndRead(dataDir: string, fs?: StorageFs): Promise<Started> {
  const core = await start(dataDir, fs);
  const info = await core.dispatch('app:info', undefined);
  expect(info.ok).toBe(true);
  return { core, warnings: (info as { result: { warnings: string[] } }).result.warnings };
}

/** The one kept copy of `file` named in the warnings, which must exist. */
function keptCopy(dataDir: string, file: string, warnings: readonly string[]): string {
  const copies = readdirSync(dataDir).filter((name) => name.startsWith(`${file}.broken-`) && !/-(wal|shm)$/.test(name));
  expect(copies).toHaveLength(1);
  const copy = join(dataDir, copies[0]!);
  expect(warnings.some((warning) => warning.includes(copy))).toBe(true);
  return copy;
}

const truncate = (path: string) => truncateSync(path, Math.floor(statSync(path).size * 0.6));
const garbage = (path: string) => writeFileSync(path, randomBytes(Math.max(4096, statSync(path).size)));
const eio = (file: string): StorageFs => createFaultyFs(nodeStorageFs, [{ op: ['readFile', 'readHead', 'copyFile'], path: (path) => path.endsWith(file), code: 'EIO', times: 1 }]);
const metaRows = (core: Core) => (core.dataDb!.prepare('SELECT COUNT(*) AS n FROM app_meta').get() as { n: number }).n;

describe('settings.json', () => {
  it.each([
    ['cut short', truncate, /its settings file was damaged/],
    ['garbage', garbage, /its settings file was damaged/],
    ['holding null', (path: string) => writeFileSync(path, 'null'), /held null instead of settings/],
  ])('%s: starts, names it and the copy; secrets and saved data are untouched', async (_name, corrupt, words) => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'settings.json');
    corrupt(file);
    const before = readFileSync(file);
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings.join('\n')).toMatch(words);
    expect(readFileSync(keptCopy(dataDir, 'settings.json', warnings)).equals(before)).toBe(true);
    expect(core.secrets.get('plex.token')).toBe(TOKEN);
    expect(metaRows(core)).toBe(ROWS);
    await core.dispose();
  });

  it('a wrong field resets only that field; a newer layout is left as it is', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'settings.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...stored, services: { ...stored.services, overseerr: { baseUrl: 'nope' } } }));
    let { core, warnings } = await startAndRead(dataDir);
    expect(warnings[0]).toMatch(/Overseerr address/);
    expect(core.settings.get().services.plex.baseUrl).toBe('http://nas:32400');
    await core.dispose();

    const newer = JSON.stringify({ ...stored, schemaVersion: 42 });
    writeFileSync(file, newer);
    ({ core, warnings } = await startAndRead(dataDir));
    expect(warnings.join('\n')).toMatch(/written by a newer MediaNest \(settings layout 42/);
    expect(readFileSync(file, 'utf8')).toBe(newer);
    await core.dispose();
  });

  it('read with an I/O error: starts with defaults and names where the file was moved', async () => {
    const dataDir = await usedProfile();
    const { core, warnings } = await startAndRead(dataDir, eio('settings.json'));
    expect(warnings.join('\n')).toMatch(/could not be read \(a read or write error from the disk \(EIO\)\)/);
    expect(JSON.parse(readFileSync(keptCopy(dataDir, 'settings.json', warnings), 'utf8')).services.plex.baseUrl).toBe('http://nas:32400');
    await core.dispose();
  });
});

describe('secrets.json', () => {
  it('cut short: the token still whole is kept, the copy is named', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'secrets.json');
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd().slice(0, -1)}, "overseerr.apiKey": "half`);
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings.join('\n')).toMatch(/secrets file was damaged .* recovered the Plex token/);
    keptCopy(dataDir, 'secrets.json', warnings);
    expect(core.secrets.get('plex.token')).toBe(TOKEN);
    await core.dispose();
  });

  it.each([
    ['garbage', garbage, /secrets file was damaged/],
    ['a wrong schema (a list)', (path: string) => writeFileSync(path, '["plex.token"]'), /did not hold a list of secrets/],
  ])('%s: not read as empty without a word; the copy is kept as it was', async (_name, corrupt, words) => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'secrets.json');
    corrupt(file);
    const before = readFileSync(file);
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings.join('\n')).toMatch(words);
    expect(readFileSync(keptCopy(dataDir, 'secrets.json', warnings)).equals(before)).toBe(true);
    await core.dispose();
  });

  it('read with an I/O error: moved aside whole, and it says so', async () => {
    const dataDir = await usedProfile();
    const { core, warnings } = await startAndRead(dataDir, eio('secrets.json'));
    expect(warnings.join('\n')).toMatch(/secrets file could not be read \(a read or write error from the disk \(EIO\)\)/);
    expect(readFileSync(keptCopy(dataDir, 'secrets.json', warnings), 'utf8')).toContain(TOKEN);
    await core.dispose();
  });
});

describe('cache.db (rebuildable)', () => {
  const wrongSchema = (path: string) => {
    const db = new Database(path);
    db.exec('DROP TABLE health_results');
    db.close();
  };
  const newer = (path: string) => {
    const db = new Database(path);
    db.pragma('user_version = 50');
    db.close();
  };
  it.each([
    ['cut short', truncate, /was cut short/],
    ['garbage', garbage, /is not a SQLite database/],
    ['a wrong schema', wrongSchema, /table health_results is missing/],
  ])('%s: set aside, rebuilt empty, nothing else touched', async (_name, corrupt, words) => {
    const dataDir = await usedProfile();
    corrupt(join(dataDir, 'cache.db'));
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings.join('\n')).toMatch(words);
    expect(warnings.join('\n')).toMatch(/Nothing you entered is lost/);
    keptCopy(dataDir, 'cache.db', warnings);
    expect(core.cacheDb.prepare('SELECT COUNT(*) AS n FROM health_results').get()).toEqual({ n: 0 });
    expect(metaRows(core)).toBe(ROWS);
    expect(core.secrets.get('plex.token')).toBe(TOKEN);
    await core.dispose();
  });

  it('damage inside the file: start-up stays quick, the later check announces it, the next start rebuilds', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'cache.db');
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 3);
    closeSync(fd);
    const core = await createCore(
      { dataDir, profile: 'default', mode: 'serve', version: 'test', startHealth: false, storeCheckDelayMs: 20 },
      { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
    );
    const announced = new Promise<string[]>((resolve) =>
      core.events.subscribe((event, payload) => event === 'app:warnings-changed' && resolve([...(payload as { warnings: string[] }).warnings])),
    );
    expect((await core.dispatch('app:info', undefined)) as unknown).toMatchObject({ ok: true, result: { warnings: [] } });
    const warnings = await announced;
    expect(warnings).toEqual([expect.stringMatching(/^A check of the cache of service answers and health history \(cache\.db\) found it damaged/)]);
    expect(await core.dispatch('app:info', undefined)).toMatchObject({ ok: true, result: { warnings } });
    await core.dispose();
    const next = await startAndRead(dataDir);
    expect(next.warnings.join('\n')).toMatch(/was found damaged by the check after the last start, so MediaNest set it aside/);
    await next.core.dispose();
  });

  it('written by a newer MediaNest: left as it is, a file of its own beside it', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'cache.db');
    newer(file);
    const before = readFileSync(file);
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings).toEqual([expect.stringMatching(/^The cache of service answers and health history \(cache\.db\) was written by a newer MediaNest \(data layout 50; .* keeps its own in cache\.schema-\d+\.db/)]);
    expect(warnings[0]).not.toMatch(/damaged|corrupt/i);
    await core.dispose();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('read with an I/O error: set aside and rebuilt', async () => {
    const dataDir = await usedProfile();
    const { core, warnings } = await startAndRead(dataDir, eio('cache.db'));
    expect(warnings.join('\n')).toMatch(/cache\.db\) could not be read \(a read or write error from the disk \(EIO\)\), so MediaNest set it aside/);
    keptCopy(dataDir, 'cache.db', warnings);
    await core.dispose();
  });
});

describe('medianest.db (precious)', () => {
  it('cut short: copied aside untouched, the rows still readable are kept', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'medianest.db');
    truncate(file);
    const damaged = readFileSync(file);
    const { core, warnings } = await startAndRead(dataDir);
    const words = warnings.join('\n');
    expect(words).toMatch(/^Your saved data \(medianest\.db\) was cut short/m);
    expect(words).toMatch(/app meta: \d+ kept, the rest could not be read/);
    expect(readFileSync(keptCopy(dataDir, 'medianest.db', warnings)).equals(damaged)).toBe(true);
    expect(metaRows(core)).toBeGreaterThan(0);
    expect(metaRows(core)).toBeLessThan(ROWS);
    await core.dispose();
  });

  it('garbage: the copy is kept, the app starts on a fresh file', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'medianest.db');
    garbage(file);
    const before = readFileSync(file);
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings.join('\n')).toMatch(/medianest\.db\) is not a SQLite database .* The damaged file was copied, untouched, to /);
    expect(readFileSync(keptCopy(dataDir, 'medianest.db', warnings)).equals(before)).toBe(true);
    expect(metaRows(core)).toBe(0);
    await core.dispose();
  });

  it('a wrong schema: every row of the tables that are there is kept', async () => {
    const dataDir = await usedProfile();
    const db = new Database(join(dataDir, 'medianest.db'));
    db.exec('ALTER TABLE app_meta RENAME TO app_meta_old');
    db.close();
    const { core, warnings } = await startAndRead(dataDir);
    expect(warnings.join('\n')).toMatch(/table app_meta is missing/);
    keptCopy(dataDir, 'medianest.db', warnings);
    await core.dispose();
  });

  it('written by a newer MediaNest: untouched, what needs it is off, and the words say exactly that', async () => {
    const dataDir = await usedProfile();
    const file = join(dataDir, 'medianest.db');
    const db = new Database(file);
    db.pragma('user_version = 77');
    db.close();
    const before = readFileSync(file);
    const { core, warnings } = await startAndRead(dataDir);
    expect(core.dataDb).toBeUndefined();
    expect(core.dataUnavailable).toMatch(/^Your saved data \(medianest\.db\) was written by a newer MediaNest \(data layout 77; .* left it untouched/);
    expect(warnings).toContain(core.dataUnavailable);
    expect(await core.dispatch('backup:export', { includeSecrets: false })).toMatchObject({ ok: false, error: { code: 'DATA_UNAVAILABLE', message: expect.stringContaining('newer MediaNest') } });
    expect(await core.dispatch('settings:get', undefined)).toMatchObject({ ok: true });
    // A queue that could not be kept is not offered: the page says why, the tools are still listed.
    expect(await core.dispatch('downloads:add', { url: 'https://media.test/clip', quality: 'best' })).toMatchObject({ ok: false, error: { code: 'DATA_UNAVAILABLE' } });
    expect(await core.dispatch('downloads:overview', undefined)).toMatchObject({ ok: true, result: { jobs: [], unavailable: expect.stringContaining('newer MediaNest'), tools: expect.arrayContaining([expect.objectContaining({ name: 'yt-dlp' })]) } });
    await core.dispose();
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.recovering`)).toBe(false);
  });

  it('read with an I/O error: copied aside and every row kept', async () => {
    const dataDir = await usedProfile();
    const { core, warnings } = await startAndRead(dataDir, eio('medianest.db'));
    expect(warnings.join('\n')).toMatch(/medianest\.db\) could not be read \(a read or write error from the disk \(EIO\)\)\. .* Nothing was lost\./);
    expect(metaRows(core)).toBe(ROWS);
    await core.dispose();
  });
});
