/**
 * Paste a link, watch it in Plex: a core with the real (current) yt-dlp
 * downloads an RSS playlist from the media site simulator into the Plex
 * simulator's Other Videos folder. The files land named by channel and
 * title, Plex is asked to scan just their folder, and the collection named
 * after the playlist gets the items in playlist order. Cancel in the middle
 * leaves no process of the job and no part file. The playlist also runs as a
 * smoke test with Debian's yt-dlp 2023.03.04.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../shared/contract/areas/downloads';
import { createCore, type Core } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { dispatchOrThrow as call, DOWNLOADS_SECTION, filesUnder, linkCoreToLab, startDownloadsLab, type DownloadsLab } from '../support/downloads-lab';
import { gateSystemSuite, programAvailability, SYSTEM_PROGRAMS } from '../support/system-deps';
import { jobProcesses } from '../support/ytdlp-runner-fixtures';

const suites = [
  { program: SYSTEM_PROGRAMS.ytDlpCurrent, full: true },
  { program: SYSTEM_PROGRAMS.ytDlp, full: false },
].map((suite) => ({ ...suite, availability: programAvailability(suite.program) }));

for (const { program, full, availability: ytdlp } of suites) {
  const { skip } = gateSystemSuite(`downloads into Plex with ${program.name}`, program, ytdlp);

  describe.skipIf(skip)(`downloads into Plex with ${program.name}`, () => {
    let lab: DownloadsLab;
    let dataDir: string;
    let core: Core;
    const events: { channel: string; payload: unknown }[] = [];
    beforeAll(async () => {
      lab = await startDownloadsLab({
        clips: [
          { name: 'alpha', seconds: 2, title: 'Alpha clip' },
          { name: 'bravo', seconds: 2, title: 'Bravo: the ../../second' },
          { name: 'charlie', seconds: 2, title: 'Charlie clip' },
        ],
        playlists: [{ name: 'lab', title: 'Lab Channel', clips: ['charlie', 'alpha', 'bravo'] }],
        bytesPerSecond: 400_000,
      });
      dataDir = mkdtempSync(join(tmpdir(), 'medianest-downloads-core-'));
      core = await createCore(
        { dataDir, profile: 'default', mode: 'serve', version: 'downloads-test', startHealth: false, downloadsTiming: { waitIntervalMs: 50, minFreeBytes: 1024 } },
        { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
      );
      core.bus.onAny((channel, payload) => events.push({ channel, payload }));
      await linkCoreToLab(core, { plexUrl: lab.plex.url, plexToken: lab.plex.control.token }, { ytdlpPath: ytdlp.path! });
    }, 30_000);
    afterAll(async () => {
      await core?.dispose();
      await lab?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('lands a playlist in the library, scans just its folder and collects the items in playlist order', async () => {
      const added = await call<DownloadJob>(core, 'downloads:add', { url: lab.media.playlistUrl('lab'), quality: 'best' });
      expect(added).toMatchObject({ state: 'queued', sectionKey: DOWNLOADS_SECTION });
      const job = async () => (await call<{ jobs: DownloadJob[] }>(core, 'downloads:overview')).jobs.find((candidate) => candidate.id === added.id)!;
      const end = Date.now() + 25_000;
      while ((await job()).state !== 'completed') {
        const current = await job();
        if (current.state === 'failed' || Date.now() > end) throw new Error(`the job did not complete: ${JSON.stringify(current)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const done = await job();
      const folder = join(lab.library, 'Lab Channel');
      expect(filesUnder(lab.library)).toEqual(['Lab Channel/Alpha clip [alpha].mp4', 'Lab Channel/Bravo: the .-.-second [bravo].mp4', 'Lab Channel/Charlie clip [charlie].mp4']);
      expect(done.items.map((item) => item.file)).toEqual([join(folder, 'Charlie clip [charlie].mp4'), join(folder, 'Alpha clip [alpha].mp4'), join(folder, 'Bravo: the .-.-second [bravo].mp4')]);
      for (const [index, name] of ['charlie', 'alpha', 'bravo'].entries()) expect(statSync(done.items[index]!.file!).size).toBe(lab.media.control.clipBytes(name));
      // Nothing half-written was ever in the library folder, and staging is gone.
      expect(existsSync(join(lab.root, 'library', '.medianest-staging', added.id))).toBe(false);

      // One scan, of the folder (never a file, never the whole section).
      const scans = lab.plex.control.pms.scans.filter((scan) => scan.sectionKey === DOWNLOADS_SECTION);
      expect(scans.map((scan) => scan.path)).toEqual([folder]);
      const refreshes = lab.plex.control.requests.filter((request) => request.path === `/library/sections/${DOWNLOADS_SECTION}/refresh`);
      expect(refreshes).toHaveLength(1);

      // The collection, named after the playlist, with the items in playlist order.
      const collections = [...lab.plex.control.pms.collections.values()];
      expect(collections).toHaveLength(1);
      expect(collections[0]).toMatchObject({ sectionKey: DOWNLOADS_SECTION, title: 'Lab Channel' });
      expect(collections[0]!.items).toEqual(done.items.map((item) => item.ratingKey));
      const files = collections[0]!.items.map((key) => lab.plex.control.pms.library.byRatingKey(key)?.file);
      expect(files).toEqual(done.items.map((item) => item.file));
      expect(done).toMatchObject({ kind: 'playlist', title: 'Lab Channel', collection: { ratingKey: collections[0]!.ratingKey, title: 'Lab Channel' }, label: 'Ready to watch' });
      expect(done.openUrl).toContain(encodeURIComponent(`/library/metadata/${collections[0]!.ratingKey}`));

      // Progress went out, throttled per job, then the core-only and renderer events of the end.
      const progress = events.filter((event) => event.channel === 'download:progress' && (event.payload as { id: string }).id === added.id);
      expect(progress.length).toBeGreaterThan(0);
      expect(events.filter((event) => event.channel === 'download:completed')).toEqual([{ channel: 'download:completed', payload: { id: added.id, file: done.items[0]!.file } }]);
      expect(events.filter((event) => event.channel === 'downloads:ready')).toEqual([{ channel: 'downloads:ready', payload: { id: added.id, title: 'Lab Channel', openUrl: done.openUrl } }]);
    }, 40_000);

    it.skipIf(!full)('puts a single video from a direct link under the fallback channel, in a collection of its own', async () => {
      const added = await call<DownloadJob>(core, 'downloads:add', { url: lab.media.videoUrl('alpha'), quality: 'best' });
      const end = Date.now() + 20_000;
      let job: DownloadJob | undefined;
      while ((job = (await call<{ jobs: DownloadJob[] }>(core, 'downloads:overview')).jobs.find((candidate) => candidate.id === added.id))!.state !== 'completed') {
        if (job!.state === 'failed' || Date.now() > end) throw new Error(`the job did not complete: ${JSON.stringify(job)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A direct link names no channel: the folder says so, and the collection takes the video's title.
      expect(job!.items[0]!.file).toBe(join(lab.library, 'Unknown channel', `${job!.title} [alpha].mp4`));
      const collections = [...lab.plex.control.pms.collections.values()];
      expect(collections.map((collection) => collection.title)).toEqual(['Lab Channel', job!.title]);
      expect(collections[1]!.items).toEqual([job!.items[0]!.ratingKey]);
      expect(job!.openUrl).toContain(encodeURIComponent(`/library/metadata/${job!.items[0]!.ratingKey}`));
      expect(lab.plex.control.pms.scans.at(-1)?.path).toBe(join(lab.library, 'Unknown channel'));
    }, 30_000);

    it.skipIf(!full || process.platform === 'win32')('cancels in the middle: no process of the job and no part file left', async () => {
      lab.media.control.setThrottle(20_000);
      try {
        const added = await call<DownloadJob>(core, 'downloads:add', { url: lab.media.videoUrl('charlie'), quality: 'best' });
        const end = Date.now() + 15_000;
        const progressed = () => events.some((event) => event.channel === 'download:progress' && (event.payload as { id: string; downloadedBytes: number }).id === added.id && (event.payload as { downloadedBytes: number }).downloadedBytes > 0);
        while (!progressed()) {
          if (Date.now() > end) throw new Error('no progress in time');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const { pgid, staging_dir: staging } = core.dataDb!.prepare('SELECT pgid, staging_dir FROM download_jobs WHERE id = ?').get(added.id) as { pgid: number; staging_dir: string };
        expect(jobProcesses(pgid, staging).length).toBeGreaterThan(0);
        expect(filesUnder(staging).some((file) => file.endsWith('.part'))).toBe(true);
        const cancelled = await call<DownloadJob>(core, 'downloads:cancel', { id: added.id });
        expect(cancelled).toMatchObject({ state: 'cancelled', label: 'Cancelled', canRetry: true });
        // Listed as ps would: nothing in the group, nothing naming the job's staging folder (an escaped ffmpeg).
        expect(jobProcesses(pgid, staging)).toEqual([]);
        expect(existsSync(staging)).toBe(false);
        expect(filesUnder(lab.root).filter((file) => file.endsWith('.part') || file.endsWith('.ytdl'))).toEqual([]);
      } finally {
        lab.media.control.setThrottle(400_000);
      }
    }, 30_000);
  });
}
