/**
 * Titles for the Requests page: posters through the binary route, search
 * with availability and "in Plex", details from Plex, then Overseerr, then
 * the cached copy.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOVIE_BASE, SHOW_BASE } from './simulator/sim-catalogue';
import { createTmdbImageSimulator, type TmdbImageSimulator } from './simulator/tmdb-image-simulator';
import { startFeatureLab, type FeatureLab } from './overseerr-test-kit';

describe('titles, posters and the degradation chain', () => {
  let images: TmdbImageSimulator;
  let lab: FeatureLab;
  beforeEach(async () => {
    images = await createTmdbImageSimulator();
    lab = await startFeatureLab({
      requests: { tmdbImageBase: `${images.url}/t/p` },
      plexItems: [
        { ratingKey: '41', title: 'The Crimson Harbor (Plex)', year: 1991, tmdb: String(MOVIE_BASE + 2), summary: "Plex's own summary." },
        { ratingKey: '42', title: 'A show in Plex', tmdb: String(SHOW_BASE + 3) },
      ],
    });
  });
  afterEach(async () => {
    await lab.dispose();
    await images.close();
  });

  const resolve = async (path: string) => lab.binary.resolve(path.replace(/^binary\//, ''), new AbortController().signal);

  it('serves TMDB posters through the core, fetched once and kept, and never anything but an image', async () => {
    const page = await lab.feature.handlers['overseerr:search']({ query: 'Lighthouse', page: 1 });
    const poster = page.results[0]!.poster!;
    expect(poster).toBe('binary/overseerr-poster/w342/m603001.png');
    const first = await resolve(poster);
    expect(first?.contentType).toBe('image/png');
    expect((first?.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const second = await resolve(poster);
    expect(second?.body).toEqual(first?.body);
    expect(images.control.requests.filter((request) => request.path === '/t/p/w342/m603001.png')).toHaveLength(1);
    images.control.setAnswer('svg');
    expect(await resolve('binary/overseerr-poster/w342/m603002.png')).toBeNull();
    images.control.setAnswer('html');
    expect(await resolve('binary/overseerr-poster/w342/m603003.png')).toBeNull();
    for (const bad of ['overseerr-poster/w342/..%2Fsecret.png', 'overseerr-poster/huge/m1.png', 'overseerr-poster/w342/m1.svg']) expect(await lab.binary.resolve(bad, new AbortController().signal)).toBeNull();
  });

  it('marks search results already in Plex, and the ones already requested', async () => {
    const requested = await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 3, is4k: false });
    await lab.feature.outbox.idle();
    const page = await lab.feature.handlers['overseerr:search']({ query: 'The ', page: 1 });
    const byId = new Map(page.results.map((result) => [result.tmdbId, result]));
    expect(byId.get(MOVIE_BASE + 2)).toMatchObject({ inPlex: { ratingKey: '41' } });
    expect(byId.get(MOVIE_BASE + 3)).toMatchObject({ inPlex: null, requestId: requested.id, availability: 'pending', availabilityLabel: 'Requested' });
    expect(byId.get(MOVIE_BASE + 4)).toMatchObject({ availability: 'none', availabilityLabel: null, requestId: null });
  });

  it('takes details from Plex first, then Overseerr, then the copy it kept, and says which', async () => {
    const fromPlex = await lab.feature.handlers['overseerr:details']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 2 });
    expect(fromPlex).toMatchObject({ source: 'plex', title: 'The Crimson Harbor (Plex)', overview: "Plex's own summary.", inPlex: { ratingKey: '41' }, sourceNote: 'From your Plex library.' });
    // A film in Plex needs nothing from Overseerr.
    expect(lab.simulator.control.apiCalls.some((call) => call.path === `/api/v1/movie/${MOVIE_BASE + 2}`)).toBe(false);
    const show = await lab.feature.handlers['overseerr:details']({ mediaType: 'tv', tmdbId: SHOW_BASE + 3 });
    expect(show).toMatchObject({ source: 'plex', seasons: [{ seasonNumber: 1 }, { seasonNumber: 2 }, { seasonNumber: 3 }] });
    const fresh = await lab.feature.handlers['overseerr:details']({ mediaType: 'movie', tmdbId: 603_001 });
    expect(fresh).toMatchObject({ source: 'overseerr', sourceNote: 'From Overseerr.', cachedAt: null, title: 'The Lighthouse Keeper' });
    await lab.simulator.control.pause();
    // Past the copy's freshness, Overseerr is asked, fails, and the copy stands in.
    lab.layer.cache.set('overseerr', 'movie', 'movie:603001', (await lab.client.movie(603_001)).value, { ttlMs: 0, staleIfErrorMs: 60_000 });
    const cached = await lab.feature.handlers['overseerr:details']({ mediaType: 'movie', tmdbId: 603_001 });
    expect(cached).toMatchObject({ source: 'cache', title: 'The Lighthouse Keeper', cachedAt: expect.any(Number) });
    expect(cached.sourceNote).toContain('could not be reached');
    await expect(lab.feature.handlers['overseerr:details']({ mediaType: 'movie', tmdbId: 603_002 })).rejects.toMatchObject({ code: 'UPSTREAM_UNREACHABLE' });
  });
});
