/**
 * The yt-dlp runner with the real yt-dlp against the media simulator: in
 * full with a current yt-dlp, and a smoke subset with Debian's 2023.03.04
 * (no --progress-delta, postprocess lines without newlines).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DownloadProgress } from '../../shared/contract/areas/downloads';
import { AppError } from '../../shared/contract/errors';
import type { MediaSimulator } from '../../electron/core/features/downloads/simulator/media-simulator';
import { isYtDlpFailedError } from '../../electron/core/features/downloads/ytdlp/ytdlp-enumerate';
import { createYtDlpRunner, type SpawnFunction } from '../../electron/core/features/downloads/ytdlp/ytdlp-runner';
import type { RunOptions, VideoInfo, YtDlpBinary } from '../../electron/core/features/downloads/ytdlp/ytdlp-types';
import { gateSystemSuite, programAvailability, SYSTEM_PROGRAMS, type SystemProgram } from '../support/system-deps';
import { filesUnder, makeJobFolders, startTestMediaSite, ytDlpBinaryAt, type JobFolders } from '../support/ytdlp-runner-fixtures';

const TEMPLATE = '%(title)s [%(id)s].%(ext)s';
const ffmpegGate = gateSystemSuite('yt-dlp runner', SYSTEM_PROGRAMS.ffmpeg);

function suite(label: string, program: SystemProgram, full: boolean): void {
  const availability = programAvailability(program);
  const { skip } = ffmpegGate.skip ? ffmpegGate : gateSystemSuite(`yt-dlp runner (${label})`, program, availability);
  describe.skipIf(skip)(`yt-dlp runner with ${label}`, () => {
    let binary: YtDlpBinary;
    let site: MediaSimulator;
    let job: JobFolders;
    const runner = createYtDlpRunner({ killGraceMs: 500 });
    const fullIt = full ? it : it.skip;

    beforeAll(async () => {
      binary = ytDlpBinaryAt(availability.path!);
      site = await startTestMediaSite();
    });
    afterAll(() => site?.close());
    afterEach(() => {
      site.control.setThrottle(null);
      job?.remove();
    });

    const options = (overrides: Partial<RunOptions> = {}): RunOptions => {
      job = makeJobFolders();
      return { url: site.videoUrl('alpha'), quality: 'best', outputDir: job.outputDir, stagingDir: job.stagingDir, outputTemplate: TEMPLATE, ...overrides };
    };

    it('reports throttled progress and lands the file under the library folder with the template’s name, nothing left in staging', async () => {
      site.control.setThrottle(250_000);
      const events: { at: number; progress: DownloadProgress }[] = [];
      const infos: VideoInfo[] = [];
      const handle = runner.run(binary, options(), { progress: (progress) => events.push({ at: performance.now(), progress }), info: (info) => infos.push(info) });
      expect(handle.pgid).toBeGreaterThan(1);
      const result = await handle.done;
      const expected = join(job.outputDir, 'alpha [alpha].mp4');
      expect(result).toEqual({ ok: true, files: [expected] });
      expect(statSync(expected).size).toBe(site.control.clipBytes('alpha'));
      expect(filesUnder(job.stagingDir)).toEqual([]);
      expect(infos[0]).toMatchObject({ id: 'alpha', title: 'alpha', ext: 'mp4', uploadDate: '20261101' });
      // Several events while it ran, in order, the last one finished.
      const downloading = events.filter((event) => event.progress.phase === 'downloading');
      expect(downloading.length).toBeGreaterThanOrEqual(2);
      const percents = downloading.map((event) => event.progress.percent ?? 0);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(events.at(-1)!.progress).toMatchObject({ phase: 'finished', percent: 100, totalBytes: site.control.clipBytes('alpha') });
      // Throttled: never two downloading events closer than the interval (yt-dlp prints several a second more than that).
      const gaps = downloading.slice(1).map((event, index) => event.at - downloading[index]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(240);
    });

    it('refuses unsafe inputs with a clear error and spawns nothing', async () => {
      const spawn = vi.fn<SpawnFunction>();
      const guarded = createYtDlpRunner({ spawn });
      const cases: [Partial<RunOptions>, string][] = [
        [{ url: '-x' }, 'command-line option'],
        [{ url: '--exec=touch /tmp/pwned' }, 'command-line option'],
        [{ url: 'file:///etc/passwd' }, 'not file'],
        [{ url: '/etc/passwd' }, 'file on this computer'],
        [{ url: 'ftp://127.0.0.1/alpha.mp4' }, 'not ftp'],
        [{ outputTemplate: '../../%(title)s.%(ext)s' }, '".."'],
        [{ outputTemplate: '/etc/%(title)s.%(ext)s' }, 'inside the library folder'],
      ];
      for (const [overrides, words] of cases) {
        const run = () => guarded.run(binary, options(overrides), { progress: () => undefined });
        expect(run).toThrow(AppError);
        expect(run).toThrow(words);
        await expect(guarded.enumerate(binary, overrides.url ?? 'ftp://x', {})).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
      }
      expect(spawn).not.toHaveBeenCalled();
    });

    it('enumerates an RSS playlist in order with its title', async () => {
      const listed = await runner.enumerate(binary, site.playlistUrl('channel'), {});
      expect(listed).toMatchObject({ kind: 'playlist', title: 'Test Channel' });
      expect(listed.items.map((item) => [item.id, item.title])).toEqual([
        ['charlie', 'Charlie clip'],
        ['alpha', 'Alpha clip'],
        ['bravo', 'Bravo clip'],
      ]);
      expect(listed.items[1]!.url.startsWith(site.videoUrl('alpha'))).toBe(true);
    });

    fullIt('enumerates a single video as one item', async () => {
      const listed = await runner.enumerate(binary, site.videoUrl('bravo'), {});
      expect(listed).toMatchObject({ kind: 'video', id: 'bravo', title: 'bravo', uploadDate: '20261102' });
      expect(listed.items).toEqual([{ url: site.videoUrl('bravo'), title: 'bravo', id: 'bravo' }]);
    });

    fullIt('downloads one item of a playlist and skips it the second time through the archive', async () => {
      const first = options({ url: site.playlistUrl('channel'), playlistItem: 3, outputTemplate: '%(playlist_title)s/%(title)s [%(id)s].%(ext)s' });
      const archiveFile = join(job.root, 'archive.txt');
      const done = await runner.run(binary, { ...first, archiveFile }, { progress: () => undefined }).done;
      expect(done).toEqual({ ok: true, files: [join(job.outputDir, 'Test Channel', 'Bravo clip [bravo].mp4')] });
      expect(readFileSync(archiveFile, 'utf8')).toContain('bravo');
      const again = await runner.run(binary, { ...first, archiveFile }, { progress: () => undefined }).done;
      expect(again).toEqual({ ok: true, files: [] });
    });

    fullIt('keeps titles that try to climb out inside the library folder, Windows-safe when asked', async () => {
      const run = options({ url: site.playlistUrl('climb'), playlistItem: 1, outputTemplate: '%(playlist_title)s/%(title)s.%(ext)s', windowsSafeNames: true });
      const done = await runner.run(binary, run, { progress: () => undefined }).done;
      expect(done.ok).toBe(true);
      const files = filesUnder(job.root);
      expect(files).toHaveLength(1);
      expect(files[0]!.startsWith('library/Test Channel/')).toBe(true);
      // One folder (the playlist's) and the file: no ".." survived as a path segment, and no ":" or "?".
      const inside = files[0]!.slice('library/Test Channel/'.length).split('/');
      expect(inside).toHaveLength(2);
      expect(inside.every((segment) => segment !== '..' && !/[:?]/.test(segment))).toBe(true);
      if (done.ok) expect(done.files).toEqual([join(job.root, files[0]!)]);
    });

    it('extracts audio only (postprocess lines) and reports the final .m4a', async () => {
      const phases: string[] = [];
      const done = await runner.run(binary, options({ quality: 'audio', url: site.videoUrl('bravo') }), { progress: (progress) => phases.push(progress.phase) }).done;
      expect(done).toEqual({ ok: true, files: [join(job.outputDir, 'bravo [bravo].m4a')] });
      expect(filesUnder(job.outputDir)).toEqual(['bravo [bravo].m4a']);
      // The postprocess records were read (2023.03.04 runs them together on one line), and the last word is "finished".
      expect(phases).toContain('processing');
      expect(phases.at(-1)).toBe('finished');
    });

    fullIt('pauses keeping the part file, then resumes it with a byte range', async () => {
      site.control.setThrottle(60_000);
      const run = options();
      const handle = runner.run(binary, run, { progress: () => undefined });
      await vi.waitFor(() => expect(filesUnder(job.stagingDir).some((file) => file.endsWith('.part'))).toBe(true), { timeout: 8000, interval: 20 });
      await vi.waitFor(() => expect(statSync(join(job.stagingDir, 'alpha [alpha].mp4.part')).size).toBeGreaterThan(10_000), { timeout: 8000, interval: 20 });
      await handle.stop('pause');
      expect(await handle.done).toEqual({ ok: false, stopped: true });
      const kept = statSync(join(job.stagingDir, 'alpha [alpha].mp4.part')).size;
      expect(kept).toBeGreaterThan(0);
      site.control.setThrottle(null);
      const resumed = await runner.run(binary, { ...run, resume: true }, { progress: () => undefined }).done;
      expect(resumed).toEqual({ ok: true, files: [join(job.outputDir, 'alpha [alpha].mp4')] });
      expect(statSync(join(job.outputDir, 'alpha [alpha].mp4')).size).toBe(site.control.clipBytes('alpha'));
      // It asked for the rest from where the kept part ends, not for the whole clip again.
      const starts = site.control.requests
        .filter((request) => request.path === '/videos/alpha.mp4')
        .map((request) => Number(/^bytes=(\d+)-/.exec(request.headers.range ?? '')?.[1] ?? 0));
      expect(Math.max(...starts)).toBe(kept);
    });

    describe('failure classes', () => {
      const cases = [
        ['not-found', 'unavailable', false],
        ['forbidden', 'http-forbidden', false],
        ['rate-limited', 'rate-limited', true],
        ['no-media', 'unsupported-url', false],
      ] as const;
      for (const [fault, kind, transient] of full ? cases : cases.slice(0, 1)) {
        it(`${fault} is ${kind}`, async () => {
          const done = await runner.run(binary, options({ url: site.faultUrl(fault) }), { progress: () => undefined }).done;
          expect(done).toMatchObject({ ok: false, stopped: false, failure: { kind, transient } });
          if (!done.ok && !done.stopped) expect(done.failure.detail).toMatch(/ERROR/);
        });
      }

      fullIt('a failed enumeration carries its class', async () => {
        const error: unknown = await runner.enumerate(binary, site.faultUrl('no-media'), {}).catch((caught: unknown) => caught);
        expect(isYtDlpFailedError(error) && error.failure.kind).toBe('unsupported-url');
      });

      fullIt('an aborted enumeration stops at once', async () => {
        const controller = new AbortController();
        site.control.setFault('channel', null);
        const pending = runner.enumerate(binary, site.playlistUrl('channel'), { signal: controller.signal });
        controller.abort();
        await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
      });
    });

    it('reports a missing yt-dlp as a failure in words', async () => {
      const done = await runner.run({ ...binary, path: join(job?.root ?? '/nonexistent', 'no-such-yt-dlp') }, options(), { progress: () => undefined }).done;
      expect(done).toMatchObject({ ok: false, stopped: false, failure: { kind: 'other' } });
      if (!done.ok && !done.stopped) expect(done.failure.message).toContain('not found');
      expect(existsSync(job.outputDir)).toBe(false);
    });
  });
}

suite('a current yt-dlp', SYSTEM_PROGRAMS.ytDlpCurrent, true);
suite('Debian’s yt-dlp', SYSTEM_PROGRAMS.ytDlp, false);
