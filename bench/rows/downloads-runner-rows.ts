/**
 * The yt-dlp runner's rows, with the real yt-dlp (MEDIANEST_YTDLP_CURRENT,
 * .cache/ytdlp-venv, yt-dlp on PATH) against the media simulator:
 *
 * - `downloads.events_per_s_per_job`: progress events delivered per second to
 *   one job while a throttled download runs (goal ≤ 5, whatever yt-dlp prints;
 *   the highest over every yt-dlp found, Debian's printing the most);
 * - `downloads.cancel_clean_ms`: p95 over 10 cancels mid-download (half of them
 *   with `--downloader ffmpeg`) of the time from cancel to no process of the
 *   job and no partial file (goal ≤ 2000).
 */
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync, spawn as nodeSpawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { BenchRow } from '../bench-row';
import { createMediaSimulator, type MediaSimulator } from '../../electron/core/features/downloads/simulator/media-simulator';
import { listGroupProcesses } from '../../electron/core/features/downloads/ytdlp/process-group';
import { removeJobPartFiles } from '../../electron/core/features/downloads/ytdlp/staging-cleanup';
import { ytDlpCapabilities } from '../../electron/core/features/downloads/ytdlp/ytdlp-capabilities';
import { createYtDlpRunner, type SpawnFunction } from '../../electron/core/features/downloads/ytdlp/ytdlp-runner';
import type { RunOptions, YtDlpBinary } from '../../electron/core/features/downloads/ytdlp/ytdlp-types';
import { percentile } from './plex-rows';

const CANCELS = 10;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function versionOf(path: string): YtDlpBinary {
  return ytDlpCapabilities(path, execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 }));
}

/** Every distinct yt-dlp found, the current one first (Debian's 2023.03.04, without --progress-delta, prints the most). */
function benchYtDlps(): YtDlpBinary[] {
  const candidates = [process.env.MEDIANEST_YTDLP_CURRENT, join(process.cwd(), '.cache/ytdlp-venv/bin/yt-dlp'), ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'yt-dlp'))];
  const paths = [...new Set(candidates.filter((candidate): candidate is string => !!candidate && executable(candidate)))];
  const binaries = paths.map(versionOf).filter((binary, index, all) => all.findIndex((other) => other.version === binary.version) === index);
  if (binaries.length === 0) throw new Error('no yt-dlp found (set MEDIANEST_YTDLP_CURRENT or install yt-dlp)');
  return binaries;
}

function startSite(): Promise<MediaSimulator> {
  return createMediaSimulator({ cacheDir: join(process.cwd(), '.cache', 'media-clips'), clips: [{ name: 'bench', seconds: 4 }] });
}

function jobFolders(): { root: string; options: Omit<RunOptions, 'url' | 'quality'> } {
  const root = mkdtempSync(join(tmpdir(), 'medianest-bench-ytdlp-'));
  return { root, options: { outputDir: join(root, 'library'), stagingDir: join(root, 'staging', 'job'), outputTemplate: '%(title)s.%(ext)s' } };
}

/** Whether any live process is in group `pgid` or names `stagingDir` on its command line. */
function jobRunning(pgid: number, stagingDir: string): boolean {
  if (listGroupProcesses(pgid).some((member) => member.state !== 'Z')) return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(stagingDir)) return true;
    } catch {
      // Gone while listing.
    }
  }
  return false;
}

function hasPartFile(stagingDir: string): boolean {
  try {
    return readdirSync(stagingDir, { recursive: true }).some((name) => String(name).includes('.part'));
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * One throttled download with `binary`. yt-dlp grows its read size to about a
 * second's worth, so it prints only a line or two a second on a slow link;
 * small fixed reads make it print a line per 2 KB instead, the flood the
 * runner's throttle is there for.
 */
async function eventsPerSecond(binary: YtDlpBinary, site: MediaSimulator): Promise<{ value: number; detail: string }> {
  const job = jobFolders();
  let printed = 0;
  const spawn: SpawnFunction = (command, args, options) => {
    const flood = [...args.slice(0, -2), '--buffer-size', '2K', '--no-resize-buffer', ...args.slice(-2)];
    const child = nodeSpawn(command, flood, options);
    child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString('latin1').split('MN-PROGRESS').length - 1));
    return child;
  };
  try {
    const stamps: number[] = [];
    const result = await createYtDlpRunner({ spawn }).run(binary, { ...job.options, url: site.videoUrl('bench'), quality: 'best' }, {
      progress: (progress) => {
        if (progress.phase === 'downloading') stamps.push(performance.now());
      },
    }).done;
    if (!result.ok || stamps.length < 2) throw new Error('the bench download failed');
    const seconds = (stamps.at(-1)! - stamps[0]!) / 1000;
    return { value: (stamps.length - 1) / seconds, detail: `yt-dlp ${binary.version}: ${stamps.length} events in ${seconds.toFixed(1)} s from ${printed} lines printed` };
  } finally {
    rmSync(job.root, { recursive: true, force: true });
  }
}

async function measureEventsPerSecond(): Promise<{ value: number; detail: string }> {
  const site = await startSite();
  try {
    site.control.setThrottle(100_000);
    const runs: { value: number; detail: string }[] = [];
    for (const binary of benchYtDlps()) runs.push(await eventsPerSecond(binary, site));
    return { value: Math.max(...runs.map((run) => run.value)), detail: runs.map((run) => run.detail).join('; ') };
  } finally {
    await site.close();
  }
}

async function measureCancelClean(): Promise<{ value: number; detail: string }> {
  const binary = benchYtDlps()[0]!;
  const site = await startSite();
  site.control.setThrottle(40_000);
  const runner = createYtDlpRunner();
  const times: number[] = [];
  try {
    for (let i = 0; i < CANCELS; i += 1) {
      const job = jobFolders();
      try {
        const handle = runner.run(binary, { ...job.options, url: site.videoUrl('bench'), quality: 'best', downloader: i % 2 === 1 ? 'ffmpeg' : undefined }, { progress: () => undefined });
        await until(() => hasPartFile(job.options.stagingDir), 15_000, 'a part file');
        const started = performance.now();
        await handle.stop('cancel');
        await removeJobPartFiles(job.options.stagingDir);
        await until(() => !jobRunning(handle.pgid!, job.options.stagingDir) && !existsSync(job.options.stagingDir), 10_000, 'a clean cancel');
        times.push(performance.now() - started);
      } finally {
        rmSync(job.root, { recursive: true, force: true });
      }
    }
  } finally {
    await site.close();
  }
  return { value: percentile(times, 95), detail: `p50 ${percentile(times, 50).toFixed(0)} ms over ${times.length} cancels, yt-dlp ${binary.version}` };
}

export const rows: BenchRow[] = [
  {
    name: 'downloads.events_per_s_per_job',
    unit: 'events/s',
    goal: '≤ 5',
    async run() {
      const { value, detail } = await measureEventsPerSecond();
      return { value, pass: value <= 5, detail };
    },
  },
  {
    name: 'downloads.cancel_clean_ms',
    unit: 'ms',
    goal: '≤ 2000',
    async run() {
      const { value, detail } = await measureCancelClean();
      return { value, pass: value <= 2000, detail };
    },
  },
];
