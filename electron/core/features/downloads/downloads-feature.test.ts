import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDataDb } from '../../db/databases';
import { createSilentLogger } from '../../logging/logger';
import { createDownloadsFeature, type DownloadsFeature } from './downloads-feature';
import type { DownloadSettings } from './downloads-queue';
import { createFakeCookies, createFakePlex, createFakeRunner, createFakeTools, createLibraryLayout, createRecordingBus } from './downloads-test-kit';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function build(options: { found?: boolean; settings?: Partial<DownloadSettings> } = {}) {
  const layout = createLibraryLayout();
  cleanups.push(() => rmSync(layout.base, { recursive: true, force: true }));
  const settings: DownloadSettings = { ...layout.settings, ...options.settings };
  const bus = createRecordingBus();
  const runner = createFakeRunner();
  runner.autoFinishMs = 1;
  const tools = createFakeTools(options.found ?? true);
  const cookies = createFakeCookies();
  let settingsListener: (() => void) | undefined;
  const feature: DownloadsFeature = createDownloadsFeature({
    db: openDataDb(':memory:'),
    bus,
    settings: () => settings,
    onSettingsChanged: (listener) => {
      settingsListener = listener;
      return () => (settingsListener = undefined);
    },
    runner,
    tools,
    cookies,
    plex: createFakePlex(layout.sections),
    logger: createSilentLogger(),
    freeBytes: async () => 10 * 1024 ** 3,
    timing: { waitIntervalMs: 5, persistProgressMs: 0 },
    demoPlaylistUrl: () => 'http://127.0.0.1:1/playlist.rss',
  });
  cleanups.push(() => feature.dispose());
  return { feature, bus, runner, cookies, settings, changeSettings: () => settingsListener?.() };
}

describe('downloads feature', () => {
  it('answers every channel from the queue, the tools, the cookies and Plex', async () => {
    const { feature, bus, runner, cookies } = build();
    await feature.start();
    const h = feature.handlers;
    expect(await h['downloads:overview'](undefined)).toMatchObject({ jobs: [], paused: false, running: 0, queued: 0, unavailable: null, demoPlaylistUrl: 'http://127.0.0.1:1/playlist.rss', tools: [{ name: 'yt-dlp', found: true }] });
    const destinations = await h['downloads:destinations'](undefined);
    expect(destinations.map((destination) => [destination.sectionKey, destination.usable, destination.naming])).toEqual([
      ['7', true, 'Channel/Title [id].ext'],
      ['8', true, 'Channel/Season YYYY/Channel - sYYYYeMMDDNN - Title.ext'],
      ['9', true, 'Channel/Title [id].ext'],
    ]);
    expect(await h['downloads:import-cookies']({ site: 'media.test', content: '# Netscape\nmedia.test\tFALSE\t/\tFALSE\t0\tsid\tsecret\n' })).toEqual([{ site: 'media.test', cookies: 1, importedAt: 1 }]);
    const job = await h['downloads:add']({ url: 'https://media.test/clip', quality: 'best' });
    await vi.waitFor(async () => expect((await h['downloads:overview'](undefined)).jobs[0]?.state).toBe('completed'), { timeout: 3000, interval: 5 });
    // The job got its own copy of the cookies.
    expect(cookies.copies).toEqual(['https://media.test/clip']);
    expect(runner.runs[0]!.options.cookiesFile).toMatch(/cookies\.txt$/);
    // And the copy is removed once the job no longer runs.
    expect(cookies.removed).toEqual([runner.runs[0]!.options.cookiesFile]);
    expect(bus.of('downloads:ready')).toEqual([expect.objectContaining({ id: job.id })]);
    expect(await h['downloads:remove']({ id: job.id })).toEqual({ removed: true });
    expect(await h['downloads:remove']({ id: job.id })).toEqual({ removed: false });
    await expect(h['downloads:pause']({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h['downloads:pause-all']({ paused: true })).toMatchObject({ paused: true });
    expect(feature.counts()).toEqual({ running: 0, queued: 0, paused: true });
    expect(await h['downloads:remove-cookies']({ site: 'media.test' })).toEqual([]);
    expect(await h['downloads:update-state'](undefined)).toMatchObject({ state: 'idle' });
  });

  it('says why downloads cannot run: no yt-dlp, or no library chosen', async () => {
    const none = build({ found: false });
    await none.feature.start();
    expect((await none.feature.handlers['downloads:overview'](undefined)).unavailable).toBe('yt-dlp was not found.');
    const unset = build({ settings: { sectionKey: '' } });
    await unset.feature.start();
    expect((await unset.feature.handlers['downloads:overview'](undefined)).unavailable).toMatch(/Choose the Plex library/);
    await expect(unset.feature.handlers['downloads:add']({ url: 'https://media.test/x', quality: 'best' })).rejects.toThrow(/Choose the Plex library/);
  });

  it('starts more downloads as soon as the concurrency setting rises', async () => {
    const { feature, runner, settings, changeSettings } = build({ settings: { maxConcurrent: 1 } });
    runner.autoFinishMs = undefined;
    await feature.start();
    for (const n of [1, 2]) await feature.handlers['downloads:add']({ url: `https://media.test/c${n}`, quality: 'best' });
    await vi.waitFor(() => expect(runner.runs).toHaveLength(1), { timeout: 3000, interval: 5 });
    settings.maxConcurrent = 2;
    changeSettings();
    await vi.waitFor(() => expect(runner.runs).toHaveLength(2), { timeout: 3000, interval: 5 });
  });
});
