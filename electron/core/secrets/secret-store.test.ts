import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultyFs } from '../../../tests/support/faulty-fs';
import { useTempDirs } from '../../../tests/support/temp-dirs';
import { nodeStorageFs } from '../storage/storage-fs';
import { SECRETS_FILE_NAME, createFileSecretStore, type SecretCodec } from './secret-store';

const dir = () => mkdtempSync(join(tmpdir(), 'medianest-secrets-'));
const reverse: SecretCodec = { encrypted: true, encode: (v) => `enc:${[...v].reverse().join('')}`, decode: (v) => [...v.slice(4)].reverse().join('') };

describe('file secret store', () => {
  it('stores, reads and deletes secrets in a file only the user can read', () => {
    const folder = dir();
    const store = createFileSecretStore(folder);
    store.set('plex.token', 'tok-123');
    expect(store.get('plex.token')).toBe('tok-123');
    expect(store.has('overseerr.apiKey')).toBe(false);
    expect(statSync(join(folder, SECRETS_FILE_NAME)).mode & 0o777).toBe(0o600);
    store.delete('plex.token');
    expect(store.has('plex.token')).toBe(false);
  });

  it('writes only encoded values when a codec is given', () => {
    const folder = dir();
    createFileSecretStore(folder, reverse).set('overseerr.apiKey', 'abcdef');
    expect(readFileSync(join(folder, SECRETS_FILE_NAME), 'utf8')).not.toContain('abcdef');
    expect(createFileSecretStore(folder, reverse).get('overseerr.apiKey')).toBe('abcdef');
  });

  it('treats an undecodable value as missing instead of failing', () => {
    const folder = dir();
    createFileSecretStore(folder).set('plex.token', 'plain');
    const broken: SecretCodec = { ...reverse, decode: () => { throw new Error('keychain locked'); } };
    expect(createFileSecretStore(folder, broken).get('plex.token')).toBeUndefined();
  });

  it('decodes once per file version and sees a change written by another host', () => {
    const folder = dir();
    let decodes = 0;
    const counting: SecretCodec = { ...reverse, decode: (v) => (decodes++, reverse.decode(v)) };
    const store = createFileSecretStore(folder, counting);
    store.set('plex.token', 'one');
    expect([store.get('plex.token'), store.get('plex.token')]).toEqual(['one', 'one']);
    expect(decodes).toBe(1);
    createFileSecretStore(folder, reverse).set('plex.token', 'two-from-elsewhere');
    expect(store.get('plex.token')).toBe('two-from-elsewhere');
  });
});

describe('a secrets file that is broken', () => {
  const tempDir = useTempDirs('medianest-secrets-broken-');
  const copies = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('secrets.json.broken-'));
  const withFile = (text: string | Buffer): string => {
    const folder = tempDir();
    writeFileSync(join(folder, SECRETS_FILE_NAME), text);
    return folder;
  };

  it('cut short: not read as empty; the copy is kept, what is still whole is recovered and the rest named', () => {
    const folder = withFile('{\n  "plex.token": "tok-123",\n  "overseerr.apiKey": "key-45');
    const original = readFileSync(join(folder, SECRETS_FILE_NAME));
    const store = createFileSecretStore(folder);
    expect(store.get('plex.token')).toBe('tok-123');
    expect(store.has('overseerr.apiKey')).toBe(false);
    const [copy] = copies(folder);
    expect(store.warnings).toEqual([
      `MediaNest's secrets file was damaged (cut short or overwritten). It was copied, untouched, to ${join(folder, copy!)}. MediaNest recovered the Plex token from it; if you had saved the Overseerr API key and Uptime Kuma API key, type them again in Settings, and if you had signed in to Plex, sign in again.`,
    ]);
    expect(readFileSync(join(folder, copy!)).equals(original)).toBe(true);
    // The next secret saved keeps the recovered one, and the file is whole again.
    store.set('uptime-kuma.apiKey', 'kuma');
    expect(JSON.parse(readFileSync(join(folder, SECRETS_FILE_NAME), 'utf8'))).toEqual({ 'plex.token': 'tok-123', 'uptime-kuma.apiKey': 'kuma' });
    expect(createFileSecretStore(folder).warnings).toEqual([]);
  });

  it('garbage: says nothing could be recovered and keeps the copy', () => {
    const folder = withFile(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x22]));
    const store = createFileSecretStore(folder);
    expect(store.warnings[0]).toMatch(/was damaged \(cut short or overwritten\)\. It was copied, untouched, to .*\. Nothing could be recovered from it; if you had saved the Plex token, Overseerr API key and Uptime Kuma API key, type them again in Settings, and if you had signed in to Plex, sign in again\.$/);
    expect(copies(folder)).toHaveLength(1);
  });

  it.each([['null'], ['[1]'], ['7'], ['"token"']])('holding %s instead of secrets: a warning and a copy', (text) => {
    const folder = withFile(text);
    const store = createFileSecretStore(folder);
    expect(store.warnings[0]).toMatch(/^MediaNest's secrets file did not hold a list of secrets\. It was copied, untouched, to /);
    expect(readFileSync(join(folder, copies(folder)[0]!), 'utf8')).toBe(text);
  });

  it('a known secret that is not text is dropped after a copy; a name this version does not know is kept', () => {
    const folder = withFile(JSON.stringify({ 'plex.token': 12345, 'overseerr.apiKey': 'key', 'jellyfin.apiKey': 'future' }));
    const store = createFileSecretStore(folder);
    expect(store.warnings[0]).toMatch(/^The saved Plex token in secrets\.json was not text and could not be used; type it again in Settings\. It was copied, untouched, to /);
    expect(store.get('overseerr.apiKey')).toBe('key');
    expect(JSON.parse(readFileSync(join(folder, SECRETS_FILE_NAME), 'utf8'))).toEqual({ 'overseerr.apiKey': 'key', 'jellyfin.apiKey': 'future' });
  });

  it('read with an I/O error: moved aside untouched, started without secrets, and saving works', () => {
    const folder = withFile(JSON.stringify({ 'plex.token': 'tok' }));
    const fs = createFaultyFs(nodeStorageFs, [{ op: ['readFile', 'copyFile'], path: (path) => path.endsWith(SECRETS_FILE_NAME), code: 'EIO' }]);
    const store = createFileSecretStore(folder, { fs });
    const [copy] = copies(folder);
    expect(store.warnings[0]).toBe(
      `MediaNest's secrets file could not be read (a read or write error from the disk (EIO)). It was moved, untouched, to ${join(folder, copy!)}, and MediaNest started without saved tokens and API keys: type them again in Settings, or fix that file and put it back as secrets.json while MediaNest is closed.`,
    );
    expect(readFileSync(join(folder, copy!), 'utf8')).toBe(JSON.stringify({ 'plex.token': 'tok' }));
    fs.heal();
    store.set('overseerr.apiKey', 'new');
    expect(createFileSecretStore(folder).get('overseerr.apiKey')).toBe('new');
  });

  it('unreadable and impossible to set aside: never overwritten, and saving says why', () => {
    const folder = withFile(JSON.stringify({ 'plex.token': 'tok' }));
    const fs = createFaultyFs(nodeStorageFs, [{ op: ['readFile', 'copyFile', 'rename'], path: SECRETS_FILE_NAME, code: 'EACCES' }]);
    const store = createFileSecretStore(folder, { fs });
    expect(store.warnings[0]).toMatch(/^MediaNest started without its saved tokens and API keys: secrets\.json could not be read \(permission denied \(EACCES\)\) and could not be copied aside/);
    expect(() => store.set('plex.token', 'other')).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED' }));
    expect(readFileSync(join(folder, SECRETS_FILE_NAME), 'utf8')).toBe(JSON.stringify({ 'plex.token': 'tok' }));
  });

  it('a failed write (disk full) changes nothing and leaves no temporary file', () => {
    const folder = tempDir();
    const fs = createFaultyFs(nodeStorageFs);
    const store = createFileSecretStore(folder, { fs });
    store.set('plex.token', 'old');
    fs.fail({ op: 'writeFile', path: SECRETS_FILE_NAME, code: 'ENOSPC' });
    expect(() => store.set('plex.token', 'new')).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED', message: expect.stringContaining('the disk is full (ENOSPC)') }));
    expect(store.get('plex.token')).toBe('old');
    expect(readdirSync(folder)).toEqual([SECRETS_FILE_NAME]);
  });

  it('a saved value no header can carry counts as missing, with a word, instead of failing every call', () => {
    const folder = withFile(JSON.stringify({ 'overseerr.apiKey': 'abc\r\nX-Evil: 1' }));
    const store = createFileSecretStore(folder);
    expect(store.get('overseerr.apiKey')).toBeUndefined();
    expect(store.warnings[0]).toMatch(/^The saved Overseerr API key could not be used .* type it again in Settings\.$/);
  });

  it('says when a value was encrypted by the desktop app and serve mode cannot read it', () => {
    const folder = withFile(JSON.stringify({ 'plex.token': 'safe:v1:AAAA' }));
    const store = createFileSecretStore(folder);
    expect(store.has('plex.token')).toBe(false);
    expect(store.warnings[0]).toMatch(/^The saved Plex token was encrypted by the desktop app with its keychain, which serve mode cannot use/);
  });
});
