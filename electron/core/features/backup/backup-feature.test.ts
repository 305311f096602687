import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_VERSION } from '../../../../shared/contract/areas/backup';
import type { InvokeResult } from '../../../../shared/contract/api';
import { createFaultyFs } from '../../../../tests/support/faulty-fs';
import { useTempDirs } from '../../../../tests/support/temp-dirs';
import { createCore, type Core } from '../../create-core';
import { logFilePath } from '../../logging/app-logger';
import { createSilentLogger } from '../../logging/logger';
import { createFileSecretStore } from '../../secrets/secret-store';
import { createSettingsStorage } from '../../settings/settings-storage';
import { nodeStorageFs, type StorageFs } from '../../storage/storage-fs';

const tempDir = useTempDirs('medianest-backup-');
const PLEX_TOKEN = 'plex-token-abcdef';
const KUMA_KEY = 'uk1_kuma-key-123456';

function start(dataDir: string, fs: StorageFs = nodeStorageFs, extraSecrets?: () => readonly string[]): Promise<Core> {
  return createCore(
    { dataDir, profile: 'default', mode: 'serve', version: '1.2.3', startHealth: false },
    { settingsStorage: createSettingsStorage(dataDir, fs), secrets: createFileSecretStore(dataDir, { fs }), logger: createSilentLogger(), storageFs: fs, ...(extraSecrets ? { extraSecrets } : {}) },
  );
}

function result<T>(outcome: InvokeResult): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}

/** A configured profile: two services, two secrets, one saved row. */
async function configured(dataDir: string): Promise<Core> {
  const core = await start(dataDir);
  result(
    await core.dispatch('settings:update', {
      services: { plex: { enabled: true, baseUrl: 'http://nas:32400' }, 'uptime-kuma': { enabled: true, baseUrl: 'http://nas:3001', statusPageSlug: 'homelab' } },
      general: { closeToTray: false },
      secrets: { 'plex.token': PLEX_TOKEN, 'uptime-kuma.apiKey': KUMA_KEY },
    }),
  );
  core.dataDb!.prepare("INSERT INTO app_meta (key, value) VALUES ('first-run', '2026-11-30')").run();
  return core;
}

interface Exported {
  fileName: string;
  content: string;
  holdsSecrets: boolean;
}
interface Preview {
  changes: { label: string; current: string; backup: string }[];
  secrets: { label: string; outcome: string }[];
  needsPassphrase: boolean;
  data: { table: string; current: number; backup: number }[];
  notes: string[];
}

describe('backup:export', () => {
  it('without secrets: the settings and saved data, no secret and no install identifier', async () => {
    const core = await configured(tempDir());
    const exported = result<Exported>(await core.dispatch('backup:export', { includeSecrets: false }));
    expect(exported.fileName).toMatch(/^medianest-backup-\d{4}-\d\d-\d\d\.json$/);
    expect(exported.holdsSecrets).toBe(false);
    const file = JSON.parse(exported.content);
    expect(file).toMatchObject({ format: 'medianest-backup', version: BACKUP_VERSION, app: { version: '1.2.3' } });
    expect(file.settings.services.plex.baseUrl).toBe('http://nas:32400');
    expect(file.settings.install).toBeUndefined();
    expect(file.data.tables.app_meta).toEqual([{ key: 'first-run', value: '2026-11-30' }]);
    expect(file.secrets).toBeUndefined();
    expect(exported.content).not.toContain(PLEX_TOKEN);
    expect(exported.content).not.toContain(core.settings.get().install.plexClientIdentifier!);
    await core.dispose();
  });

  it('with secrets: sealed with the passphrase, never in the clear', async () => {
    const core = await configured(tempDir());
    const exported = result<Exported>(await core.dispatch('backup:export', { includeSecrets: true, passphrase: 'correct horse' }));
    expect(exported.holdsSecrets).toBe(true);
    expect(exported.content).not.toContain(PLEX_TOKEN);
    expect(exported.content).not.toContain(KUMA_KEY);
    expect(JSON.parse(exported.content).secrets).toMatchObject({ cipher: 'aes-256-gcm', kdf: { name: 'scrypt' } });
    const short = await core.dispatch('backup:export', { includeSecrets: true, passphrase: 'short' });
    expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('at least 8 characters') } });
    await core.dispose();
  });
});

describe('backup:inspect and backup:restore', () => {
  it('shows what would be replaced, asks for the passphrase, then restores everything on another profile', async () => {
    const source = await configured(tempDir());
    const { content } = result<Exported>(await source.dispatch('backup:export', { includeSecrets: true, passphrase: 'correct horse' }));
    await source.dispose();

    const dataDir = tempDir();
    const target = await start(dataDir);
    result(await target.dispatch('settings:update', { secrets: { 'overseerr.apiKey': 'overseerr-key-here' } }));
    const sealed = result<Preview>(await target.dispatch('backup:inspect', { content }));
    expect(sealed.needsPassphrase).toBe(true);
    expect(sealed.notes[0]).toBe('This backup holds tokens and API keys: type the passphrase it was saved with to restore it.');
    expect(sealed.changes).toEqual(
      expect.arrayContaining([
        { label: 'Enable Plex', current: 'off', backup: 'on' },
        { label: 'Plex address', current: '(empty)', backup: 'http://nas:32400' },
        { label: 'Uptime Kuma status pages', current: '(empty)', backup: 'homelab' },
        { label: 'Close to tray', current: 'on', backup: 'off' },
      ]),
    );
    expect(JSON.stringify(sealed.changes)).not.toMatch(/services\.|general\./);
    expect(sealed.data).toEqual([
      { table: 'app_meta', current: 0, backup: 1 },
      { table: 'health_mutes', current: 0, backup: 0 },
      { table: 'overseerr_requests', current: 0, backup: 0 },
      { table: 'overseerr_outbox', current: 0, backup: 0 },
      { table: 'overseerr_meta', current: 0, backup: 0 },
      { table: 'download_jobs', current: 0, backup: 0 },
      { table: 'download_items', current: 0, backup: 0 },
      { table: 'download_meta', current: 0, backup: 0 },
    ]);
    await expect(target.dispatch('backup:restore', { content })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    const wrong = result<Preview>(await target.dispatch('backup:inspect', { content, passphrase: 'wrong horse' }));
    expect(wrong.notes[0]).toMatch(/^The passphrase does not open the tokens and API keys in this backup/);

    const open = result<Preview>(await target.dispatch('backup:inspect', { content, passphrase: 'correct horse' }));
    expect(open.needsPassphrase).toBe(false);
    expect(open.secrets).toEqual([
      { label: 'Plex token', outcome: 'set from the backup' },
      { label: 'Overseerr API key', outcome: 'removed (it was not saved when the backup was made)' },
      { label: 'Uptime Kuma API key', outcome: 'set from the backup' },
    ]);
    expect(JSON.stringify(open)).not.toContain(PLEX_TOKEN);

    // Nothing changed until restore.
    expect(target.settings.get().services.plex.baseUrl).toBe('');
    const changed: unknown[] = [];
    target.events.subscribe((event, payload) => event === 'settings:changed' && changed.push(payload));
    const restored = result<{ services: { plex: { baseUrl: string } }; secrets: Record<string, boolean> }>(await target.dispatch('backup:restore', { content, passphrase: 'correct horse' }));
    expect(restored.services.plex.baseUrl).toBe('http://nas:32400');
    expect(restored.secrets).toEqual({ 'plex.token': true, 'plex.accountToken': false, 'overseerr.apiKey': false, 'overseerr.webhookSecret': false, 'uptime-kuma.apiKey': true });
    expect(changed).toHaveLength(1);
    const identifier = target.settings.get().install.plexClientIdentifier;
    await target.dispose();

    const fresh = await start(dataDir);
    expect(fresh.settings.get().services['uptime-kuma']).toMatchObject({ baseUrl: 'http://nas:3001', statusPageSlug: 'homelab' });
    expect(fresh.settings.get().install.plexClientIdentifier).toBe(identifier);
    expect(fresh.secrets.get('plex.token')).toBe(PLEX_TOKEN);
    expect(fresh.secrets.has('overseerr.apiKey')).toBe(false);
    expect(fresh.dataDb!.prepare('SELECT key, value FROM app_meta').all()).toEqual([{ key: 'first-run', value: '2026-11-30' }]);
    await fresh.dispose();
  });

  it('a backup without secrets keeps the saved ones and says so', async () => {
    const source = await configured(tempDir());
    const { content } = result<Exported>(await source.dispatch('backup:export', { includeSecrets: false }));
    await source.dispose();
    const target = await start(tempDir());
    result(await target.dispatch('settings:update', { secrets: { 'overseerr.apiKey': 'overseerr-key-here' } }));
    const preview = result<Preview>(await target.dispatch('backup:inspect', { content }));
    expect(preview.secrets).toEqual([{ label: 'Overseerr API key', outcome: 'kept as it is (the backup holds no tokens or API keys)' }]);
    result(await target.dispatch('backup:restore', { content }));
    expect(target.secrets.get('overseerr.apiKey')).toBe('overseerr-key-here');
    await target.dispose();
  });

  const refusals: [string, (good: Record<string, unknown>) => string, RegExp][] = [
    ['not JSON', () => '{ "format": "medianest-back', /^This file is not a MediaNest backup \(it is not JSON\)/],
    ['another file', () => JSON.stringify({ hello: 'world' }), /^This file is not a MediaNest backup\./],
    ['a newer backup format', (good) => JSON.stringify({ ...good, version: BACKUP_VERSION + 1 }), /^This backup was made by a newer MediaNest \(backup format 2; this version reads format 1\)/],
    ['a damaged file', (good) => JSON.stringify({ ...good, data: 'nope' }), /^This backup is damaged or incomplete \(data: /],
    ['a wrong setting', (good) => JSON.stringify({ ...good, settings: { ...(good.settings as object), downloads: { maxConcurrent: 99 } } }), /^The settings in this backup are not valid \(Downloads at once: /],
    ['newer settings', (good) => JSON.stringify({ ...good, settings: { ...(good.settings as object), schemaVersion: 99 } }), /^The settings in this backup come from a newer MediaNest \(settings layout 99/],
    ['newer saved data', (good) => JSON.stringify({ ...good, data: { schemaVersion: 99, tables: {} } }), /^The saved data in this backup comes from a newer MediaNest \(data layout 99/],
  ];
  it.each(refusals)('refuses %s in words and changes nothing', async (_name, make, words) => {
    const dataDir = tempDir();
    const core = await configured(dataDir);
    const good = JSON.parse(result<Exported>(await core.dispatch('backup:export', { includeSecrets: false })).content) as Record<string, unknown>;
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    for (const channel of ['backup:inspect', 'backup:restore'] as const) {
      const outcome = await core.dispatch(channel, { content: make(good) });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: expect.stringMatching(words) } });
    }
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    await core.dispose();
  });

  it('a restore whose settings write fails changes nothing: settings, secrets and saved data', async () => {
    const source = await configured(tempDir());
    const { content } = result<Exported>(await source.dispatch('backup:export', { includeSecrets: true, passphrase: 'correct horse' }));
    await source.dispose();
    const dataDir = tempDir();
    const fs = createFaultyFs(nodeStorageFs);
    const target = await start(dataDir, fs);
    result(await target.dispatch('settings:update', { services: { plex: { baseUrl: 'http://old:32400' } }, secrets: { 'plex.token': 'old-token-1' } }));
    target.dataDb!.prepare("INSERT INTO app_meta (key, value) VALUES ('mine', 'kept')").run();
    fs.fail({ op: 'rename', path: (path) => path.endsWith('settings.json'), code: 'EIO' });
    const outcome = await target.dispatch('backup:restore', { content, passphrase: 'correct horse' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED', message: expect.stringMatching(/Nothing was changed\.$/) } });
    expect(target.settings.get().services.plex.baseUrl).toBe('http://old:32400');
    expect(target.secrets.get('plex.token')).toBe('old-token-1');
    expect(target.dataDb!.prepare('SELECT key FROM app_meta').all()).toEqual([{ key: 'mine' }]);
    await target.dispose();
    fs.heal();
    const fresh = await start(dataDir);
    expect([fresh.settings.get().services.plex.baseUrl, fresh.secrets.get('plex.token')]).toEqual(['http://old:32400', 'old-token-1']);
    await fresh.dispose();
  });
});

describe('diagnostics:collect', () => {
  it('holds versions, health, settings without secrets and the log tail, with every secret redacted', async () => {
    const dataDir = tempDir();
    const core = await configured(dataDir);
    const log = logFilePath(dataDir);
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    const lines = Array.from({ length: 250 }, (_, i) => JSON.stringify({ level: 30, msg: `line ${i}` }));
    // A secret that slipped into a message, and a URL with a token: both must be cut.
    lines.push(JSON.stringify({ level: 40, msg: `call failed for ${PLEX_TOKEN}` }), JSON.stringify({ level: 40, msg: 'GET http://nas/x?X-Plex-Token=leaky123' }));
    writeFileSync(log, `${lines.join('\n')}\n`);
    await core.dispose();

    const again = await start(dataDir, nodeStorageFs, () => ['serve-token-zyx987']);
    writeFileSync(log, `${readFileSync(log, 'utf8')}${JSON.stringify({ level: 30, msg: 'link serve-token-zyx987' })}\n`);
    const { text, fileName } = result<{ text: string; fileName: string }>(await again.dispatch('diagnostics:collect', undefined));
    expect(fileName).toMatch(/^medianest-diagnostics-\d{4}-\d\d-\d\d\.txt$/);
    expect(text).toContain('MediaNest 1.2.3 (serve mode, default profile)');
    expect(text).toContain(`Node ${process.versions.node}`);
    expect(text).toContain(`Data folder: ${dataDir}`);
    expect(text).toMatch(/- Plex: unknown, not checked yet\n- plex.tv: unknown/);
    expect(text).toContain('"baseUrl": "http://nas:32400"');
    expect(text).toContain('"plex.token": true');
    expect(text).toMatch(/The last 200 lines of the log/);
    expect(text).not.toContain('"line 52"');
    expect(text).toContain('line 249');
    for (const secret of [PLEX_TOKEN, KUMA_KEY, 'leaky123', 'serve-token-zyx987']) expect(text).not.toContain(secret);
    expect(text).toContain('call failed for [redacted]');
    await again.dispose();
  });
});
