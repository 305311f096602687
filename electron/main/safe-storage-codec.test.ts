import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SECRETS_FILE_NAME, createFileSecretStore } from '../core/secrets/secret-store';
import { ENCRYPTED_PREFIX, createSafeStorageCodec, type SafeStorageLike } from './safe-storage-codec';

/** A fake keychain: "encrypts" by reversing and tagging, and throws on foreign ciphertext like the real one. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { encryptString: ReturnType<typeof vi.fn> } {
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: vi.fn((plain: string) => Buffer.from(`enc(${[...plain].reverse().join('')})`, 'utf8')),
    decryptString: (encrypted: Buffer) => {
      const text = encrypted.toString('utf8');
      const match = /^enc\((.*)\)$/s.exec(text);
      if (!match) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...match[1]!].reverse().join('');
    },
  };
}

describe('createSafeStorageCodec', () => {
  it('encrypts to a prefixed base64 value and decrypts it back', () => {
    const codec = createSafeStorageCodec(fakeSafeStorage(), { platform: 'linux' });
    expect(codec.encrypted).toBe(true);
    expect(codec.reason).toBeNull();
    const stored = codec.encode('plex-token-123');
    expect(stored.startsWith(ENCRYPTED_PREFIX)).toBe(true);
    expect(stored).not.toContain('plex-token-123');
    expect(Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), 'base64').toString('utf8')).toBe('enc(321-nekot-xelp)');
    expect(codec.decode(stored)).toBe('plex-token-123');
  });

  it('reads values stored in the clear (serve mode shares the folder) as they are', () => {
    const codec = createSafeStorageCodec(fakeSafeStorage(), { platform: 'linux' });
    expect(codec.decode('written-by-serve-mode')).toBe('written-by-serve-mode');
  });

  it('throws on ciphertext the keychain cannot decrypt (the secret store then reports it missing)', () => {
    const codec = createSafeStorageCodec(fakeSafeStorage(), { platform: 'linux' });
    expect(() => codec.decode(`${ENCRYPTED_PREFIX}${Buffer.from('garbage').toString('base64')}`)).toThrow();
  });

  it('falls back to plain storage, with a warning, on the basic_text backend', () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const logger = { warn: vi.fn() };
    const codec = createSafeStorageCodec(safeStorage, { platform: 'linux', logger });
    expect(codec.encrypted).toBe(false);
    expect(codec.reason).toMatch(/basic_text/);
    expect(codec.encode('token')).toBe('token');
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![1]).toMatch(/unencrypted/);
  });

  it('falls back to plain storage when encryption is unavailable', () => {
    const logger = { warn: vi.fn() };
    const codec = createSafeStorageCodec(fakeSafeStorage({ available: false }), { platform: 'win32', logger });
    expect(codec.encrypted).toBe(false);
    expect(codec.reason).toMatch(/unavailable/);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('falls back when safeStorage itself throws', () => {
    const safeStorage = { ...fakeSafeStorage(), isEncryptionAvailable: () => { throw new Error('not ready'); } };
    const codec = createSafeStorageCodec(safeStorage, { platform: 'linux' });
    expect(codec.encrypted).toBe(false);
    expect(codec.reason).toMatch(/not ready/);
  });

  it('ignores the Linux backend on other platforms', () => {
    const codec = createSafeStorageCodec(fakeSafeStorage({ backend: 'basic_text' }), { platform: 'darwin' });
    expect(codec.encrypted).toBe(true);
  });

  it('works inside the file secret store: nothing readable on disk, values come back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medianest-secrets-'));
    try {
      const store = createFileSecretStore(dir, createSafeStorageCodec(fakeSafeStorage(), { platform: 'linux' }));
      expect(store.encrypted).toBe(true);
      store.set('plex.token', 'very-secret-token');
      expect(readFileSync(join(dir, SECRETS_FILE_NAME), 'utf8')).not.toContain('very-secret-token');
      expect(store.get('plex.token')).toBe('very-secret-token');

      // A value serve mode wrote in the clear is still read.
      const file = join(dir, SECRETS_FILE_NAME);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), 'overseerr.apiKey': 'plain-key' }));
      expect(store.get('overseerr.apiKey')).toBe('plain-key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
