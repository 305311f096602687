import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngSize } from './sim-poster';
import { startPlexSimPair, type PlexSimPair } from './plex-sim-pair';

const JSON_HEADERS = { Accept: 'application/json', 'X-Plex-Client-Identifier': 'test-client', 'X-Plex-Token': 'sim-server-token' };

describe('Plex Media Server simulator', () => {
  let sim: PlexSimPair;
  beforeEach(async () => {
    sim = await startPlexSimPair({ pms: { sections: [{ key: '1', title: 'Movies', type: 'movie', size: 1_000, locations: ['/data/movies'] }], scanDelayMs: 5 } });
  });
  afterEach(() => sim.close());

  const get = async (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${sim.pmsUrl}${path}`, { headers: { ...JSON_HEADERS, ...headers } });
  const json = async (path: string, headers: Record<string, string> = {}): Promise<{ MediaContainer: Record<string, unknown> & { Metadata?: Record<string, unknown>[] } }> => {
    const res = await get(path, headers);
    expect(res.status).toBe(200);
    return (await res.json()) as never;
  };

  it('answers XML unless JSON is asked for, and 401 without a valid token', async () => {
    const xml = await fetch(`${sim.pmsUrl}/library/sections`, { headers: { 'X-Plex-Token': 'sim-server-token' } });
    expect(xml.headers.get('content-type')).toContain('xml');
    const text = await xml.text();
    expect(text).toMatch(/<MediaContainer size="1"[^>]*>\s*<Directory [^>]*key="1"[^>]*type="movie"/);
    expect(text).toContain('<Location id="1" path="/data/movies" />');
    expect((await fetch(`${sim.pmsUrl}/library/sections`, { headers: { Accept: 'application/json' } })).status).toBe(401);
    expect((await get('/library/sections', { 'X-Plex-Token': 'wrong' })).status).toBe(401);
    // The token may also come as a query parameter.
    expect((await fetch(`${sim.pmsUrl}/library/sections?X-Plex-Token=sim-server-token`)).status).toBe(200);
    // /identity needs none.
    expect((await fetch(`${sim.pmsUrl}/identity`, { headers: { Accept: 'application/json' } })).status).toBe(200);
  });

  it('pages by header or query, reports totalSize, and Size=0 gives only the total', async () => {
    const byHeader = await get('/library/sections/1/all?includeGuids=1', { 'X-Plex-Container-Start': '990', 'X-Plex-Container-Size': '50' });
    expect(byHeader.headers.get('x-plex-container-total-size')).toBe('1000');
    const body = (await byHeader.json()) as { MediaContainer: { size: number; offset: number; totalSize: number; Metadata: { Guid: { id: string }[] }[] } };
    expect(body.MediaContainer).toMatchObject({ size: 10, offset: 990, totalSize: 1000 });
    expect(body.MediaContainer.Metadata[0]!.Guid.map((guid) => guid.id.split('://')[0])).toEqual(['imdb', 'tmdb']);
    const byQuery = await json('/library/sections/1/all?X-Plex-Container-Start=0&X-Plex-Container-Size=5');
    expect(byQuery.MediaContainer.Metadata).toHaveLength(5);
    const count = await json('/library/sections/1/all', { 'X-Plex-Container-Size': '0' });
    expect(count.MediaContainer).toMatchObject({ size: 0, totalSize: 1000 });
  });

  it('generates a deterministic library with several scripts and accents', async () => {
    const first = await json('/library/sections/1/all');
    const again = await json('/library/sections/1/all');
    expect(again.MediaContainer.Metadata).toEqual(first.MediaContainer.Metadata);
    const titles = first.MediaContainer.Metadata!.map((item) => `${item.title} ${item.originalTitle ?? ''}`).join(' ');
    expect(titles).toMatch(/[éèêëçñøåäöüß]/i);
    expect(titles).toMatch(/\p{Script=Cyrillic}/u);
    expect(titles).toMatch(/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u);
    expect(titles).toMatch(/\p{Script=Hangul}/u);
  });

  it('filters by updatedAt> but ignores >= (as Plex was measured to), and can ignore every filter', async () => {
    const [changed] = sim.pms.control.changeItems('1', 1);
    const item = (await json(`/library/metadata/${changed}`)).MediaContainer.Metadata![0]!;
    const since = (item.updatedAt as number) - 1;
    const filtered = await json(`/library/sections/1/all?updatedAt%3E${since}`);
    expect(filtered.MediaContainer.totalSize).toBe(1);
    expect(filtered.MediaContainer.Metadata![0]!.ratingKey).toBe(changed);
    expect((await json(`/library/sections/1/all?updatedAt%3E%3E=${since}`)).MediaContainer.totalSize).toBe(1000);
    sim.pms.control.setIgnoreUpdatedAtFilter(true);
    expect((await json(`/library/sections/1/all?updatedAt%3E${since}`)).MediaContainer.totalSize).toBe(1000);
  });

  it('changes and deletes items on a test control; the section moves and listings skip the deleted', async () => {
    const before = (await json('/library/sections')).MediaContainer.Directory as { updatedAt: number }[];
    const deleted = sim.pms.control.deleteItems('1', 3);
    const after = (await json('/library/sections')).MediaContainer.Directory as { updatedAt: number }[];
    expect(after[0]!.updatedAt).toBeGreaterThan(before[0]!.updatedAt);
    const keys = (await json('/library/sections/1/all?includeFields=ratingKey')).MediaContainer;
    expect(keys.totalSize).toBe(997);
    const listed = keys.Metadata!.map((item) => item.ratingKey as string);
    expect(listed).toHaveLength(997);
    expect(Object.keys(keys.Metadata![0]!)).toEqual(['ratingKey']);
    for (const key of deleted) expect(listed).not.toContain(key);
    expect((await get(`/library/metadata/${deleted[0]}`)).status).toBe(404);
    // Paging across the gaps still covers every live item once.
    const pages = [];
    for (let start = 0; start < 997; start += 100) pages.push(...(await json('/library/sections/1/all', { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': '100' })).MediaContainer.Metadata!);
    expect(pages.map((item) => item.ratingKey)).toEqual(listed);
  });

  it('gives item details with media parts and the path Plex sees', async () => {
    const detail = (await json('/library/metadata/10000001')).MediaContainer.Metadata![0]! as { Media: { Part: { file: string }[] }[]; Role: unknown[] };
    expect(detail.Media[0]!.Part[0]!.file).toMatch(/^\/data\/movies\/.+\.(mkv|mp4)$/);
    expect(detail.Role.length).toBe(4);
  });

  it('transcodes posters to the asked size', async () => {
    const res = await get(`/photo/:/transcode?url=${encodeURIComponent('/library/metadata/10000001/thumb/1')}&width=150&height=225&minSize=1&upscale=1`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 150, height: 225 });
    expect((await get(`/photo/:/transcode?url=${encodeURIComponent('/library/metadata/1/thumb/1')}&width=10&height=10`)).status).toBe(404);
  });

  it('scans one folder by GET or POST and lists the new file a moment later', async () => {
    sim.pms.control.placeFile('/data/movies/Home Video (2024)/Home Video (2024).mp4');
    const res = await fetch(`${sim.pmsUrl}/library/sections/1/refresh?path=${encodeURIComponent('/data/movies/Home Video (2024)')}`, { method: 'POST', headers: JSON_HEADERS });
    expect(res.status).toBe(200);
    expect(sim.pms.control.scans).toMatchObject([{ sectionKey: '1', path: '/data/movies/Home Video (2024)', method: 'POST' }]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const newest = await json('/library/sections/1/recentlyAdded', { 'X-Plex-Container-Size': '1' });
    expect(newest.MediaContainer.Metadata![0]!.title).toBe('Home Video');
    expect((await get('/library/sections/1/refresh')).status).toBe(200);
  });

  it('creates a collection and adds items in order', async () => {
    const uri = (keys: string) => encodeURIComponent(`server://${sim.pms.control.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${keys}`);
    const created = await fetch(`${sim.pmsUrl}/library/collections?type=1&title=Holiday&smart=0&sectionId=1&uri=${uri('10000003,10000001')}`, { method: 'POST', headers: JSON_HEADERS });
    const collection = ((await created.json()) as { MediaContainer: { Metadata: { ratingKey: string }[] } }).MediaContainer.Metadata[0]!;
    await fetch(`${sim.pmsUrl}/library/collections/${collection.ratingKey}/items?uri=${uri('10000002')}`, { method: 'PUT', headers: JSON_HEADERS });
    const children = await json(`/library/collections/${collection.ratingKey}/children`);
    expect(children.MediaContainer.Metadata!.map((item) => item.ratingKey)).toEqual(['10000003', '10000001', '10000002']);
    expect((await fetch(`${sim.pmsUrl}/library/collections/1/items?uri=${uri('1')}`, { method: 'PUT', headers: JSON_HEADERS })).status).toBe(404);
    expect((await fetch(`${sim.pmsUrl}/library/collections?type=1&title=X&smart=0&sectionId=99`, { method: 'POST', headers: JSON_HEADERS })).status).toBe(400);
  });

  it('reports sessions and applies fault modes', async () => {
    sim.pms.control.setSessions([{ ratingKey: '10000005', state: 'playing', local: true }]);
    const sessions = await json('/status/sessions');
    expect(sessions.MediaContainer.Metadata![0]).toMatchObject({ ratingKey: '10000005', Player: { state: 'playing', local: true } });
    sim.pms.control.setFault({ kind: 'status', status: 503 });
    expect((await get('/identity')).status).toBe(503);
    sim.pms.control.setFault({ kind: 'down' });
    await expect(get('/identity')).rejects.toThrow();
    sim.pms.control.setFault(undefined);
    expect((await get('/identity')).status).toBe(200);
  });
});
