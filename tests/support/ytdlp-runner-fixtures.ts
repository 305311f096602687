/**
 * What the yt-dlp runner's integration tests share: the yt-dlp under test
 * (a current one, or Debian's 2023.03.04 for the smoke subset), a job's
 * folders, and the processes of a job as `ps` would show them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ytDlpCapabilities } from '../../electron/core/features/downloads/ytdlp/ytdlp-capabilities';
import type { YtDlpBinary } from '../../electron/core/features/downloads/ytdlp/ytdlp-types';
import { createMediaSimulator, type MediaSimulator } from '../../electron/core/features/downloads/simulator/media-simulator';

export const CLIP_CACHE = join(process.cwd(), '.cache', 'media-clips');

/** The binary at `path` with the capabilities its `--version` gives. */
export function ytDlpBinaryAt(path: string): YtDlpBinary {
  const version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  return ytDlpCapabilities(path, version);
}

/** A clip per test scenario, and a three-item playlist (in an order that is not the alphabet's). */
export function startTestMediaSite(): Promise<MediaSimulator> {
  return createMediaSimulator({
    cacheDir: CLIP_CACHE,
    clips: [
      { name: 'alpha', seconds: 3, title: 'Alpha clip' },
      { name: 'bravo', seconds: 2, title: 'Bravo clip' },
      { name: 'charlie', seconds: 2, title: 'Charlie clip' },
      // A title that tries to climb out of the folder, with characters Windows refuses.
      { name: 'delta', seconds: 2, title: '../../../escaped: what?' },
    ],
    playlists: [
      { name: 'channel', title: 'Test Channel', clips: ['charlie', 'alpha', 'bravo'] },
      { name: 'climb', title: '../Climbing', clips: ['delta'] },
    ],
  });
}

export interface JobFolders {
  readonly root: string;
  readonly outputDir: string;
  readonly stagingDir: string;
  remove(): void;
}

export function makeJobFolders(): JobFolders {
  const root = mkdtempSync(join(tmpdir(), 'medianest-ytdlp-'));
  return { root, outputDir: join(root, 'library', 'Test Channel'), stagingDir: join(root, 'staging', 'job-1'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Files under `dir`, relative, recursively (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

export interface ListedProcess {
  readonly pid: number;
  readonly pgid: number;
  readonly cmdline: string;
}

/**
 * Every live process of a job, found as `ps` would (Linux /proc): those in
 * its process group, and any other whose command line names its staging
 * folder (an ffmpeg that escaped the group would still be seen).
 */
export function jobProcesses(pgid: number, stagingDir: string): ListedProcess[] {
  const found: ListedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      const group = Number(fields[2]);
      if (group === pgid || cmdline.includes(stagingDir)) found.push({ pid: Number(entry), pgid: group, cmdline });
    } catch {
      // Gone while listing.
    }
  }
  return found;
}

/** Polls `check` every 20 ms until it holds (or fails after `ms`). */
export async function waitFor<T>(check: () => T | undefined | false, ms = 8000, what = 'the condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
