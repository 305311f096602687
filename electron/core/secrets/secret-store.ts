/**
 * Secrets (Plex token, API keys), kept apart from settings and never sent to the renderer.
 *
 * One small JSON file, written with mode 0600. What is stored is decided by a
 * codec: in Electron it is safeStorage (OS keychain encryption); in serve mode
 * there is no keychain, so values are stored as they are, readable only by the
 * user's account. `encrypted` says which, so the UI can tell the user.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SecretNameSchema, type SecretName } from '../../../shared/contract/services';

export interface SecretCodec {
  readonly encrypted: boolean;
  encode(plain: string): string;
  decode(stored: string): string;
}

export interface SecretStore {
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  has(name: SecretName): boolean;
  readonly encrypted: boolean;
}

/** Prefix of values the desktop app encrypted with safeStorage. */
export const ENCRYPTED_SECRET_PREFIX = 'safe:';

export const plainSecretCodec: SecretCodec = {
  encrypted: false,
  encode: (plain) => plain,
  decode: (stored) => {
    // Serve mode has no keychain: an encrypted value is unreadable here, not a secret to send.
    if (stored.startsWith(ENCRYPTED_SECRET_PREFIX)) throw new Error('encrypted by the desktop app');
    return stored;
  },
};

export const SECRETS_FILE_NAME = 'secrets.json';

export function createFileSecretStore(dataDir: string, codec: SecretCodec = plainSecretCodec): SecretStore {
  const file = join(dataDir, SECRETS_FILE_NAME);
  const read = (): Partial<Record<SecretName, string>> => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
    const out: Partial<Record<SecretName, string>> = {};
    if (typeof raw !== 'object' || raw === null) return out;
    for (const [key, value] of Object.entries(raw)) {
      if (SecretNameSchema.safeParse(key).success && typeof value === 'string') out[key as SecretName] = value;
    }
    return out;
  };
  // Every gateway attempt asks for its secret: decode once per file version
  // instead of reading, parsing and decrypting on each call. A stat still sees
  // changes written by the other host (serve mode and the desktop app share the file).
  let cache: { version: string; decoded: Map<SecretName, string | undefined> } | undefined;
  const fileVersion = (): string => {
    try {
      const { mtimeMs, size, ino } = statSync(file);
      return `${mtimeMs}:${size}:${ino}`;
    } catch {
      return 'missing';
    }
  };
  const write = (data: Partial<Record<SecretName, string>>): void => {
    cache = undefined;
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(temp, file);
    chmodSync(file, 0o600);
  };
  return {
    encrypted: codec.encrypted,
    get(name) {
      const version = fileVersion();
      if (cache?.version !== version) cache = { version, decoded: new Map() };
      if (cache.decoded.has(name)) return cache.decoded.get(name);
      const stored = read()[name];
      let value: string | undefined;
      try {
        value = stored === undefined ? undefined : codec.decode(stored);
      } catch {
        value = undefined;
      }
      cache.decoded.set(name, value);
      return value;
    },
    set(name, value) {
      write({ ...read(), [name]: codec.encode(value) });
    },
    delete(name) {
      const data = read();
      delete data[name];
      write(data);
    },
    has(name) {
      return this.get(name) !== undefined;
    },
  };
}

/** In memory, for tests. */
export function createMemorySecretStore(initial: Partial<Record<SecretName, string>> = {}): SecretStore {
  const data = new Map(Object.entries(initial) as [SecretName, string][]);
  return {
    encrypted: false,
    get: (name) => data.get(name),
    set: (name, value) => void data.set(name, value),
    delete: (name) => void data.delete(name),
    has: (name) => data.has(name),
  };
}
