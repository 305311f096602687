/**
 * Child processes owned by the core (yt-dlp and the ffmpeg it starts).
 *
 * Killing only the direct child leaves grandchildren running: yt-dlp's ffmpeg
 * is reparented to PID 1 and keeps writing its `.part` file.
 * So every stop kills the whole tree (tree-kill), and `dispose()` stops every
 * process still running before the core goes away.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import treeKill from 'tree-kill';

export interface SupervisedProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the whole process tree; resolves when the direct child has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ProcessSupervisor {
  spawn(command: string, args: readonly string[], options?: SpawnOptions): SupervisedProcess;
  readonly running: number;
  dispose(): Promise<void>;
}

function killTree(pid: number, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => treeKill(pid, signal, () => resolve()));
}

export interface ProcessSupervisorOptions {
  /** How long a stop waits after SIGTERM before SIGKILL. */
  readonly killGraceMs?: number;
}

export function createProcessSupervisor(options: ProcessSupervisorOptions = {}): ProcessSupervisor {
  const graceMs = options.killGraceMs ?? 3000;
  const live = new Set<SupervisedProcess>();
  let disposed = false;

  const supervisor: ProcessSupervisor = {
    spawn(command, args, spawnOptions = {}) {
      if (disposed) throw new Error('The process supervisor has been disposed.');
      const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions, windowsHide: true });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        let settled = false;
        const done = (code: number | null, signal: NodeJS.Signals | null) => {
          if (settled) return;
          settled = true;
          live.delete(handle);
          resolve({ code, signal });
        };
        child.once('exit', done);
        // A command that cannot start emits 'error' and never 'exit'.
        child.once('error', () => done(null, null));
      });
      const handle: SupervisedProcess = {
        child,
        exited,
        async stop(signal = 'SIGTERM') {
          if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
            await exited;
            return;
          }
          await killTree(child.pid, signal);
          const escalate = setTimeout(() => {
            if (child.pid !== undefined) void killTree(child.pid, 'SIGKILL');
          }, graceMs);
          await exited;
          clearTimeout(escalate);
        },
      };
      live.add(handle);
      return handle;
    },
    get running() {
      return live.size;
    },
    async dispose() {
      disposed = true;
      await Promise.all([...live].map((process) => process.stop()));
    },
  };
  return supervisor;
}
