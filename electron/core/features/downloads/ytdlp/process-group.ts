/**
 * Stopping a yt-dlp run's whole process group. yt-dlp starts ffmpeg for
 * merges, fixups and `--downloader ffmpeg`; an ffmpeg whose yt-dlp exited is
 * reparented and escapes anyone walking the tree, but it stays in the group.
 * So the group is signalled (SIGINT so a live stream's part is finalised,
 * SIGTERM, SIGKILL after the grace period) until none of it is left. Where
 * there are no process groups (Windows) the tree is killed instead.
 *
 * A group of zombies counts as gone: they hold no files and run nothing,
 * and where PID 1 does not reap orphans they would stay "alive" for ever.
 */
import { readdirSync, readFileSync } from 'node:fs';
import treeKill from 'tree-kill';

export interface GroupProcess {
  readonly pid: number;
  /** R, S, D, Z, ... (Linux `/proc/<pid>/stat`). */
  readonly state: string;
  /** Its command line, NUL-separated arguments joined by spaces. */
  readonly cmdline: string;
}

const HAS_PROC = process.platform === 'linux';

/** `/proc/<pid>/stat`'s state and process group (the command name in parentheses may hold spaces and parentheses). */
function readStat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** The command line of `pid` (Linux), or undefined when it is gone or unreadable. */
export function readCmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return undefined;
  }
}

/** Every process whose group is `pgid` (Linux only: an empty list elsewhere). */
export function listGroupProcesses(pgid: number): GroupProcess[] {
  if (!HAS_PROC) return [];
  const found: GroupProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readStat(pid);
    if (stat?.pgrp === pgid) found.push({ pid, state: stat.state, cmdline: readCmdline(pid) ?? '' });
  }
  return found;
}

/** Whether any process of group `pgid` is still running (zombies do not count). */
export function groupAlive(pgid: number): boolean {
  if (HAS_PROC) return listGroupProcesses(pgid).some((member) => member.state !== 'Z' && member.state !== 'X');
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the group is gone or `ms` passed; whether it is gone. */
async function waitGone(pgid: number, ms: number, pollMs: number): Promise<boolean> {
  const until = performance.now() + ms;
  for (;;) {
    if (!groupAlive(pgid)) return true;
    if (performance.now() >= until) return false;
    await sleep(Math.min(pollMs, Math.max(1, until - performance.now())));
  }
}

export interface StopGroupOptions {
  /** How long SIGTERM may take before SIGKILL (and SIGINT before SIGTERM, at most half of it). */
  readonly graceMs: number;
  readonly pollMs?: number;
}

/**
 * Stops every process of group `pgid` and resolves when none is left.
 * Rejects only if even SIGKILL did not end it within a few seconds (a
 * process stuck in the kernel), so the caller can say so.
 */
export async function stopProcessGroup(pgid: number, options: StopGroupOptions): Promise<void> {
  const pollMs = options.pollMs ?? 20;
  if (process.platform === 'win32') {
    await new Promise<void>((resolve) => treeKill(pgid, 'SIGKILL', () => resolve()));
    return;
  }
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGINT');
  if (await waitGone(pgid, Math.min(1000, options.graceMs / 2), pollMs)) return;
  signalGroup(pgid, 'SIGTERM');
  if (await waitGone(pgid, options.graceMs, pollMs)) return;
  signalGroup(pgid, 'SIGKILL');
  if (await waitGone(pgid, 5000, pollMs)) return;
  throw new Error(`Process group ${pgid} is still running after SIGKILL`);
}
