import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOverseerrLab, type OverseerrLab } from './overseerr-test-kit';
import { createRequestsOffFeature } from './requests-off-feature';
import { noPlexTitles } from './plex-titles-port';

describe('requests while medianest.db cannot be used', () => {
  let lab: OverseerrLab;
  beforeEach(async () => {
    lab = await startOverseerrLab();
  });
  afterEach(() => lab.dispose());

  it('still searches and shows details, but makes no request it could not keep, and says why', async () => {
    const reason = 'medianest.db was written by a newer MediaNest (schema 9; this one knows 5).';
    const feature = createRequestsOffFeature({ gateway: lab.layer.gateway, plex: noPlexTitles(), reason });
    const page = await feature.handlers['overseerr:search']({ query: 'Lighthouse', page: 1 });
    expect(page.results.map((result) => result.title)).toEqual(['The Lighthouse Keeper']);
    expect((await feature.handlers['overseerr:details']({ mediaType: 'movie', tmdbId: 603_001 })).source).toBe('overseerr');
    expect(() => feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: 603_001, is4k: false })).toThrow(expect.objectContaining({ code: 'DATA_UNAVAILABLE', message: `Requests are off for now: ${reason}` }));
    expect(await feature.handlers['overseerr:requests'](undefined)).toEqual([]);
    expect((await feature.handlers['overseerr:webhook'](undefined)).problem).toContain(reason);
    expect(lab.simulator.control.requestsJson()).toEqual([]);
  });
});
