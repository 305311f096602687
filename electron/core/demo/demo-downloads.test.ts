import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSystemSuite, SYSTEM_PROGRAMS } from '../../../tests/support/system-deps';
import { createHttpListenerHost, type HttpListenerHost } from '../hosting/http-listeners';
import { DEMO_CLIPS, demoVideosFolder, DEMO_VIDEOS_SECTION_KEY } from './demo-downloads';
import { DEMO_SECRETS, startDemoHomelab, type DemoHomelab } from './demo-homelab';

const { skip } = gateSystemSuite('demo downloads', SYSTEM_PROGRAMS.ffmpeg);
const token = { 'X-Plex-Token': DEMO_SECRETS['plex.token']!, Accept: 'application/json' };

describe.skipIf(skip)('demo homelab: downloads', () => {
  let host: HttpListenerHost;
  let dataDir: string;
  let demo: DemoHomelab;
  beforeAll(async () => {
    host = createHttpListenerHost();
    dataDir = mkdtempSync(join(tmpdir(), 'medianest-demo-downloads-'));
    demo = await startDemoHomelab(host, { dataDir });
  }, 60_000);
  afterAll(async () => {
    await host?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers a playlist of a few short clips, and points downloads at an Other Videos library in a real folder', async () => {
    expect(demo.problems).toEqual([]);
    expect(demo.playlistUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/playlists\/harbour-walks\.rss$/);
    const feed = await (await fetch(demo.playlistUrl!)).text();
    expect([...feed.matchAll(/<title>([^<]+)<\/title>/g)].map((match) => match[1])).toEqual(['Harbour walks', ...DEMO_CLIPS.map((clip) => clip.title)]);
    const folder = demoVideosFolder(dataDir);
    expect(readdirSync(folder)).toEqual([]);
    expect(demo.settings.downloads).toEqual({ sectionKey: DEMO_VIDEOS_SECTION_KEY, folder });

    const plex = demo.settings.services!.plex!.baseUrl!;
    const sections = (await (await fetch(`${plex}/library/sections`, { headers: token })).json()) as { MediaContainer: { Directory: { key: string; title: string; agent: string; Location: { path: string }[] }[] } };
    const videos = sections.MediaContainer.Directory.find((section) => section.key === DEMO_VIDEOS_SECTION_KEY)!;
    expect(videos).toMatchObject({ title: 'Other Videos', agent: 'tv.plex.agents.none', Location: [{ path: folder }] });
  });

  it("lets the demo Plex find a file put into that folder when the folder is scanned", async () => {
    const folder = demoVideosFolder(dataDir);
    const clip = readdirSync(join(dataDir, 'demo-media')).find((name) => name.startsWith('harbour-at-dawn'))!;
    copyFileSync(join(dataDir, 'demo-media', clip), join(folder, 'Harbour at dawn.mp4'));
    const plex = demo.settings.services!.plex!.baseUrl!;
    expect((await fetch(`${plex}/library/sections/${DEMO_VIDEOS_SECTION_KEY}/refresh?path=${encodeURIComponent(folder)}`, { headers: token })).status).toBe(200);
    await expect
      .poll(async () => {
        const listed = (await (await fetch(`${plex}/library/sections/${DEMO_VIDEOS_SECTION_KEY}/all`, { headers: token })).json()) as { MediaContainer: { Metadata?: { title: string }[] } };
        return (listed.MediaContainer.Metadata ?? []).map((item) => item.title);
      })
      .toEqual(['Harbour at dawn']);
  });
});

describe('demo homelab without ffmpeg', () => {
  it('starts all the same, without the playlist, and says why', async () => {
    const host = createHttpListenerHost();
    const dataDir = mkdtempSync(join(tmpdir(), 'medianest-demo-noffmpeg-'));
    try {
      const demo = await startDemoHomelab(host, { dataDir, ffmpegPath: join(dataDir, 'no-such-ffmpeg') });
      expect(demo.playlistUrl).toBeNull();
      expect(demo.problems).toEqual(['The demo playlist is off: ffmpeg is not installed, and it makes the demo’s clips. Install ffmpeg and start the demo again.']);
      // The library is still there: other addresses can still be downloaded into it.
      expect(demo.settings.downloads).toEqual({ sectionKey: DEMO_VIDEOS_SECTION_KEY, folder: demoVideosFolder(dataDir) });
      expect(demo.settings.services!.plex!.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await host.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts when the data folder cannot hold a library, saying so', async () => {
    const host = createHttpListenerHost();
    const parent = mkdtempSync(join(tmpdir(), 'medianest-demo-file-'));
    // A file where the data folder should be: nothing can be made under it.
    const dataDir = join(parent, 'not-a-folder');
    writeFileSync(dataDir, '');
    try {
      const demo = await startDemoHomelab(host, { dataDir });
      expect(demo.playlistUrl).toBeNull();
      expect(demo.problems).toHaveLength(1);
      expect(demo.problems[0]).toMatch(/^The demo has no library to download into/);
      expect(demo.settings.downloads).toBeUndefined();
    } finally {
      await host.dispose();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
