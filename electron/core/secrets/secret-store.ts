/**
 * Secrets (Plex token, API keys), kept apart from settings and never sent to the renderer.
 *
 * One small JSON file, written with mode 0600 through a temporary file and a
 * rename. What is stored is decided by a codec: in Electron it is safeStorage
 * (OS keychain encryption); in serve mode there is no keychain, so values are
 * stored as they are, readable only by the user's account. `encrypted` says
 * which, so the UI can tell the user.
 *
 * A damaged file is never read as empty without a word: it is copied aside
 * first, every secret that can still be read from it is kept, and `warnings`
 * says which were recovered and which must be typed again.
 */
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { secretValueProblem } from '../../../shared/contract/secret-value';
import { SecretNameSchema, secretLabel, secretNames, secretSpec, services, type SecretName } from '../../../shared/contract/services';
import { commitTogether, withCommitError, type PendingChange } from '../storage/commit-together';
import { createJsonDocument, type JsonDocument } from '../storage/json-document';
import { describeFsError, nodeStorageFs, type StorageFs } from '../storage/storage-fs';

export interface SecretCodec {
  readonly encrypted: boolean;
  encode(plain: string): string;
  decode(stored: string): string;
}

/** Secrets to set (a string) or delete (null); names not given stay as they are. */
export type SecretPatch = Partial<Record<SecretName, string | null>>;

export interface SecretStore {
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  has(name: SecretName): boolean;
  /** A change to be committed with `commitTogether` (with the settings of the same update). */
  prepare(patch: SecretPatch): PendingChange;
  readonly encrypted: boolean;
  /** Problems found in the file at start, for the user. */
  readonly warnings: readonly string[];
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

type Stored = Record<string, string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labels(names: readonly SecretName[]): string {
  const words = names.map(secretLabel);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The `"name": "value"` pairs still whole in a file cut short or partly overwritten. */
export function recoverSecretEntries(text: string): Partial<Record<SecretName, string>> {
  const found: Partial<Record<SecretName, string>> = {};
  for (const match of text.matchAll(/"((?:[^"\\\n]|\\.)*)"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g)) {
    try {
      const key = JSON.parse(`"${match[1]}"`) as string;
      const value = JSON.parse(`"${match[2]}"`) as string;
      if (SecretNameSchema.safeParse(key).success) found[key as SecretName] = value;
    } catch {
      // A pair with a broken escape is not a secret we can trust.
    }
  }
  return found;
}

export interface FileSecretStoreOptions {
  readonly codec?: SecretCodec;
  readonly fs?: StorageFs;
  /** Where warnings also go (the log). */
  readonly onWarning?: (message: string) => void;
}

export function createFileSecretStore(dataDir: string, codecOrOptions: SecretCodec | FileSecretStoreOptions = {}): SecretStore {
  const options: FileSecretStoreOptions = 'decode' in codecOrOptions ? { codec: codecOrOptions } : codecOrOptions;
  const codec = options.codec ?? plainSecretCodec;
  const fs = options.fs ?? nodeStorageFs;
  const file = join(dataDir, SECRETS_FILE_NAME);
  const document: JsonDocument = createJsonDocument(fs, file, { mode: 0o600 });
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  /** Why the file must not be written, when it could not be read nor kept aside. */
  let blocked: string | undefined;
  /** Repaired at load and copied aside: write the repair back. */
  let repaired = false;

  const keepCopy = (): string | { error: unknown } => {
    try {
      const kept = document.keepAside();
      return kept.moved ? `It was moved, untouched, to ${kept.path}` : `It was copied, untouched, to ${kept.path}`;
    } catch (error) {
      return { error };
    }
  };
  const cannotKeep = (what: string, error: unknown): void => {
    blocked = `${SECRETS_FILE_NAME} ${what} and could not be copied aside (${describeFsError(error)}), so MediaNest will not overwrite it`;
    warn(`MediaNest started without its saved tokens and API keys: ${blocked}. Move it out of ${dirname(file)} and restart MediaNest to save them again.`);
  };

  /** Reads the file as it is now; undefined when it cannot be used (the caller keeps what it had). */
  const readStored = (): Stored | undefined => {
    const read = document.read();
    if (read.kind === 'missing') return {};
    if (read.kind !== 'ok' || !isRecord(read.value)) return undefined;
    return Object.fromEntries(Object.entries(read.value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  };

  /** The first read, with the repairs and the words for the user. */
  const load = (): Stored => {
    const read = document.read();
    if (read.kind === 'missing') return {};
    if (read.kind === 'unreadable') {
      const what = `could not be read (${describeFsError(read.error)})`;
      const kept = keepCopy();
      if (typeof kept !== 'string') {
        cannotKeep(what, kept.error);
        return {};
      }
      warn(`MediaNest's secrets file ${what}. ${kept}, and MediaNest started without saved tokens and API keys: type them again in Settings, or fix that file and put it back as ${SECRETS_FILE_NAME} while MediaNest is closed.`);
      return {};
    }
    if (read.kind === 'damaged' || !isRecord(read.value)) {
      const what = read.kind === 'damaged' ? (read.text.trim() === '' ? 'was empty' : 'was damaged (cut short or overwritten)') : 'did not hold a list of secrets';
      const recovered = read.kind === 'damaged' ? recoverSecretEntries(read.text) : {};
      const kept = keepCopy();
      if (typeof kept !== 'string') {
        cannotKeep(what, kept.error);
        return {};
      }
      const found = secretNames.filter((name) => recovered[name] !== undefined);
      // Secrets MediaNest makes (the webhook's) are made again; only typed ones need the user.
      const missing = secretNames.filter((name) => recovered[name] === undefined && !secretSpec(name).madeByMediaNest);
      const saved = found.length > 0 ? `MediaNest recovered the ${labels(found)} from it` : 'Nothing could be recovered from it';
      // Typed secrets are typed again; those a sign-in obtained come back by signing in again.
      const typed = missing.filter((name) => !secretSpec(name).fromSignIn);
      const signedIn = [...new Set(missing.filter((name) => secretSpec(name).fromSignIn).map((name) => services[secretSpec(name).service].displayName))];
      const retype = typed.length > 0 ? `; if you had saved the ${labels(typed)}, type ${typed.length === 1 ? 'it' : 'them'} again in Settings` : '';
      const resign = signedIn.length > 0 ? `${retype ? ', and' : ';'} if you had signed in to ${signedIn.join(' or ')}, sign in again` : '';
      const again = `${retype}${resign}.`;
      warn(`MediaNest's secrets file ${what}. ${kept}. ${saved}${again}`);
      repaired = true;
      return recovered as Stored;
    }
    // Unknown names stay (a newer MediaNest's secrets); a known name without text is dropped, after a copy.
    const stored: Stored = {};
    const dropped: SecretName[] = [];
    for (const [key, value] of Object.entries(read.value)) {
      if (typeof value === 'string') stored[key] = value;
      else if (SecretNameSchema.safeParse(key).success) dropped.push(key as SecretName);
    }
    if (dropped.length > 0) {
      const kept = keepCopy();
      if (typeof kept !== 'string') cannotKeep(`held a ${labels(dropped)} that is not text`, kept.error);
      else {
        warn(`The saved ${labels(dropped)} in ${SECRETS_FILE_NAME} ${dropped.length === 1 ? 'was' : 'were'} not text and could not be used; type ${dropped.length === 1 ? 'it' : 'them'} again in Settings. ${kept}.`);
        repaired = true;
      }
    }
    return stored;
  };

  let stored = load();
  // Every gateway attempt asks for its secret: decode once per file version
  // instead of reading, parsing and decrypting on each call. A stat still sees
  // changes written by the other host (serve mode and the desktop app share the file).
  const fileVersion = (): string => {
    try {
      const { mtimeMs, size, ino } = fs.stat(file);
      return `${mtimeMs}:${size}:${ino}`;
    } catch {
      return 'missing';
    }
  };
  let seenVersion = fileVersion();
  let decoded = new Map<SecretName, string | undefined>();
  const current = (): Stored => {
    const version = fileVersion();
    if (version !== seenVersion) {
      seenVersion = version;
      decoded = new Map();
      // A file the other host broke meanwhile: keep what we had rather than lose every secret.
      stored = readStored() ?? stored;
    }
    return stored;
  };

  const decodeValue = (name: SecretName, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    try {
      const plain = codec.decode(value);
      // A value no header can carry is as good as missing: sending it would fail as a network error.
      return secretValueProblem(plain, secretLabel(name)) === undefined ? plain : undefined;
    } catch {
      return undefined;
    }
  };
  const unusable = secretNames.filter((name) => stored[name] !== undefined && decodeValue(name, stored[name]) === undefined);
  if (unusable.length > 0) {
    const encrypted = unusable.filter((name) => stored[name]!.startsWith(ENCRYPTED_SECRET_PREFIX) && !codec.encrypted);
    if (encrypted.length > 0) warn(`The saved ${labels(encrypted)} ${encrypted.length === 1 ? 'was' : 'were'} encrypted by the desktop app with its keychain, which serve mode cannot use: type ${encrypted.length === 1 ? 'it' : 'them'} again here, or use the desktop app.`);
    const other = unusable.filter((name) => !encrypted.includes(name));
    if (other.length > 0) warn(`The saved ${labels(other)} could not be used (it could not be decrypted, or it holds characters no request can carry): type ${other.length === 1 ? 'it' : 'them'} again in Settings.`);
  }

  const store: SecretStore = {
    encrypted: codec.encrypted,
    warnings,
    get(name) {
      const data = current();
      if (!decoded.has(name)) decoded.set(name, decodeValue(name, data[name]));
      return decoded.get(name);
    },
    has(name) {
      return store.get(name) !== undefined;
    },
    prepare(patch) {
      const next: Stored = { ...current() };
      for (const [name, value] of Object.entries(patch) as [SecretName, string | null | undefined][]) {
        if (value === null) delete next[name];
        else if (value !== undefined) next[name] = codec.encode(value);
      }
      return {
        stage() {
          if (blocked) throw new AppError('STORAGE_FAILED', `Tokens and API keys cannot be saved: ${blocked}.`);
          const failed = (error: unknown): AppError =>
            new AppError('STORAGE_FAILED', `Tokens and API keys could not be saved (${describeFsError(error)} writing ${basename(file)}). Nothing was changed.`, { cause: error });
          try {
            return withCommitError(document.stage(next), failed);
          } catch (error) {
            throw failed(error);
          }
        },
        applied() {
          stored = next;
          decoded = new Map();
          seenVersion = fileVersion();
        },
      };
    },
    set(name, value) {
      commitTogether([store.prepare({ [name]: value })]);
    },
    delete(name) {
      commitTogether([store.prepare({ [name]: null })]);
    },
  };

  // A repaired file is written back once it has been copied aside, so the next start is clean.
  if (repaired) {
    try {
      commitTogether([store.prepare({})]);
    } catch {
      // Still in memory; saving a secret later writes the file.
    }
  }
  return store;
}

/** In memory, for tests. */
export function createMemorySecretStore(initial: Partial<Record<SecretName, string>> = {}): SecretStore {
  const data = new Map(Object.entries(initial) as [SecretName, string][]);
  const store: SecretStore = {
    encrypted: false,
    warnings: [],
    get: (name) => data.get(name),
    has: (name) => data.has(name),
    prepare(patch) {
      return {
        stage: () => ({ commit: () => undefined, rollback: () => undefined, abort: () => undefined }),
        applied() {
          for (const [name, value] of Object.entries(patch) as [SecretName, string | null | undefined][]) {
            if (value === null) data.delete(name);
            else if (value !== undefined) data.set(name, value);
          }
        },
      };
    },
    set: (name, value) => commitTogether([store.prepare({ [name]: value })]),
    delete: (name) => commitTogether([store.prepare({ [name]: null })]),
  };
  return store;
}
