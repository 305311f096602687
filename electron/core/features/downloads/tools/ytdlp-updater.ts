/**
 * Keeps MediaNest's own copy of yt-dlp current: fetches the release's
 * `SHA2-256SUMS` and its detached signature, checks the signature with
 * yt-dlp's key, downloads the asset into a temp file beside the copy, checks
 * its SHA-256 against the signed list, makes sure it runs and answers a
 * version, and only then renames it over the copy (atomic on one
 * filesystem). Any failure leaves the copy as it was, byte for byte.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { UpdateState } from '../../../../../shared/contract/areas/downloads';
import type { Logger } from '../../../logging/logger';
import { fetchBytes, fetchToFile, type Fetch } from './bounded-fetch';
import { listedSha256, verifyDetachedSignature } from './release-verify';
import type { RunVersion } from './run-version';
import { ytDlpVersionFromOutput } from './ytdlp-version';
import { YTDLP_SIGNING_KEY } from './ytdlp-public-key';

export interface UpdaterLimits {
  readonly sumsMaxBytes: number;
  readonly signatureMaxBytes: number;
  /** yt-dlp.exe is about 18 MB, the zipapp 3 MB. */
  readonly assetMaxBytes: number;
  readonly smallTimeoutMs: number;
  readonly assetTimeoutMs: number;
}

export const DEFAULT_UPDATER_LIMITS: UpdaterLimits = {
  sumsMaxBytes: 64 * 1024,
  signatureMaxBytes: 16 * 1024,
  assetMaxBytes: 100 * 1024 * 1024,
  smallTimeoutMs: 30_000,
  assetTimeoutMs: 10 * 60_000,
};

export interface YtDlpUpdaterDeps {
  /** The managed copy's file (`<dataDir>/tools/yt-dlp/yt-dlp`). */
  readonly managedPath: string;
  /** `downloads.releaseUrl`: the folder that holds the release's assets. */
  readonly releaseUrl: () => string;
  /** `yt-dlp` (the zipapp, Linux and macOS) or `yt-dlp.exe`. */
  readonly assetName: string;
  readonly runVersion: RunVersion;
  readonly now: () => number;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  /** yt-dlp's key, armored; tests sign their release with their own. */
  readonly trustedKey?: string;
  readonly fetch?: Fetch;
  readonly limits?: Partial<UpdaterLimits>;
}

export interface YtDlpUpdater {
  update(): Promise<UpdateState>;
  state(): UpdateState;
  onChanged(listener: (state: UpdateState) => void): () => void;
  /** The managed copy's version, as discovery found it. */
  setManagedVersion(version: string | null): void;
  /** Stops a download in flight. */
  dispose(): void;
}

async function sha256OfFile(path: string): Promise<string | undefined> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** Temp files of an update cut short by a crash or a power cut (one update runs at a time, so none is in use). */
async function removeLeftovers(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (entry.startsWith(prefix) && /\.download(\.exe)?$/.test(entry)) await rm(join(dir, entry), { force: true }).catch(() => undefined);
  }
}

const KEPT = 'Nothing was installed; the copy you had is kept.';

export function createYtDlpUpdater(deps: YtDlpUpdaterDeps): YtDlpUpdater {
  const limits = { ...DEFAULT_UPDATER_LIMITS, ...deps.limits };
  const listeners = new Set<(state: UpdateState) => void>();
  const stop = new AbortController();
  let current: UpdateState = { state: 'idle', managedVersion: null, message: null, checkedAt: null };
  let running: Promise<UpdateState> | undefined;

  const set = (patch: Partial<UpdateState>): UpdateState => {
    current = { ...current, ...patch, message: patch.message === undefined ? current.message : (patch.message?.slice(0, 500) ?? null) };
    for (const listener of [...listeners]) listener(current);
    return current;
  };

  const assetUrl = (base: string, name: string): string => `${base.replace(/\/+$/, '')}/${name}`;

  const run = async (): Promise<UpdateState> => {
    const base = deps.releaseUrl();
    if (!/^https?:\/\//i.test(base)) return set({ state: 'failed', message: 'The yt-dlp release address in Settings → Downloads must start with https://.', checkedAt: deps.now() });
    const small = { timeoutMs: limits.smallTimeoutMs, signal: stop.signal, fetch: deps.fetch };
    set({ state: 'checking', message: 'Looking for the newest yt-dlp…' });
    const [sums, signature] = await Promise.all([
      fetchBytes(assetUrl(base, 'SHA2-256SUMS'), { ...small, maxBytes: limits.sumsMaxBytes }),
      fetchBytes(assetUrl(base, 'SHA2-256SUMS.sig'), { ...small, maxBytes: limits.signatureMaxBytes }),
    ]);
    await verifyDetachedSignature(sums, signature, deps.trustedKey ?? YTDLP_SIGNING_KEY);
    const expected = listedSha256(Buffer.from(sums).toString('utf8'), deps.assetName);

    if ((await sha256OfFile(deps.managedPath)) === expected) {
      const version = current.managedVersion ?? (await versionOf(deps.managedPath));
      return set({ state: 'current', managedVersion: version, message: `MediaNest’s own yt-dlp${version ? ` (${version})` : ''} is the newest release.`, checkedAt: deps.now() });
    }

    const dir = dirname(deps.managedPath);
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await removeLeftovers(dir, basename(deps.managedPath));
    // Beside the copy, so the rename is atomic; `.exe` so Windows will run it for the check.
    const temp = join(dir, `.${basename(deps.managedPath)}.${randomBytes(6).toString('hex')}.download${deps.assetName.endsWith('.exe') ? '.exe' : ''}`);
    try {
      set({ state: 'downloading', message: `Downloading ${deps.assetName}…` });
      const actual = await fetchToFile(assetUrl(base, deps.assetName), temp, { timeoutMs: limits.assetTimeoutMs, maxBytes: limits.assetMaxBytes, signal: stop.signal, fetch: deps.fetch });
      set({ state: 'verifying', message: 'Checking the download…' });
      if (actual !== expected) throw new Error(`The downloaded ${deps.assetName} does not match the signed checksum (it was changed or broken on the way).`);
      await chmod(temp, 0o755);
      const version = await versionOf(temp);
      if (!version) throw new Error(`The downloaded ${deps.assetName} does not run on this computer as yt-dlp (it needs Python 3.10 or later on Linux and macOS).`);
      await rename(temp, deps.managedPath);
      deps.logger?.info({ version }, 'yt-dlp updated');
      return set({ state: 'updated', managedVersion: version, message: `MediaNest’s own yt-dlp is now ${version}.`, checkedAt: deps.now() });
    } finally {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  };

  const versionOf = async (path: string): Promise<string | null> => {
    try {
      return ytDlpVersionFromOutput((await deps.runVersion(path, ['--version'])).stdout) ?? null;
    } catch {
      return null;
    }
  };

  return {
    update() {
      running ??= run()
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          deps.logger?.warn({ reason: message }, 'yt-dlp update failed');
          return set({ state: 'failed', message: `${message} ${KEPT}`, checkedAt: deps.now() });
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    state: () => current,
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setManagedVersion(version) {
      if (version !== current.managedVersion) set({ managedVersion: version });
    },
    dispose() {
      stop.abort();
      listeners.clear();
    },
  };
}
