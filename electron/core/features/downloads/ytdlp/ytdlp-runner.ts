/**
 * The real `YtDlpRunner`: spawns yt-dlp without a shell in a process group
 * of its own, reads its machine-readable lines into throttled progress
 * events and the final paths, classifies failures, and stops the whole
 * group (see process-group.ts) on cancel, pause and quit.
 */
import { execFileSync, spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { DownloadProgress } from '../../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../../shared/contract/errors';
import type { Logger } from '../../../logging/logger';
import { createProgressThrottle } from './progress-throttle';
import { groupAlive, readCmdline, stopProcessGroup } from './process-group';
import { buildEnumerateArgs, buildRunArgs } from './ytdlp-args';
import { toEnumerated, YtDlpFailedError } from './ytdlp-enumerate';
import { classifyFailure } from './ytdlp-failure';
import { createLineSplitter, parseOutputLine, type ParsedLine } from './ytdlp-lines';
import type { Enumerated, RunHandle, RunListener, RunOptions, RunResult, YtDlpBinary, YtDlpRunner } from './ytdlp-types';

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface YtDlpRunnerOptions {
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** SIGTERM to SIGKILL (default 3000 ms; short in tests). */
  readonly killGraceMs?: number;
  /** `-J` may take this long (default 60 s). */
  readonly enumerateTimeoutMs?: number;
  /** `-J`'s output is cut off past this size (default 32 MiB). */
  readonly enumerateMaxBytes?: number;
  /** Tests spy on it to prove that rejected inputs spawn nothing. */
  readonly spawn?: SpawnFunction;
}

const STDERR_KEPT = 50;
const DETACHED = process.platform !== 'win32';

function childEnv(): NodeJS.ProcessEnv {
  // Titles in any script survive the pipe whatever the locale.
  return { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1', PYTHONUNBUFFERED: '1' };
}

function spawnFailure(binary: YtDlpBinary, error: Error): RunResult {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    ok: false,
    stopped: false,
    failure: {
      kind: 'other',
      message: missing ? `yt-dlp was not found at ${binary.path}.` : `yt-dlp could not be started: ${error.message}`,
      advice: 'Check the yt-dlp card on the Health page, or set its path in Settings → Downloads.',
      transient: false,
      detail: null,
    },
  };
}

/** Keeps the last `limit` lines. */
function tail(limit: number): { push(line: string): void; lines(): string[] } {
  const kept: string[] = [];
  return {
    push(line) {
      kept.push(line);
      if (kept.length > limit) kept.shift();
    },
    lines: () => [...kept],
  };
}

export function createYtDlpRunner(options: YtDlpRunnerOptions = {}): YtDlpRunner {
  const spawn: SpawnFunction = options.spawn ?? ((command, args, spawnOptions) => nodeSpawn(command, [...args], spawnOptions));
  const graceMs = options.killGraceMs ?? 3000;
  const logger = options.logger;

  /** Stops `child`'s group (its tree on Windows) and resolves once nothing of it runs. */
  async function stopChild(child: ChildProcess): Promise<void> {
    if (child.pid !== undefined) await stopProcessGroup(child.pid, { graceMs });
  }

  function run(binary: YtDlpBinary, runOptions: RunOptions, listener: RunListener): RunHandle {
    // Throws INVALID_PAYLOAD for unsafe inputs, before anything is spawned.
    const args = buildRunArgs(binary, runOptions);
    const throttle = createProgressThrottle(runOptions.progressIntervalMs ?? 250, (progress) => listener.progress(progress));
    const stderr = tail(STDERR_KEPT);
    const files: string[] = [];
    // The last value from yt-dlp, and the last one handed to the throttle (which may be derived from it).
    let last: DownloadProgress | undefined;
    let pushed: DownloadProgress | undefined;
    const push = (progress: DownloadProgress) => throttle.push((pushed = progress));
    let stopping: Promise<void> | undefined;

    const child = spawn(binary.path, args, { detached: DETACHED, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(), windowsHide: true });
    const pgid = child.pid;
    logger?.debug({ pgid, ytdlp: binary.version, outputDir: runOptions.outputDir }, 'yt-dlp started');

    const handle = (parsed: ParsedLine, stream: 'stdout' | 'stderr') => {
      switch (parsed.kind) {
        case 'progress':
          last = parsed.progress;
          return push(parsed.progress);
        case 'postprocess':
          if (parsed.status !== 'finished' && last) push({ ...last, phase: 'processing', speed: null, eta: null });
          return;
        case 'info':
          return listener.info?.(parsed.info);
        case 'file':
          return void files.push(parsed.path);
        case 'text':
          if (stream === 'stderr') stderr.push(parsed.text);
          return;
      }
    };
    for (const [stream, readable] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
      const splitter = createLineSplitter((line) => parseOutputLine(line).forEach((parsed) => handle(parsed, stream)));
      readable?.setEncoding('utf8');
      readable?.on('data', (chunk: string) => splitter.push(chunk));
      readable?.on('end', () => splitter.end());
    }

    const done = new Promise<RunResult>((resolve) => {
      let spawnError: Error | undefined;
      child.once('error', (error) => {
        spawnError = error;
        // No 'close' follows a failed spawn.
        if (child.pid === undefined) resolve(spawnFailure(binary, error));
      });
      child.once('close', (code, signal) => {
        void (async () => {
          // yt-dlp is gone; an ffmpeg it started may not be (a failure mid-merge).
          if (pgid !== undefined && DETACHED && groupAlive(pgid)) await stopProcessGroup(pgid, { graceMs }).catch(() => undefined);
          if (stopping) {
            throttle.dispose();
            return resolve({ ok: false, stopped: true });
          }
          // The last word of a run that worked is "finished", not the move that followed it.
          if (code === 0 && last && pushed?.phase !== 'finished') push({ ...last, phase: 'finished', percent: 100, eta: null });
          throttle.flush();
          if (spawnError && code === null) return resolve(spawnFailure(binary, spawnError));
          if (code === 0) return resolve({ ok: true, files });
          logger?.info({ pgid, code, signal }, 'yt-dlp failed');
          resolve({ ok: false, stopped: false, failure: classifyFailure(code, stderr.lines()) });
        })();
      });
    });

    return {
      pgid,
      done,
      stop(reason) {
        stopping ??= (async () => {
          logger?.debug({ pgid, reason }, 'stopping yt-dlp');
          await stopChild(child);
          await done;
        })();
        return stopping;
      },
    };
  }

  async function enumerate(binary: YtDlpBinary, url: string, enumerateOptions: { signal?: AbortSignal; cookiesFile?: string }): Promise<Enumerated> {
    const args = buildEnumerateArgs(url, { cookiesFile: enumerateOptions.cookiesFile });
    const signal = enumerateOptions.signal;
    if (signal?.aborted) throw new AppError('CANCELLED', 'Stopped before yt-dlp looked at the address.');
    const maxBytes = options.enumerateMaxBytes ?? 32 * 1024 * 1024;
    const child = spawn(binary.path, args, { detached: DETACHED, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(), windowsHide: true });
    const stdout: Buffer[] = [];
    let size = 0;
    const stderr = tail(STDERR_KEPT);
    let ended: AppError | undefined;
    const end = (error: AppError) => {
      if (ended) return;
      ended = error;
      void stopChild(child).catch(() => undefined);
    };
    const timer = setTimeout(
      () => end(new AppError('UPSTREAM_TIMEOUT', 'yt-dlp took too long to say what the address holds; try again later.', { service: 'yt-dlp' })),
      options.enumerateTimeoutMs ?? 60_000,
    );
    const onAbort = () => end(new AppError('CANCELLED', 'Stopped while yt-dlp looked at the address.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return end(new AppError('INVALID_RESPONSE', 'yt-dlp’s description of the address was too large to read.'));
      stdout.push(chunk);
    });
    const splitter = createLineSplitter((line) => stderr.push(line));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => splitter.push(chunk));
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        child.once('error', (error) => {
          if (child.pid === undefined) reject(error);
        });
        child.once('close', (exitCode) => resolve(exitCode));
      });
      splitter.end();
      if (ended) throw ended;
      if (code !== 0) throw new YtDlpFailedError(classifyFailure(code, stderr.lines()));
      const { enumerated, dropped } = toEnumerated(Buffer.concat(stdout).toString('utf8'), url);
      if (dropped > 0) logger?.warn({ dropped, kept: enumerated.items.length }, 'playlist items without a downloadable address were left out');
      return enumerated;
    } catch (error) {
      if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        const failed = spawnFailure(binary, error);
        if (!failed.ok && !failed.stopped) throw new YtDlpFailedError(failed.failure);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function killLeftoverGroup(pgid: number): Promise<void> {
    if (!Number.isInteger(pgid) || pgid <= 1) return;
    if (!groupAlive(pgid)) return;
    // Pids are reused: a group whose leader is now another program is left alone.
    if (process.platform !== 'win32' && !isYtDlpGroup(pgid)) {
      logger?.info({ pgid }, 'a leftover process group is now another program; left alone');
      return;
    }
    logger?.info({ pgid }, 'ending a yt-dlp process group left by an earlier run');
    await stopProcessGroup(pgid, { graceMs });
  }

  return { enumerate, run, killLeftoverGroup };
}

const YTDLP_COMMAND = /yt-?dlp|yt_dlp|youtube-dl/i;

/**
 * Whether group `pgid` is still a yt-dlp run. A pid in use as a group id is
 * never handed out again, so while the group outlives its leader (an ffmpeg
 * left behind) it is surely the job's; only a live leader can be a reused
 * pid, and then its command line tells.
 */
function isYtDlpGroup(pgid: number): boolean {
  const leader = leaderCommand(pgid);
  return leader === undefined || leader === '' || YTDLP_COMMAND.test(leader);
}

/** The command line of `pid`: /proc on Linux, `ps` elsewhere; undefined when it is gone, '' for a zombie. */
function leaderCommand(pid: number): string | undefined {
  if (process.platform === 'linux') return readCmdline(pid);
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}
