/**
 * A core killed (SIGKILL) while four downloads run, then started again on the
 * same data: the yt-dlp process groups it left are ended first, all four
 * downloads complete, none twice (one file each, whole; each clip fetched
 * one completion each, one item per collection in Plex).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, startDownloadsLab, type DownloadsLab } from '../support/downloads-lab';
import { gateSystemSuite, programAvailability, SYSTEM_PROGRAMS } from '../support/system-deps';
import { jobProcesses } from '../support/ytdlp-runner-fixtures';

const ytdlp = programAvailability(SYSTEM_PROGRAMS.ytDlpCurrent);
const { skip } = gateSystemSuite('downloads across a SIGKILL', SYSTEM_PROGRAMS.ytDlpCurrent, ytdlp);
const CLIPS = ['one', 'two', 'three', 'four'];

interface Child {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  waitFor(predicate: (lines: Record<string, unknown>[]) => boolean, timeoutMs?: number): Promise<void>;
  readonly exited: Promise<NodeJS.Signals | number | null>;
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'support', 'downloads-crash-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push(JSON.parse(text) as Record<string, unknown>);
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return {
    process: child,
    lines,
    exited,
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(lines)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`the child did not get there within ${timeoutMs} ms: ${JSON.stringify(lines.slice(-6))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Whether any process of the group is alive, listed as ps would; by group only, since the resumed runs share the staging folders. */
const alive = (pgid: number): boolean => jobProcesses(pgid, '\0').some((listed) => listed.pgid === pgid);

const of = (lines: Record<string, unknown>[], type: string) => lines.filter((line) => line.type === type);

describe.skipIf(skip || process.platform === 'win32')('downloads across a SIGKILL', () => {
  let lab: DownloadsLab;
  let dataDir: string;
  const children: Child[] = [];
  beforeAll(async () => {
    lab = await startDownloadsLab({ clips: CLIPS.map((name) => ({ name, seconds: 3, title: `Clip ${name}` })), bytesPerSecond: 40_000 });
    dataDir = mkdtempSync(join(tmpdir(), 'medianest-downloads-crash-'));
  }, 30_000);
  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await lab?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the leftover groups, then completes all four, none twice', async () => {
    const args = [dataDir, lab.plex.url, lab.plex.control.token, ytdlp.path!];
    const first = startChild([...args, ...CLIPS.map((name) => lab.media.videoUrl(name))]);
    children.push(first);
    await first.waitFor((lines) => of(lines, 'progress').length === 4, 40_000);
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    // What the dead core left: four jobs running, each with its process group, still running.
    const db = new Database(join(dataDir, 'medianest.db'), { readonly: true });
    const left = db.prepare("SELECT id, state, pgid FROM download_jobs ORDER BY seq").all() as { id: string; state: string; pgid: number | null }[];
    db.close();
    expect(left.map((job) => job.state)).toEqual(['running', 'running', 'running', 'running']);
    const groups = left.map((job) => job.pgid!);
    expect(groups.every((pgid) => Number.isInteger(pgid) && pgid > 1)).toBe(true);
    expect(groups.filter(alive)).toEqual(groups);
    expect(filesUnder(join(lab.root, 'library', '.medianest-staging')).filter((file) => file.endsWith('.part'))).toHaveLength(4);

    lab.media.control.setThrottle(2_000_000);
    const second = startChild(args);
    children.push(second);
    await second.waitFor((lines) => of(lines, 'ready').length === 1);
    // The new core ended every leftover group while it started, before it resumed anything.
    expect(groups.filter(alive)).toEqual([]);
    await second.waitFor((lines) => of(lines, 'completed').length === 4 || of(lines, 'failed').length > 0, 40_000);
    expect(of(second.lines, 'failed')).toEqual([]);
    const completed = of(second.lines, 'completed').map((line) => line.id).sort();
    expect(completed).toEqual(left.map((job) => job.id).sort());

    // One whole file per clip and nothing else in the library.
    const files = filesUnder(lab.library);
    expect(files).toEqual(CLIPS.map((name) => `Unknown channel/${name} [${name}].mp4`).sort());
    for (const name of CLIPS) expect(statSync(join(lab.library, 'Unknown channel', `${name} [${name}].mp4`)).size).toBe(lab.media.control.clipBytes(name));
    // Completed once each: no completion before the crash, one after; one item per collection in Plex.
    expect(of(first.lines, 'completed')).toEqual([]);
    const collections = [...lab.plex.control.pms.collections.values()];
    expect(collections.map((collection) => collection.items.length)).toEqual([1, 1, 1, 1]);
    expect(new Set(collections.flatMap((collection) => collection.items)).size).toBe(4);
    second.process.kill('SIGTERM');
    await second.exited;
  }, 90_000);
});
