/**
 * Cancel in the middle of a real download: afterwards no process of the job
 * is left (listed from /proc, by group and by the staging folder on their
 * command line) and, once the cancel's cleanup ran, no partial file. With
 * `--downloader ffmpeg` too, where a plain SIGTERM to yt-dlp leaves ffmpeg
 * downloading on its own. A leftover group of a crashed core is ended only
 * while it is still yt-dlp's.
 */
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaSimulator } from '../../electron/core/features/downloads/simulator/media-simulator';
import { groupAlive } from '../../electron/core/features/downloads/ytdlp/process-group';
import { removeJobPartFiles } from '../../electron/core/features/downloads/ytdlp/staging-cleanup';
import { buildRunArgs } from '../../electron/core/features/downloads/ytdlp/ytdlp-args';
import { createYtDlpRunner } from '../../electron/core/features/downloads/ytdlp/ytdlp-runner';
import type { RunOptions, YtDlpBinary } from '../../electron/core/features/downloads/ytdlp/ytdlp-types';
import { gateSystemSuite, programAvailability, SYSTEM_PROGRAMS, type SystemProgram } from '../support/system-deps';
import { filesUnder, jobProcesses, makeJobFolders, startTestMediaSite, waitFor, ytDlpBinaryAt, type JobFolders } from '../support/ytdlp-runner-fixtures';

const ffmpegGate = gateSystemSuite('yt-dlp cancel', SYSTEM_PROGRAMS.ffmpeg);
const linux = process.platform === 'linux';

function suite(label: string, program: SystemProgram, full: boolean): void {
  const availability = programAvailability(program);
  const { skip } = ffmpegGate.skip ? ffmpegGate : gateSystemSuite(`yt-dlp cancel (${label})`, program, availability);
  describe.skipIf(skip || !linux)(`cancel with ${label}`, () => {
    let binary: YtDlpBinary;
    let site: MediaSimulator;
    let job: JobFolders;
    const strays: number[] = [];
    const runner = createYtDlpRunner({ killGraceMs: 300 });
    const fullIt = full ? it : it.skip;

    beforeAll(async () => {
      binary = ytDlpBinaryAt(availability.path!);
      site = await startTestMediaSite();
      // Slow enough that every cancel lands mid-download.
      site.control.setThrottle(40_000);
    });
    afterAll(() => site?.close());
    afterEach(() => {
      for (const pgid of strays.splice(0)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // Already gone, as it should be.
        }
      }
      job?.remove();
    });

    const options = (overrides: Partial<RunOptions> = {}): RunOptions => {
      job = makeJobFolders();
      return { url: site.videoUrl('alpha'), quality: 'best', outputDir: job.outputDir, stagingDir: job.stagingDir, outputTemplate: '%(title)s.%(ext)s', ...overrides };
    };

    for (const downloader of full ? [undefined, 'ffmpeg' as const] : ['ffmpeg' as const]) {
      it(`leaves no process and no partial file (${downloader ? '--downloader ffmpeg' : "yt-dlp's own downloader"})`, async () => {
        let progressed = 0;
        const handle = runner.run(binary, options({ downloader }), { progress: () => (progressed += 1) });
        strays.push(handle.pgid!);
        await waitFor(() => filesUnder(job.stagingDir).some((file) => file.endsWith('.part')), 8000, 'a part file');
        if (downloader) await waitFor(() => jobProcesses(handle.pgid!, job.stagingDir).some((p) => /^\S*ffmpeg /.test(p.cmdline) && p.cmdline.includes('.part')), 8000, 'ffmpeg');
        else await waitFor(() => progressed > 0, 8000, 'progress');

        await handle.stop('cancel');
        expect(await handle.done).toEqual({ ok: false, stopped: true });
        expect(jobProcesses(handle.pgid!, job.stagingDir)).toEqual([]);
        expect(filesUnder(job.stagingDir).some((file) => file.endsWith('.part'))).toBe(true);

        await removeJobPartFiles(job.stagingDir);
        expect(filesUnder(job.stagingDir)).toEqual([]);
        expect(filesUnder(job.outputDir)).toEqual([]);
      });
    }

    fullIt('a plain SIGTERM to yt-dlp leaves ffmpeg running; ending the leftover group leaves nothing', async () => {
      const args = buildRunArgs(binary, options({ downloader: 'ffmpeg' }));
      const child = spawn(binary.path, args, { detached: true, stdio: 'ignore' });
      const pgid = child.pid!;
      strays.push(pgid);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await waitFor(() => jobProcesses(pgid, job.stagingDir).some((p) => /^\S*ffmpeg /.test(p.cmdline) && p.cmdline.includes('.part')), 8000, 'ffmpeg');

      process.kill(pgid, 'SIGTERM');
      await exited;
      const left = jobProcesses(pgid, job.stagingDir);
      expect(left.map((p) => p.cmdline)).toEqual([expect.stringMatching(/ffmpeg .*\.part/s)]);
      expect(left[0]!.pid).not.toBe(pgid);

      // As a restarted core does with the group id stored with the job.
      await runner.killLeftoverGroup(pgid);
      expect(jobProcesses(pgid, job.stagingDir)).toEqual([]);
      expect(groupAlive(pgid)).toBe(false);
    });

    fullIt('leaves a group alone that is no longer yt-dlp’s (a reused id)', async () => {
      job = makeJobFolders();
      const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
      strays.push(other.pid!);
      await runner.killLeftoverGroup(other.pid!);
      expect(groupAlive(other.pid!)).toBe(true);
      await runner.killLeftoverGroup(2 ** 22 + 12345);
    });

    fullIt('stops at once when asked twice, and after the run ended', async () => {
      const handle = runner.run(binary, options(), { progress: () => undefined });
      strays.push(handle.pgid!);
      await waitFor(() => filesUnder(job.stagingDir).length > 0, 8000, 'a part file');
      await Promise.all([handle.stop('quit'), handle.stop('cancel')]);
      await handle.stop('cancel');
      expect(jobProcesses(handle.pgid!, job.stagingDir)).toEqual([]);
    });
  });
}

suite('a current yt-dlp', SYSTEM_PROGRAMS.ytDlpCurrent, true);
suite('Debian’s yt-dlp', SYSTEM_PROGRAMS.ytDlp, false);
