/**
 * `downloads.core_cpu_pct`: the core's own CPU while four throttled downloads
 * run with the real yt-dlp (a current one when installed, else the system's),
 * as process.cpuUsage over a window of wall time. The core runs in a child
 * process, so the media and Plex simulators (in this one) are not counted,
 * nor yt-dlp itself (its own processes).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { dispatchOrThrow, linkCoreToLab, startDownloadsLab } from '../../tests/support/downloads-lab';
import { programAvailability, SYSTEM_PROGRAMS } from '../../tests/support/system-programs';
import type { BenchRow } from '../bench-row';

export const DOWNLOADS_CPU_FLAG = '--probe-downloads-cpu';
const WINDOW_MS = 3_000;
const CLIPS = ['cpu-1', 'cpu-2', 'cpu-3', 'cpu-4'];

interface ProbeInput {
  readonly plexUrl: string;
  readonly plexToken: string;
  readonly ytdlpPath: string;
  readonly urls: readonly string[];
}

/** Runs inside the child: a core downloads the four, and measures itself once all four are under way. */
export async function probeDownloadsCpu(inputJson: string): Promise<void> {
  const input = JSON.parse(inputJson) as ProbeInput;
  const dataDir = mkdtempSync(join(tmpdir(), 'medianest-bench-downloads-'));
  const core = await createCore(
    { dataDir, profile: 'default', mode: 'serve', version: 'bench', startHealth: false, downloadsTiming: { minFreeBytes: 1024, waitIntervalMs: 100 } },
    { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
  );
  try {
    await linkCoreToLab(core, input, { ytdlpPath: input.ytdlpPath, maxConcurrent: 4 });
    const progressed = new Set<string>();
    const allRunning = new Promise<void>((resolve) => {
      core.bus.on('download:progress', (event) => {
        progressed.add(event.id);
        if (progressed.size === input.urls.length) resolve();
      });
    });
    for (const url of input.urls) await dispatchOrThrow(core, 'downloads:add', { url, quality: 'best' });
    await allRunning;
    const start = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const used = process.cpuUsage(start);
    const wallMs = performance.now() - started;
    const overview = await dispatchOrThrow<{ running: number }>(core, 'downloads:overview');
    process.stdout.write(JSON.stringify({ cpuPct: ((used.user + used.system) / 1000 / wallMs) * 100, running: overview.running }));
  } finally {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const rows: BenchRow[] = [
  {
    name: 'downloads.core_cpu_pct',
    unit: '%',
    goal: '≤ 5',
    async run() {
      const current = programAvailability(SYSTEM_PROGRAMS.ytDlpCurrent);
      const system = programAvailability(SYSTEM_PROGRAMS.ytDlp);
      const ytdlpPath = current.path ?? system.path;
      if (!ytdlpPath) return { value: Number.NaN, pass: false, detail: 'no yt-dlp installed' };
      // Slow enough that all four still run through the whole window.
      const lab = await startDownloadsLab({ clips: CLIPS.map((name) => ({ name, seconds: 8 })), bytesPerSecond: 60_000 });
      try {
        const input: ProbeInput = { plexUrl: lab.plex.url, plexToken: lab.plex.control.token, ytdlpPath, urls: CLIPS.map((name) => lab.media.videoUrl(name)) };
        const result = await new Promise<{ cpuPct: number; running: number }>((resolve, reject) => {
          execFile(process.execPath, [...process.execArgv, process.argv[1]!, DOWNLOADS_CPU_FLAG, JSON.stringify(input)], { timeout: 90_000 }, (error, stdout) => {
            if (error) reject(error);
            else resolve(JSON.parse(stdout) as { cpuPct: number; running: number });
          });
        });
        return { value: result.cpuPct, pass: result.cpuPct <= 5, detail: `${result.running} running at the end of a ${WINDOW_MS / 1000} s window; yt-dlp ${ytdlpPath}` };
      } finally {
        await lab.close();
      }
    },
  },
];
