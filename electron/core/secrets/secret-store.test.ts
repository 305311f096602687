import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
