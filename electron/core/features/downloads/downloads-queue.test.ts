import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DownloadJobSchema, type DownloadFailure, type DownloadJob } from '../../../../shared/contract/areas/downloads';
import { openDataDb } from '../../db/databases';
import type { Db } from '../../db/database';
import { createSilentLogger } from '../../logging/logger';
import { createDownloadQueue, type DownloadQueue, type DownloadSettings, type QueueDeps } from './downloads-queue';
import { createDownloadsStore } from './downloads-store';
import { createFakePlex, createFakeRunner, createFakeTools, createLibraryLayout, createRecordingBus, progressAt, type FakePlex, type FakeRunner } from './downloads-test-kit';

const network: DownloadFailure = { kind: 'network', message: 'The site could not be reached.', advice: 'MediaNest tries again by itself.', transient: true, detail: null };
const privateVideo: DownloadFailure = { kind: 'unavailable', message: 'The video is private.', advice: 'Nothing to do.', transient: false, detail: null };
const FAST = { retryBaseMs: 20, retryMaxMs: 40, waitForFileMs: 1000, waitIntervalMs: 10, minFreeBytes: 1024, progressIntervalMs: 10, persistProgressMs: 0 };

interface Lab {
  queue: DownloadQueue;
  runner: FakeRunner;
  plex: FakePlex;
  bus: ReturnType<typeof createRecordingBus>;
  settings: DownloadSettings;
  db: Db;
  library: string;
  restart(overrides?: Partial<QueueDeps>): Promise<DownloadQueue>;
}

const cleanups: (() => unknown)[] = [];
const buses: ReturnType<typeof createRecordingBus>[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Whatever happened in the test, every job the page was sent fits the contract.
  for (const bus of buses.splice(0)) for (const shown of bus.of('downloads:job-changed')) DownloadJobSchema.parse(shown);
});

async function lab(overrides: Partial<QueueDeps> = {}, settingsPatch: Partial<DownloadSettings> = {}): Promise<Lab> {
  const layout = createLibraryLayout();
  cleanups.push(() => rmSync(layout.base, { recursive: true, force: true }));
  const db = openDataDb(':memory:');
  const runner = createFakeRunner();
  const plex = createFakePlex(layout.sections);
  const bus = createRecordingBus();
  buses.push(bus);
  const settings: DownloadSettings = { ...layout.settings, ...settingsPatch };
  const build = (more: Partial<QueueDeps> = {}) => {
    const queue = createDownloadQueue({
      store: createDownloadsStore(db),
      runner,
      tools: createFakeTools(),
      plex,
      settings: () => settings,
      bus,
      logger: createSilentLogger(),
      freeBytes: async () => 10 * 1024 ** 3,
      timing: FAST,
      ...overrides,
      ...more,
    });
    cleanups.push(() => queue.dispose());
    return queue;
  };
  const queue = build();
  await queue.start();
  const result: Lab = {
    queue,
    runner,
    plex,
    bus,
    settings,
    db,
    library: join(layout.base, 'library'),
    async restart(more) {
      await result.queue.dispose();
      result.queue = build(more);
      await result.queue.start();
      return result.queue;
    },
  };
  return result;
}

const job = (queue: DownloadQueue, id: string): DownloadJob => queue.jobs().find((candidate) => candidate.id === id)!;
const until = (check: () => unknown) => vi.waitFor(() => expect(check()).toBeTruthy(), { timeout: 3000, interval: 5 });

describe('download queue', () => {
  it('downloads a video into the library, scans its folder as Plex sees it and makes the channel’s collection', async () => {
    const t = await lab();
    t.runner.autoFinishMs = 5;
    const added = await t.queue.add({ url: 'https://media.test/clip-1', quality: 'best' });
    expect(added).toMatchObject({ state: 'queued', sectionTitle: 'Downloads', title: 'https://media.test/clip-1', canCancel: true });
    await until(() => job(t.queue, added.id).state === 'completed');
    const done = job(t.queue, added.id);
    const file = join(t.library, 'Downloads', 'Lab Channel', 'Video clip-1 [clip-1].mp4');
    expect(existsSync(file)).toBe(true);
    expect(done).toMatchObject({ title: 'Video clip-1', channel: 'Lab Channel', label: 'Ready to watch', items: [{ state: 'completed', file }], collection: { title: 'Lab Channel' } });
    expect(t.plex.scans).toEqual([{ sectionKey: '7', folder: '/plex/Downloads/Lab Channel' }]);
    expect([...t.plex.collections.values()]).toEqual([{ sectionKey: '7', title: 'Lab Channel', items: [done.items[0]!.ratingKey] }]);
    expect(done.openUrl).toContain(`key=${done.items[0]!.ratingKey}`);
    const run = t.runner.runs[0]!.options;
    expect(run.outputDir).toBe(join(t.library, 'Downloads'));
    expect(run.stagingDir).toBe(join(t.library, '.medianest-staging', added.id));
    expect(run.archiveFile).toBe(join(run.stagingDir, 'archive.txt'));
    // Staging is gone once the job is done.
    expect(existsSync(run.stagingDir)).toBe(false);
    expect(t.bus.of('download:started')).toEqual([{ id: added.id, url: 'https://media.test/clip-1' }]);
    expect(t.bus.of('download:progress').length).toBeGreaterThan(0);
    expect(t.bus.of('download:completed')).toEqual([{ id: added.id, file }]);
    expect(t.bus.of('downloads:ready')).toEqual([{ id: added.id, title: 'Video clip-1', openUrl: done.openUrl }]);
    expect(t.bus.of('downloads:queue-changed').at(-1)).toEqual({ running: 0, queued: 0, paused: false });
  });

  it('runs a playlist’s items one after another and collects them in playlist order, adding to a collection that exists', async () => {
    const t = await lab();
    t.plex.collections.set('c1', { sectionKey: '7', title: 'Lab Playlist', items: ['1'] });
    t.runner.listings.set('https://media.test/feed.rss', {
      kind: 'playlist',
      id: 'feed',
      title: 'Lab Playlist',
      channel: null,
      uploadDate: null,
      items: [
        { url: 'https://media.test/b', title: 'Second ../../escape', id: 'b' },
        { url: 'https://media.test/a', title: 'First', id: 'a' },
        { url: 'file:///etc/passwd', title: 'Local', id: 'c' },
      ],
    });
    const added = await t.queue.add({ url: 'https://media.test/feed.rss', quality: 'best' });
    await until(() => t.runner.runs.length === 1);
    expect(t.runner.runs[0]!.options.url).toBe('https://media.test/b');
    t.runner.runs[0]!.progress(progressAt(50));
    const midway = job(t.queue, added.id);
    expect(midway.label).toBe('Downloading 1 of 3');
    expect(midway.progress?.percent).toBeCloseTo(100 / 6);
    expect(midway.items[0]!.percent).toBe(50);
    t.runner.runs[0]!.finish();
    await until(() => t.runner.runs.length === 2);
    t.runner.runs[1]!.finish();
    await until(() => t.runner.runs.length === 3);
    // An item whose address is not a web address is fetched through the playlist instead.
    expect(t.runner.runs[2]!.options).toMatchObject({ url: 'https://media.test/feed.rss', playlistItem: 3 });
    t.runner.runs[2]!.finish();
    await until(() => job(t.queue, added.id).state === 'completed');
    const done = job(t.queue, added.id);
    expect(done.items.map((item) => item.file)).toEqual([
      join(t.library, 'Downloads', 'Lab Playlist', 'Second .-.-escape [b].mp4'),
      join(t.library, 'Downloads', 'Lab Playlist', 'First [a].mp4'),
      join(t.library, 'Downloads', 'Lab Playlist', 'Local [feed.rss].mp4'),
    ]);
    expect(t.plex.scans).toEqual([{ sectionKey: '7', folder: '/plex/Downloads/Lab Playlist' }]);
    expect(t.plex.collections.get('c1')!.items).toEqual(['1', ...done.items.map((item) => item.ratingKey)]);
    expect(done.collection).toEqual({ ratingKey: 'c1', title: 'Lab Playlist' });
    expect(done.openUrl).toContain('key=c1');
  });

  it('names TV files by channel and date', async () => {
    const t = await lab();
    t.runner.autoFinishMs = 1;
    const added = await t.queue.add({ url: 'https://media.test/ep', quality: 'best', sectionKey: '8' });
    await until(() => job(t.queue, added.id).state === 'completed');
    expect(job(t.queue, added.id).items[0]!.file).toBe(join(t.library, 'TV', 'Lab Channel', 'Season 2026', 'Lab Channel - s2026e010201 - Video ep.mp4'));
  });

  it('runs as many at once as the setting says, and more as soon as it changes', async () => {
    const t = await lab();
    for (const n of [1, 2, 3, 4]) await t.queue.add({ url: `https://media.test/v${n}`, quality: 'best' });
    await until(() => t.runner.runs.length === 2);
    expect(t.queue.counts()).toEqual({ running: 2, queued: 2 });
    t.settings.maxConcurrent = 3;
    t.queue.poke();
    await until(() => t.runner.runs.length === 3);
    const urls = t.runner.runs.map((run) => run.options.url);
    // The first two start together, so either may reach yt-dlp first; the third is the next in line, not the fourth.
    expect(urls.slice(0, 2).sort()).toEqual(['https://media.test/v1', 'https://media.test/v2']);
    expect(urls[2]).toBe('https://media.test/v3');
    t.runner.runs[0]!.finish();
    await until(() => t.runner.runs.length === 4);
  });

  it('pauses (processes stopped, part file kept) and resumes with --continue', async () => {
    const t = await lab();
    const added = await t.queue.add({ url: 'https://media.test/long', quality: 'best' });
    await until(() => t.runner.runs.length === 1);
    const first = t.runner.runs[0]!;
    const paused = await t.queue.pause(added.id);
    expect(first.stopReason).toBe('pause');
    expect(paused).toMatchObject({ state: 'paused', canResume: true, canPause: false, label: 'Paused' });
    expect(readdirSync(first.options.stagingDir)).toContain(`${first.pgid}.mp4.part`);
    expect(t.runner.runs).toHaveLength(1);
    t.queue.resume(added.id);
    await until(() => t.runner.runs.length === 2);
    expect(t.runner.runs[1]!.options).toMatchObject({ resume: true, stagingDir: first.options.stagingDir });
    t.runner.runs[1]!.finish();
    await until(() => job(t.queue, added.id).state === 'completed');
  });

  it('cancels: processes stopped, part files removed, the next job starts', async () => {
    const t = await lab({}, { maxConcurrent: 1 });
    const first = await t.queue.add({ url: 'https://media.test/a1', quality: 'best' });
    const second = await t.queue.add({ url: 'https://media.test/a2', quality: 'best' });
    await until(() => t.runner.runs.length === 1);
    const run = t.runner.runs[0]!;
    const cancelled = await t.queue.cancel(first.id);
    expect(run.stopReason).toBe('cancel');
    expect(cancelled).toMatchObject({ state: 'cancelled', canRetry: true, canRemove: true });
    expect(existsSync(run.options.stagingDir)).toBe(false);
    await until(() => t.runner.runs.length === 2);
    expect(t.runner.runs[1]!.options.url).toBe('https://media.test/a2');
    await t.queue.cancel(second.id);
    expect(await t.queue.remove(first.id)).toBe(true);
    expect(t.bus.of('downloads:job-removed')).toEqual([{ id: first.id }]);
    expect(t.queue.jobs().map((shown) => shown.id)).toEqual([second.id]);
  });

  it('retries a transient failure by itself with backoff, up to the setting, then fails with the class’s words; retry by hand works for any', async () => {
    const t = await lab({ random: () => 0 }, { maxRetries: 2 });
    const added = await t.queue.add({ url: 'https://media.test/flaky', quality: 'best' });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await until(() => t.runner.runs.length === attempt && !t.runner.runs[attempt - 1]!.settled);
      t.runner.runs[attempt - 1]!.fail(network);
      if (attempt < 3) {
        await until(() => job(t.queue, added.id).nextAttemptAt !== null || t.runner.runs.length > attempt);
      }
    }
    await until(() => job(t.queue, added.id).state === 'failed');
    const failed = job(t.queue, added.id);
    expect(failed).toMatchObject({ attempts: 3, failure: network, label: network.message, canRetry: true, nextAttemptAt: null });
    expect(t.bus.of('download:failed')).toEqual([{ id: added.id, error: { code: 'UPSTREAM_UNREACHABLE', message: `${network.message} ${network.advice}` } }]);
    t.queue.retry(added.id);
    await until(() => t.runner.runs.length === 4);
    t.runner.runs[3]!.fail(privateVideo);
    await until(() => job(t.queue, added.id).state === 'failed');
    // Not transient: no automatic retry.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(t.runner.runs).toHaveLength(4);
    expect(job(t.queue, added.id).failure).toEqual(privateVideo);
  });

  it('refuses to start with too little free space, in words, spawning nothing', async () => {
    const t = await lab({ freeBytes: async () => 100 });
    const added = await t.queue.add({ url: 'https://media.test/big', quality: 'best' });
    await until(() => job(t.queue, added.id).state === 'failed');
    expect(job(t.queue, added.id).failure).toMatchObject({ kind: 'disk-full', transient: false, advice: expect.stringMatching(/Free some space/) });
    expect(t.runner.runs).toHaveLength(0);
    // The staging folder counts too: part files grow there.
    const staging = await lab({ freeBytes: async (path) => (path.includes('.medianest-staging') ? 100 : 10 * 1024 ** 3) });
    const second = await staging.queue.add({ url: 'https://media.test/big', quality: 'best' });
    await until(() => job(staging.queue, second.id).state === 'failed');
    expect(job(staging.queue, second.id).failure?.message).toMatch(/\.medianest-staging/);
  });

  it('rejects addresses and destinations before anything is spawned', async () => {
    const t = await lab();
    for (const url of ['--exec=rm -rf ~', '/etc/passwd', 'ftp://media.test/x', 'file:///etc/passwd', 'https://user:pw@media.test/x']) {
      await expect(t.queue.add({ url, quality: 'best' })).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    }
    await expect(t.queue.add({ url: 'https://media.test/x', quality: 'best' })).resolves.toBeDefined();
    await expect(t.queue.add({ url: 'https://media.test/x', quality: 'best', sectionKey: '404' })).rejects.toThrow(/not on the server/);
    await expect(t.queue.add({ url: 'https://media.test/x', quality: 'best', sectionKey: '9' })).rejects.toThrow(/music library/);
    t.settings.folder = '/somewhere/else';
    await expect(t.queue.add({ url: 'https://media.test/x', quality: 'best' })).rejects.toThrow(/outside every Plex library folder/);
    expect(t.queue.jobs()).toHaveLength(1);
    expect(t.runner.order.filter((step) => step.startsWith('run')).length).toBeLessThanOrEqual(1);
  });

  it('refuses a file yt-dlp reports outside the library folder', async () => {
    const t = await lab();
    const added = await t.queue.add({ url: 'https://media.test/odd', quality: 'best' });
    await until(() => t.runner.runs.length === 1);
    t.runner.runs[0]!.finishWith('/tmp/elsewhere.mp4');
    await until(() => job(t.queue, added.id).state === 'failed');
    expect(job(t.queue, added.id).failure?.message).toMatch(/outside the library folder/);
    expect(t.plex.scans).toEqual([]);
  });

  it('pause-all stops running jobs back into the queue and starts nothing until resumed; it is kept across a restart', async () => {
    const t = await lab();
    const a = await t.queue.add({ url: 'https://media.test/p1', quality: 'best' });
    await until(() => t.runner.runs.length === 1);
    await t.queue.pauseAll(true);
    expect(t.runner.runs[0]!.stopReason).toBe('pause');
    expect(job(t.queue, a.id)).toMatchObject({ state: 'queued', label: 'Paused with all downloads' });
    await t.queue.add({ url: 'https://media.test/p2', quality: 'best' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(t.runner.runs).toHaveLength(1);
    expect(t.bus.of('downloads:queue-changed').at(-1)).toEqual({ running: 0, queued: 2, paused: true });
    const queue = await t.restart();
    expect(queue.paused()).toBe(true);
    await queue.pauseAll(false);
    await until(() => t.runner.runs.length === 3);
  });

  it('at start ends leftover process groups first, resumes what was running once, and cleans cancelled jobs’ part files', async () => {
    const t = await lab({}, { maxConcurrent: 4 });
    const running = await t.queue.add({ url: 'https://media.test/r1', quality: 'best' });
    await until(() => t.runner.runs.length === 1);
    const pgid = t.runner.runs[0]!.pgid;
    // What a SIGKILLed core leaves: the job running, its group id stored, a cancelled job's staging folder.
    const store = createDownloadsStore(t.db);
    const cancelled = store.insert({ url: 'https://media.test/c1', quality: 'best', sectionKey: '7', sectionTitle: 'Downloads' });
    const leftover = join(t.library, '.medianest-staging', cancelled.id);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(join(leftover, 'x.part'), 'x');
    store.update(cancelled.id, { state: 'cancelled', stagingDir: leftover });
    t.runner.order.length = 0;
    // A quit stops with 'quit' and leaves the job running in the store.
    await t.queue.dispose();
    expect(t.runner.runs[0]!.stopReason).toBe('quit');
    expect(store.get(running.id)?.state).toBe('running');
    store.update(running.id, { pgid });
    const queue = await t.restart();
    expect(t.runner.order[0]).toBe(`kill ${pgid}`);
    expect(existsSync(leftover)).toBe(false);
    await until(() => t.runner.runs.length === 2);
    expect(t.runner.order.slice(1)).toEqual(['run https://media.test/r1']);
    expect(t.runner.runs[1]!.options.resume).toBe(true);
    t.runner.runs[1]!.finish();
    await until(() => job(queue, running.id).state === 'completed');
    expect(t.runner.runs).toHaveLength(2);
    expect(store.get(running.id)?.pgid).toBeNull();
  });

  it('fails with the reason when no yt-dlp is found, and retries the Plex step alone when Plex was down', async () => {
    const none = await lab({ tools: createFakeTools(false) });
    const lost = await none.queue.add({ url: 'https://media.test/n', quality: 'best' });
    await until(() => job(none.queue, lost.id).state === 'failed');
    expect(job(none.queue, lost.id).failure).toMatchObject({ kind: 'other', message: 'yt-dlp was not found.' });

    const t = await lab({}, { maxRetries: 1 });
    t.plex.failScans = true;
    t.runner.autoFinishMs = 1;
    const added = await t.queue.add({ url: 'https://media.test/plexdown', quality: 'best' });
    await until(() => job(t.queue, added.id).failure?.kind === 'plex');
    t.plex.failScans = false;
    await until(() => job(t.queue, added.id).state === 'completed');
    // The file was fetched once; only the Plex part ran again.
    expect(t.runner.runs).toHaveLength(1);
  });
});
