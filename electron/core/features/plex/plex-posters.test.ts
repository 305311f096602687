import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBinaryRoutes } from '../../binary/binary-routes';
import { POSTER_ROUTE } from './index/plex-index-reader';
import { createPlexSyncer } from './plex-sync';
import { createPosterService } from './plex-posters';
import { createPosterCache } from './poster-cache';
import { pngSize } from './simulator/sim-poster';
import { startPlexSimPair, type PlexSimPair } from './simulator/plex-sim-pair';
import { directPmsClient, openTestIndex, type TestIndex } from './plex-test-support';

describe('posters through the binary route', () => {
  let sim: PlexSimPair;
  let index: TestIndex;
  let dir: string;
  beforeEach(async () => {
    sim = await startPlexSimPair({ pms: { sections: [{ key: '1', title: 'Movies', type: 'movie', size: 40 }] } });
    index = openTestIndex();
    dir = mkdtempSync(join(tmpdir(), 'medianest-posters-'));
    await createPlexSyncer({ client: directPmsClient(sim.pmsUrl, sim.serverToken), writer: index.writer }).run();
  });
  afterEach(async () => {
    index.close();
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  });

  const setup = (maxBytes = 50_000_000) => {
    let online = true;
    const client = directPmsClient(sim.pmsUrl, sim.serverToken);
    const cache = createPosterCache({ dir, maxBytes });
    const service = createPosterService({ cache, index: index.reader, fetchPhoto: (path, w, h, signal) => client.photo(path, w, h, signal), online: () => online });
    const routes = createBinaryRoutes();
    routes.register(POSTER_ROUTE, service.handler);
    return { cache, routes, goOffline: () => (online = false) };
  };
  const posterPath = (n: number, width = 150) => {
    const item = index.reader.page({ sectionKey: '1', offset: n, limit: 1, sort: 'title', descending: false, filter: {} }).items[0]!;
    return `${item.poster!.replace(/^binary\//, '')}/${width}`;
  };
  const photoRequests = () => sim.pms.control.requests.filter((request) => request.path === '/photo/:/transcode');

  it('fetches at the snapped size once, then answers from the cache, also while Plex is down', async () => {
    const { routes, goOffline } = setup();
    const signal = new AbortController().signal;
    const first = await routes.resolve(posterPath(0, 140), signal);
    expect(first?.contentType).toBe('image/png');
    expect(pngSize(first!.body as Buffer)).toEqual({ width: 150, height: 225 });
    expect(photoRequests()).toHaveLength(1);
    expect(photoRequests()[0]!.hasToken).toBe(true);
    await routes.resolve(posterPath(0, 150), signal);
    expect(photoRequests()).toHaveLength(1);

    sim.pms.control.setFault({ kind: 'down' });
    goOffline();
    const offline = await routes.resolve(posterPath(0, 150), signal);
    expect(offline?.body).toEqual(first?.body);
    // Not cached and Plex down: no answer (the grid shows a placeholder), at once.
    expect(await routes.resolve(posterPath(1, 150), signal)).toBeNull();
    // A restart finds the cached files.
    const again = createPosterCache({ dir, maxBytes: 50_000_000 });
    expect(again.count).toBe(1);
  });

  it('keeps the cache under its cap by evicting the least recently used posters', async () => {
    // Room for about four and a half posters of this size.
    const probe = await createPosterService({ cache: createPosterCache({ dir: join(dir, 'probe'), maxBytes: 1e9 }), index: index.reader, fetchPhoto: (path, w, h, s) => directPmsClient(sim.pmsUrl, sim.serverToken).photo(path, w, h, s), online: () => true }).handler(posterPath(0, 600).split('/').slice(1), new AbortController().signal);
    const cap = Math.round((probe!.body as Buffer).length * 4.5);
    rmSync(join(dir, 'probe'), { recursive: true });
    const { routes, cache } = setup(cap);
    const signal = new AbortController().signal;
    await routes.resolve(posterPath(0, 600), signal);
    for (let n = 1; n <= 8; n += 1) {
      await routes.resolve(posterPath(n, 600), signal);
      // Poster 0 stays in use, so it is never the least recently used.
      await routes.resolve(posterPath(0, 600), signal);
    }
    expect(cache.totalBytes).toBeLessThanOrEqual(cap);
    expect(cache.count).toBe(4);
    expect(readdirSync(dir).filter((name) => !name.endsWith('.tmp')).length).toBe(cache.count);
    const before = photoRequests().length;
    await routes.resolve(posterPath(0, 600), signal);
    expect(photoRequests().length).toBe(before);
    await routes.resolve(posterPath(1, 600), signal);
    expect(photoRequests().length).toBe(before + 1);
  });
});
