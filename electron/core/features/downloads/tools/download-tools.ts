/**
 * The tools the downloads need, behind the `DownloadTools` seam: which
 * yt-dlp, ffmpeg and JavaScript runtime (looked for again on request, after
 * an update, or from the Health page), their Health cards, and MediaNest's
 * own copy of yt-dlp with its updates (at start and once a day when
 * `downloads.autoUpdate` is on).
 */
import { join } from 'node:path';
import type { Settings } from '../../../../../shared/contract/areas/settings';
import type { ToolStatus } from '../../../../../shared/contract/areas/downloads';
import type { Logger } from '../../../logging/logger';
import type { Fetch } from './bounded-fetch';
import { discoverFfmpeg } from './ffmpeg-discovery';
import type { PathEnv } from './find-on-path';
import { discoverJsRuntime } from './js-runtime-discovery';
import { createRunVersion, type RunVersion } from './run-version';
import type { DownloadTools, ResolvedTools } from './tools-types';
import { createToolsHealthSource } from './tools-health-source';
import { discoverYtDlp } from './ytdlp-discovery';
import { createYtDlpUpdater, type UpdaterLimits } from './ytdlp-updater';

export interface DownloadToolsDeps {
  /** The downloads settings, read at each look and each update. */
  readonly settings: () => Pick<Settings['downloads'], 'ytdlpPath' | 'releaseUrl' | 'autoUpdate'>;
  /** The folder of MediaNest's own copy of yt-dlp, e.g. `<dataDir>/tools/yt-dlp`. */
  readonly managedDir: string;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  /** Defaults to Date.now. */
  readonly now?: () => number;
  /** PATH; defaults to process.env. */
  readonly env?: PathEnv;
  readonly platform?: NodeJS.Platform;
  /** How versions are asked (tests fake it); defaults to a bounded execFile. */
  readonly runVersion?: RunVersion;
  /** Never taken for a JavaScript runtime; defaults to Electron's own binary when running in Electron. */
  readonly excludeRuntimes?: readonly string[];
  /** yt-dlp's signing key, armored; tests sign their release with their own. */
  readonly trustedKey?: string;
  readonly fetch?: Fetch;
  readonly updaterLimits?: Partial<UpdaterLimits>;
  /** The first automatic update check after start, and how often it looks whether a day has passed. */
  readonly autoUpdateTiming?: { readonly firstCheckMs?: number; readonly tickMs?: number; readonly everyMs?: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createDownloadTools(deps: DownloadToolsDeps): DownloadTools {
  const now = deps.now ?? Date.now;
  const platform = deps.platform ?? process.platform;
  const env = deps.env ?? process.env;
  const runVersion = deps.runVersion ?? createRunVersion();
  const exclude = deps.excludeRuntimes ?? (process.versions.electron ? [process.execPath] : []);
  const assetName = platform === 'win32' ? 'yt-dlp.exe' : 'yt-dlp';
  const managedPath = join(deps.managedDir, assetName);
  const listeners = new Set<(status: readonly ToolStatus[]) => void>();
  let last: ResolvedTools | undefined;
  let looking: Promise<ResolvedTools> | undefined;
  let disposed = false;

  const updater = createYtDlpUpdater({
    managedPath,
    releaseUrl: () => deps.settings().releaseUrl,
    assetName,
    runVersion,
    now,
    logger: deps.logger,
    trustedKey: deps.trustedKey,
    fetch: deps.fetch,
    limits: deps.updaterLimits,
  });

  const look = async (): Promise<ResolvedTools> => {
    const [ytdlp, ffmpeg, runtime] = await Promise.all([
      discoverYtDlp({ configuredPath: deps.settings().ytdlpPath, managedPath, env, platform, runVersion }),
      discoverFfmpeg({ env, platform, runVersion }),
      discoverJsRuntime({ env, platform, runVersion, exclude }),
    ]);
    const resolved: ResolvedTools = {
      ytdlp: ytdlp.binary,
      ffmpegPath: ffmpeg.path,
      jsRuntime: runtime.value,
      status: [ytdlp.status, ffmpeg.status, runtime.status],
    };
    const changed = JSON.stringify(resolved.status) !== JSON.stringify(last?.status);
    last = resolved;
    if (ytdlp.status.origin === 'managed') updater.setManagedVersion(ytdlp.status.version);
    if (disposed) return resolved;
    if (changed) deps.logger.info({ tools: resolved.status.map(({ name, version, origin, severity }) => ({ name, version, origin, severity })) }, 'download tools found');
    health.report(resolved.status);
    if (changed) for (const listener of [...listeners]) listener(resolved.status);
    return resolved;
  };

  let again: Promise<ResolvedTools> | undefined;
  const resolve = (options?: { refresh?: boolean }): Promise<ResolvedTools> => {
    if (last && !options?.refresh) return Promise.resolve(last);
    if (!looking) {
      looking = look().finally(() => {
        looking = undefined;
      });
      return looking;
    }
    if (!options?.refresh) return looking;
    // The look under way may have read the settings before they changed: look once more after it.
    again ??= looking.then(() => {
      again = undefined;
      return resolve({ refresh: true });
    });
    return again;
  };

  const health = createToolsHealthSource({ recheck: async () => void (await resolve({ refresh: true })), now });

  const updateYtDlp = async () => {
    const state = await updater.update();
    // A new copy (or a first one) changes which yt-dlp is used.
    if (state.state === 'updated' && !disposed) await resolve({ refresh: true });
    return state;
  };

  // Hourly ticks, so turning auto-update on takes effect within the hour, and a day apart at most once.
  const timing = { firstCheckMs: 30_000, tickMs: 60 * 60 * 1000, everyMs: DAY_MS, ...deps.autoUpdateTiming };
  const tick = (): void => {
    const settings = deps.settings();
    // A yt-dlp set in Settings is the one used, so MediaNest's own copy is kept current only when asked.
    if (disposed || !settings.autoUpdate || settings.ytdlpPath.trim() !== '') return;
    const checkedAt = updater.state().checkedAt;
    if (checkedAt !== null && now() - checkedAt < timing.everyMs) return;
    void updateYtDlp();
  };
  const first = setTimeout(tick, timing.firstCheckMs);
  const interval = setInterval(tick, timing.tickMs);
  first.unref();
  interval.unref();

  return {
    resolve,
    healthSource: health,
    updateYtDlp,
    updateState: () => updater.state(),
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onUpdateChanged: (listener) => updater.onChanged(listener),
    dispose() {
      disposed = true;
      clearTimeout(first);
      clearInterval(interval);
      updater.dispose();
      listeners.clear();
    },
  };
}
