import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryItem, LibrarySection, PlexStatus } from '../../../../shared/contract/areas/plex';
import { createFakeCore, fakePlexStatus } from '../../testing/fake-core';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';
import { backupBannerText } from './library-page';

const sections: LibrarySection[] = [
  { key: '1', title: 'Movies', type: 'movie', itemCount: 2, locations: ['/data/movies'], agent: null, lastSyncedAt: 1 },
  { key: '2', title: 'TV Shows', type: 'show', itemCount: 1, locations: ['/data/tv'], agent: null, lastSyncedAt: 1 },
];

function item(ratingKey: string, sectionKey: string, title: string): LibraryItem {
  return { ratingKey, sectionKey, type: sectionKey === '1' ? 'movie' : 'show', title, originalTitle: null, year: 2001, poster: null, addedAt: 1, rating: null, watched: false, progress: null };
}

const items = [item('11', '1', 'Amélie'), item('12', '1', 'Amelia Returns'), item('21', '2', 'Amélie: The Series')];

function linkedCore(patch: Partial<PlexStatus> = {}) {
  const core = createFakeCore({ settings: fakePublicSettings({ services: { plex: { baseUrl: 'http://plex:32400', enabled: true } }, secrets: { 'plex.token': true } }) });
  const status: PlexStatus = { ...fakePlexStatus(core.settings), itemCount: 3, ...patch };
  core.transport
    .handle('plex:status', () => status)
    .handle('plex:sections', () => sections)
    .handle('plex:genres', () => ['Drama'])
    .handle('plex:items', ({ sectionKey }) => ({ items: items.filter((entry) => entry.sectionKey === sectionKey), total: items.filter((entry) => entry.sectionKey === sectionKey).length }))
    .handle('plex:search', ({ query }) => ({ query, items: items.filter((entry) => entry.title.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').includes(query.toLowerCase())) }));
  return core;
}

describe('LibraryPage', () => {
  beforeEach(() => resetLocation('#/library'));
  afterEach(cleanupApp);

  it('offers sign-in when nobody is signed in', async () => {
    renderApp();
    const empty = await screen.findByTestId('library-signed-out');
    expect(within(empty).getByRole('button', { name: 'Sign in with Plex' })).toBeTruthy();
  });

  it('shows the offline banner with the time of the last sync while Plex is down', async () => {
    const asOf = new Date(2026, 11, 1, 14, 2).getTime();
    renderApp(linkedCore({ online: false, backup: { active: true, asOf, reason: 'Connection refused' } }));
    const banner = await screen.findByTestId('plex-offline-banner');
    expect(banner.textContent).toContain(backupBannerText({ backup: { active: true, asOf, reason: null } } as PlexStatus));
    expect(banner.textContent).toMatch(/Plex is offline: showing your library as of (14:02|0?2:02\s?PM)/);
  });

  it('searches as the user types and groups the results by section', async () => {
    const user = userEvent.setup();
    const core = renderApp(linkedCore());
    await screen.findByRole('tab', { name: /Movies/ });
    await user.type(screen.getByTestId('library-search'), 'amel');
    const results = await screen.findByTestId('search-results');
    await act(async () => undefined);
    expect(within(results).getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(['Movies', 'TV Shows']);
    expect(results.getAttribute('data-query')).toBe('amel');
    // One request per key: no debounce.
    expect(core.transport.callsTo('plex:search').map((payload) => (payload as { query: string }).query)).toEqual(['a', 'am', 'ame', 'amel']);
  });
});
