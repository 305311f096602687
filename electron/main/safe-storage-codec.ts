/**
 * A SecretCodec on Electron's safeStorage (the OS keychain: DPAPI, Keychain,
 * libsecret/kwallet).
 *
 * Encrypted values are stored as `safe:v1:<base64>`, so a value written in the
 * clear (by serve mode, which shares the data folder, or before a keychain was
 * available) is still read as itself. When there is no real keychain,
 * including Linux's `basic_text` backend (a hard-coded key, no protection), the
 * codec falls back to storing values as they are, says so through `encrypted:
 * false`, and logs a warning once.
 */
import { plainSecretCodec, type SecretCodec } from '../core/secrets/secret-store';

export const ENCRYPTED_PREFIX = 'safe:v1:';

/** The part of `Electron.SafeStorage` the codec uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageCodecOptions {
  readonly platform?: NodeJS.Platform;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

export interface SafeStorageCodec extends SecretCodec {
  /** Why secrets are not encrypted, when they are not (for the log and, later, the UI). */
  readonly reason: string | null;
}

/** Call after `app.whenReady()`: on Linux the keychain is only known then. */
export function createSafeStorageCodec(safeStorage: SafeStorageLike, options: SafeStorageCodecOptions = {}): SafeStorageCodec {
  const platform = options.platform ?? process.platform;
  let reason: string | null = null;
  try {
    if (!safeStorage.isEncryptionAvailable()) reason = 'the operating system offers no encryption (safeStorage is unavailable)';
    else if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      reason = 'no keyring is running (safeStorage would use the basic_text backend, a fixed key)';
    }
  } catch (error) {
    reason = `safeStorage failed (${(error as Error).message})`;
  }

  if (reason !== null) {
    options.logger?.warn({ reason }, `Secrets are stored unencrypted in secrets.json (readable only by this user account): ${reason}.`);
    return { ...plainSecretCodec, reason, decode: decodeLegacy(safeStorage) };
  }
  return {
    encrypted: true,
    reason: null,
    encode: (plain) => `${ENCRYPTED_PREFIX}${safeStorage.encryptString(plain).toString('base64')}`,
    decode: decodeLegacy(safeStorage),
  };
}

/** Decrypts `safe:v1:` values (throws when the keychain cannot); returns anything else as it is. */
function decodeLegacy(safeStorage: SafeStorageLike): (stored: string) => string {
  return (stored) => {
    if (!stored.startsWith(ENCRYPTED_PREFIX)) return stored;
    return safeStorage.decryptString(Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), 'base64'));
  };
}
