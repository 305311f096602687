/**
 * Which yt-dlp to use: the path in Settings, else MediaNest's own copy, else
 * the system's (PATH), with its version and what it can do.
 *
 * A path set in Settings that is missing or is not yt-dlp is an error, and no
 * other yt-dlp is used in its place: whoever set it wants that one (a build
 * with plugins, a pinned release), and quietly running another would make
 * downloads behave differently from what they chose without telling them.
 * MediaNest's own copy is different: it is ours, so when it does not run the
 * system's is used, with a warning.
 */
import { isAbsolute } from 'node:path';
import type { ToolStatus } from '../../../../../shared/contract/areas/downloads';
import type { YtDlpBinary } from '../ytdlp/ytdlp-types';
import { findOnPath, isRunnableFile, type PathEnv } from './find-on-path';
import type { RunVersion } from './run-version';
import { firstLine, toolStatus } from './tool-status';
import { isAtLeast, YOUTUBE_NEEDS, ytDlpBinary, ytDlpVersionFromOutput } from './ytdlp-version';

export interface YtDlpDiscoveryInput {
  /** `downloads.ytdlpPath`; empty when not set. */
  readonly configuredPath: string;
  /** Where MediaNest's own copy is (it may not exist yet). */
  readonly managedPath: string;
  readonly env: PathEnv;
  readonly platform: NodeJS.Platform;
  readonly runVersion: RunVersion;
}

export interface YtDlpDiscovery {
  readonly binary: YtDlpBinary | undefined;
  readonly status: ToolStatus;
}

const SETTINGS_FIX = 'correct the path in Settings → Downloads, or clear it to use MediaNest’s own copy or the system’s';
const INSTALL =
  'yt-dlp is not installed: let MediaNest fetch its own copy in Settings → Downloads, install it (Debian: apt install yt-dlp; or pip install yt-dlp), or set its path there.';

type Probe = { ok: true; version: string } | { ok: false; reason: string; notYtDlp: boolean };

async function probe(path: string, runVersion: RunVersion): Promise<Probe> {
  try {
    const { stdout } = await runVersion(path, ['--version']);
    const version = ytDlpVersionFromOutput(stdout);
    if (version) return { ok: true, version };
    const said = firstLine(stdout);
    return { ok: false, notYtDlp: true, reason: said ? `it answered “${said}” to --version` : 'it printed no version' };
  } catch (error) {
    return { ok: false, notYtDlp: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function found(path: string, version: string, origin: NonNullable<ToolStatus['origin']>, notes: readonly string[] = []): YtDlpDiscovery {
  const problems = [...notes];
  if (!isAtLeast(version, YOUTUBE_NEEDS)) {
    problems.push(`YouTube needs a newer yt-dlp: update it in Settings → Downloads (this one is ${version}; YouTube needs ${YOUTUBE_NEEDS} or later).`);
  }
  return {
    binary: ytDlpBinary(path, version),
    status: toolStatus({ name: 'yt-dlp', label: 'yt-dlp', path, version, origin, problem: problems.join(' ') || null, severity: problems.length > 0 ? 'warning' : 'ok' }),
  };
}

/** No usable yt-dlp (`found` is false even when a file is there: it is not one that can be used). */
function failed(problem: string, path: string | null, origin: ToolStatus['origin']): YtDlpDiscovery {
  return { binary: undefined, status: toolStatus({ name: 'yt-dlp', label: 'yt-dlp', path, origin, found: false, problem, severity: 'error' }) };
}

async function fromSettings(input: YtDlpDiscoveryInput): Promise<YtDlpDiscovery> {
  const configured = input.configuredPath.trim();
  // A bare name ("yt-dlp") is looked up on PATH, as a shell would; anything else must be a whole path.
  const bare = !configured.includes('/') && !configured.includes('\\');
  const path = bare ? findOnPath(configured, input.env, input.platform) : configured;
  if (path === undefined) return failed(`The yt-dlp set in Settings → Downloads (“${configured}”) is not on PATH: ${SETTINGS_FIX}.`, null, 'configured');
  if (!bare && !isAbsolute(path)) return failed(`The yt-dlp set in Settings → Downloads (${path}) is not a whole path: enter one starting at the drive or /, or clear it.`, path, 'configured');
  if (!isRunnableFile(path, input.platform)) {
    return failed(`The yt-dlp set in Settings → Downloads (${path}) does not exist or is not a program: ${SETTINGS_FIX}.`, path, 'configured');
  }
  const result = await probe(path, input.runVersion);
  if (result.ok) return found(path, result.version, 'configured');
  const what = result.notYtDlp ? 'is not yt-dlp' : 'does not run';
  return failed(`The program set in Settings → Downloads (${path}) ${what} (${result.reason}): ${SETTINGS_FIX}.`, path, 'configured');
}

/** Looks for yt-dlp in the order above; never throws. */
export async function discoverYtDlp(input: YtDlpDiscoveryInput): Promise<YtDlpDiscovery> {
  if (input.configuredPath.trim() !== '') return fromSettings(input);
  const notes: string[] = [];
  if (isRunnableFile(input.managedPath, input.platform)) {
    const managed = await probe(input.managedPath, input.runVersion);
    if (managed.ok) return found(input.managedPath, managed.version, 'managed');
    notes.push(`MediaNest’s own copy of yt-dlp does not run (${managed.reason}), so the system’s is used: update it in Settings → Downloads to fetch it again.`);
  }
  const system = findOnPath('yt-dlp', input.env, input.platform);
  if (system === undefined) return failed(notes.length > 0 ? `${notes[0]} ${INSTALL}` : INSTALL, null, null);
  const result = await probe(system, input.runVersion);
  if (result.ok) return found(system, result.version, 'system', notes);
  const what = result.notYtDlp ? 'is not yt-dlp' : 'does not run';
  return failed(`The yt-dlp on this computer (${system}) ${what} (${result.reason}): reinstall it, or let MediaNest fetch its own copy in Settings → Downloads.`, system, 'system');
}
