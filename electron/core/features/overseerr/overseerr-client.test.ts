import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOVIE_BASE, SHOW_BASE } from './simulator/sim-catalogue';
import { PERMISSION } from './simulator/sim-state';
import { LAB_API_KEY, startOverseerrLab, type OverseerrLab } from './overseerr-test-kit';

describe('Overseerr client against the simulator', () => {
  let lab: OverseerrLab;
  let clock: number;
  beforeEach(async () => {
    clock = Date.parse('2026-12-01T10:00:00.000Z');
    lab = await startOverseerrLab({ simulator: { now: () => clock } });
  });
  afterEach(() => lab.dispose());

  const calls = (path: string) => lab.simulator.control.apiCalls.filter((call) => call.path === path);

  it("encodes a search as Overseerr's web UI does, so reserved characters pass its validator", async () => {
    const page = await lab.client.search("The Long Way Round (Again)! it's *");
    // Nothing matches that whole phrase, but Overseerr accepted the query.
    expect(page.totalResults).toBe(0);
    const sent = calls('/api/v1/search')[0]!;
    expect(sent.status).toBe(200);
    expect(sent.url).toContain('query=The%20Long%20Way%20Round%20%28Again%29%21%20it%27s%20%2A&page=1');
    // What a naive client sends is refused, with Overseerr's own words.
    const naive = await fetch(`${lab.simulator.url}/api/v1/search?query=Paper+Moons`, { headers: { 'X-Api-Key': LAB_API_KEY } });
    expect(naive.status).toBe(400);
    expect(await naive.json()).toMatchObject({ message: "Parameter 'query' must be url encoded. Its value may not contain reserved characters." });
  });

  it('returns movies and shows and skips the people TMDB finds too', async () => {
    const page = await lab.client.search('Harbour Lights');
    expect(page.results.map((result) => result.mediaType)).toEqual(['tv']);
    expect(page.results[0]).toMatchObject({ name: 'Harbour Lights', id: 603_101 });
    const silent = await lab.client.search('silent');
    expect(silent.results.length).toBeGreaterThan(3);
    expect(silent.results.map((result) => result.mediaType)).toContain('movie');
    expect(silent.results.every((result) => result.mediaType === 'movie' || result.mediaType === 'tv')).toBe(true);
  });

  it('creates movie and TV requests, always with is4k, and reads 409 and 202 as outcomes', async () => {
    const movie = await lab.client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + 1, is4k: false });
    expect(movie).toMatchObject({ kind: 'created', request: { status: 2, media: { tmdbId: MOVIE_BASE + 1, status: 2 } } });
    expect(await lab.client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + 1, is4k: false })).toEqual({ kind: 'duplicate' });
    const show = await lab.client.createRequest({ mediaType: 'tv', mediaId: SHOW_BASE + 5, seasons: [1], is4k: false });
    expect(show.kind === 'created' && show.request.seasons?.map((season) => season.seasonNumber)).toEqual([1]);
    const rest = await lab.client.createRequest({ mediaType: 'tv', mediaId: SHOW_BASE + 5, seasons: 'all', is4k: false });
    expect(rest.kind === 'created' && rest.request.seasons?.map((season) => season.seasonNumber)).toEqual([2, 3, 4, 5]);
    expect(await lab.client.createRequest({ mediaType: 'tv', mediaId: SHOW_BASE + 5, seasons: 'all', is4k: false })).toEqual({ kind: 'no-seasons' });
    for (const call of calls('/api/v1/request')) expect(call.body).toHaveProperty('is4k', false);
  });

  it('says quota or permission for a 403 on POST /request, and does not call it an auth failure or retry it', async () => {
    lab.simulator.control.setKeyUserPermissions(PERMISSION.REQUEST);
    lab.simulator.control.setQuota({ movie: { limit: 1, days: 7 } });
    await lab.client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + 2, is4k: false });
    await expect(lab.client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + 3, is4k: false })).rejects.toMatchObject({
      code: 'UPSTREAM_HTTP',
      status: 403,
      message: "Overseerr refused the request: the Overseerr user's request quota is used up.",
    });
    expect(calls('/api/v1/request').map((call) => call.status)).toEqual([201, 403]);
    expect(lab.events.some(({ event }) => event === 'service:auth-failed')).toBe(false);
  });

  it('treats a wrong or missing key as an auth failure, never retried', async () => {
    lab.secrets.set('overseerr.apiKey', 'wrong');
    await expect(lab.client.listRequests()).rejects.toMatchObject({ code: 'AUTH_FAILED', status: 403 });
    lab.secrets.delete('overseerr.apiKey');
    await expect(lab.client.listRequests()).rejects.toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(calls('/api/v1/request').map((call) => call.status)).toEqual([403, 401]);
    expect(lab.events.filter(({ event }) => event === 'service:auth-failed')).toHaveLength(1);
  });

  it('lists requests paged, filtered and by last change, gets one, retries one and reads the quota', async () => {
    lab.simulator.control.setKeyUserPermissions(PERMISSION.REQUEST | PERMISSION.MANAGE_REQUESTS | PERMISSION.MANAGE_USERS);
    for (let i = 1; i <= 5; i++) await lab.client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + i, is4k: false });
    clock += 2_000;
    lab.simulator.control.advance(2);
    const first = await lab.client.listRequests({ take: 2, skip: 0, sort: 'modified' });
    expect(first.pageInfo).toMatchObject({ pages: 3, results: 5, page: 1 });
    // Request 2 changed last; the others tie on the second they were made, newest id first.
    expect(first.results.map((request) => request.id)).toEqual([2, 5]);
    expect((await lab.client.listRequests({ take: 2, skip: 0, sort: 'added' })).results.map((request) => request.id)).toEqual([5, 4]);
    const approved = await lab.client.listRequests({ filter: 'approved' });
    expect(approved.results.map((request) => request.id)).toEqual([2]);
    expect((await lab.client.getRequest(3))?.id).toBe(3);
    expect(await lab.client.getRequest(99)).toBeNull();
    const retried = await lab.client.retryRequest(2);
    expect(retried.id).toBe(2);
    expect(lab.simulator.control.request(2)?.retries).toBe(1);
    const quota = await lab.client.quota();
    expect(quota.movie?.used).toBe(5);
    const sent = lab.simulator.control.apiCalls.map((call) => call.url);
    expect(sent).toContain('/api/v1/request?take=2&skip=0&filter=all&sort=modified');
    expect(sent).toContain('/api/v1/request/2/retry');
    expect(sent).toContain('/api/v1/user/1/quota');
  });

  it('reads movie and show details, seasons included, and serves the cached copy when Overseerr is down', async () => {
    const show = await lab.client.tv(SHOW_BASE + 3);
    expect(show.value.seasons?.map((season) => season.seasonNumber)).toEqual([0, 1, 2, 3]);
    const movie = await lab.client.movie(603_001);
    expect(movie).toMatchObject({ source: 'upstream', value: { title: 'The Lighthouse Keeper', posterPath: '/m603001.png' } });
    await lab.simulator.control.pause();
    lab.layer.cache.set('overseerr', 'movie', 'movie:603001', movie.value, { ttlMs: 0, staleIfErrorMs: 60_000 });
    const cached = await lab.client.movie(603_001);
    expect(cached).toMatchObject({ source: 'cache', stale: true, value: { title: 'The Lighthouse Keeper' } });
  });
});
