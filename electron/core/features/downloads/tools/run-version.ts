/**
 * Runs a tool's version query (`yt-dlp --version`, `ffmpeg -version`) without
 * a shell, bounded in time and output, and says in words why it failed.
 */
import { execFile, type ExecFileException } from 'node:child_process';

export interface VersionOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Resolves with the output of a run that exited 0; rejects with an Error whose message says what went wrong, in words. */
export type RunVersion = (path: string, args: readonly string[]) => Promise<VersionOutput>;

export interface RunVersionOptions {
  /** A frozen or very slow program is given up on after this long (a first run of yt-dlp.exe unpacks itself). */
  readonly timeoutMs?: number;
}

const MAX_OUTPUT = 256 * 1024;

export function createRunVersion(options: RunVersionOptions = {}): RunVersion {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return (path, args) =>
    new Promise((resolve, reject) => {
      execFile(path, [...args], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        reject(new Error(describeRunError(error, stderr, timeoutMs)));
      });
    });
}

function describeRunError(error: ExecFileException, stderr: string, timeoutMs: number): string {
  if (error.code === 'ENOENT') return 'it is not there (or an interpreter it needs, such as python3, is missing)';
  if (error.code === 'EACCES') return 'it may not be run (it is not executable)';
  if (error.code === 'ENOEXEC') return 'it is not a program this computer can run';
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return 'it printed far more than a version';
  if (error.killed || error.signal === 'SIGKILL') return `it did not answer within ${Math.round(timeoutMs / 1000)} s`;
  const lastLine = stderr.trim().split(/\r?\n/).pop()?.trim().slice(0, 200);
  const exit = typeof error.code === 'number' ? `it exited with code ${error.code}` : 'it failed';
  return lastLine ? `${exit}: ${lastLine}` : exit;
}
