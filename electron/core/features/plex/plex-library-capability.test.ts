import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlexLibraryCapability, type PlexLibraryCapability } from './plex-library-capability';
import { createPlexSimulator, type PlexSimulator } from './plex-simulator';
import { openInPlexUrl } from './plex-feature';
import { directPmsClient, openTestIndex, type TestIndex } from './plex-test-support';

describe('Plex library capability: what downloads use', () => {
  let sim: PlexSimulator;
  let folder: string;
  let index: TestIndex;
  let library: PlexLibraryCapability;
  let linked = true;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'medianest-plex-capability-'));
    sim = await createPlexSimulator({ sections: [{ key: '5', title: 'Downloads', type: 'movie', size: 0, agent: 'tv.plex.agents.none', locations: [folder] }], scanDelayMs: 5 });
    index = openTestIndex();
    library = createPlexLibraryCapability({
      client: directPmsClient(sim.url, sim.control.token),
      reader: index.reader,
      writer: index.writer,
      machineIdentifier: () => (linked ? sim.control.machineIdentifier : undefined),
      online: () => true,
      playback: { isPlayingLocally: async () => false },
      itemUrl: openInPlexUrl,
    });
  });
  afterAll(async () => {
    await sim.close();
    index.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists an Other Videos section with its agent and folder', async () => {
    expect(await library.sections()).toEqual([{ key: '5', title: 'Downloads', type: 'movie', agent: 'tv.plex.agents.none', locations: [folder] }]);
  });

  it('scans one folder, waits for the files, and finds, makes and fills a collection in order', async () => {
    const channel = join(folder, 'Lab Channel');
    mkdirSync(channel);
    for (const name of ['B [b].mp4', 'A [a].mp4']) writeFileSync(join(channel, name), 'x');
    await library.scanFolder('5', channel);
    expect(sim.control.pms.scans.at(-1)).toMatchObject({ sectionKey: '5', path: channel });
    const b = await library.waitForFile('5', join(channel, 'B [b].mp4'), { intervalMs: 10, timeoutMs: 2000 });
    const a = await library.waitForFile('5', join(channel, 'A [a].mp4'), { intervalMs: 10, timeoutMs: 2000 });
    expect(await library.findCollection('5', 'Lab Channel')).toBeUndefined();
    const key = await library.createCollection('5', 'Lab Channel', [b.ratingKey]);
    expect(await library.findCollection('5', 'Lab Channel')).toBe(key);
    expect(await library.findCollection('5', 'lab channel')).toBeUndefined();
    await library.addToCollection(key, [a.ratingKey]);
    expect(sim.control.pms.collections.get(key)?.items).toEqual([b.ratingKey, a.ratingKey]);
    await expect(library.waitForFile('5', join(channel, 'missing.mp4'), { intervalMs: 10, timeoutMs: 50 })).rejects.toThrow(/not listed the file yet/);
  });

  it('gives Plex Web’s address for an item, only while a server is linked', () => {
    expect(library.openUrl('42')).toBe(openInPlexUrl(sim.control.machineIdentifier, '42'));
    linked = false;
    expect(library.openUrl('42')).toBeNull();
    linked = true;
  });
});
