import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { CreateRequest, RequestView, SearchResult, TitleDetails } from '../../../../shared/contract/areas/overseerr';
import { createFakeCore, type FakeCore } from '../../testing/fake-core';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

const now = Date.now();

function result(patch: Partial<SearchResult>): SearchResult {
  return { mediaType: 'movie', tmdbId: 1, title: 'A Film', year: 2020, overview: null, poster: null, availability: 'none', availabilityLabel: null, unknownCode: null, inPlex: null, requestId: null, ...patch };
}

function view(patch: Partial<RequestView>): RequestView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    mediaType: 'movie',
    tmdbId: 1,
    title: 'A Film',
    year: 2020,
    poster: null,
    seasons: [],
    is4k: false,
    state: 'waiting',
    label: 'Waiting to send',
    unknownCode: null,
    detail: null,
    stuck: null,
    nextAttemptAt: null,
    overseerrId: null,
    inPlex: null,
    createdAt: now,
    changedAt: now,
    canCancel: true,
    canRetry: false,
    ...patch,
  };
}

const show: TitleDetails = {
  mediaType: 'tv',
  tmdbId: 7,
  title: 'Harbour Lights',
  year: 2018,
  overview: 'A coastal town.',
  poster: null,
  source: 'cache',
  sourceNote: 'Overseerr could not be reached: these details are the copy MediaNest kept.',
  cachedAt: now - 60_000,
  availability: 'partially-available',
  availabilityLabel: 'Partly available',
  seasons: [
    { seasonNumber: 1, name: 'Season 1', episodeCount: 8, availability: 'available', label: 'Available', requested: false },
    { seasonNumber: 2, name: 'Season 2', episodeCount: 8, availability: 'none', label: null, requested: false },
    { seasonNumber: 3, name: 'Season 3', episodeCount: 10, availability: 'none', label: null, requested: false },
  ],
  inPlex: { ratingKey: '55' },
  requestId: null,
};

describe('RequestsPage', () => {
  let core: FakeCore;
  let requests: RequestView[];
  let sent: CreateRequest[];
  beforeEach(() => {
    resetLocation('#/requests');
    requests = [];
    sent = [];
    core = createFakeCore({
      settings: fakePublicSettings({ services: { overseerr: { enabled: true, baseUrl: 'http://nas:5055' } }, secrets: { 'overseerr.apiKey': true } }),
    });
    core.transport
      .handle('overseerr:requests', () => requests)
      .handle('overseerr:search', ({ query }) => ({
        query,
        page: 1,
        totalPages: 1,
        totalResults: 3,
        results: [
          result({ tmdbId: 1, title: 'In Plex Already', inPlex: { ratingKey: '41' }, availability: 'available', availabilityLabel: 'Available' }),
          result({ tmdbId: 2, title: 'Not Yet' }),
          result({ mediaType: 'tv', tmdbId: 7, title: 'Harbour Lights', availability: 'partially-available', availabilityLabel: 'Partly available' }),
        ],
      }))
      .handle('overseerr:details', () => show)
      .handle('overseerr:quota', () => ({ movie: { limit: 10, remaining: 3, days: 7, restricted: false }, tv: null }))
      .handle('overseerr:request', (request) => {
        sent.push(request);
        const made = view({ mediaType: 'tv', tmdbId: 7, title: 'Harbour Lights', seasons: request.seasons ?? [], detail: 'Overseerr could not be reached (connection refused). MediaNest keeps it and sends it when Overseerr answers.' });
        requests = [made];
        return made;
      });
  });
  afterEach(cleanupApp);

  it('searches, offers Open in Plex for what Plex has, and requests chosen seasons of a show', async () => {
    const user = userEvent.setup();
    renderApp(core);
    await user.type(await screen.findByRole('searchbox', { name: 'Search Overseerr' }), 'harbour');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const grid = await screen.findByRole('list', { name: 'Search results for harbour' });
    expect((await screen.findByTestId('quota')).textContent).toBe("Overseerr's request limit: Films: 3 of 10 left in 7 days");
    expect(within(grid).getByRole('button', { name: 'Open in Plex: In Plex Already' })).toBeTruthy();
    expect(within(grid).getByText('In Plex')).toBeTruthy();
    await user.click(within(grid).getByRole('button', { name: 'Request: Harbour Lights' }));
    const dialog = await screen.findByRole('dialog', { name: /Harbour Lights/ });
    // Where the details came from, and the seasons: one already in Plex, the missing ones chosen.
    await within(dialog).findByText(show.sourceNote);
    expect((within(dialog).getByRole('checkbox', { name: /Season 1/ }) as HTMLInputElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('checkbox', { name: /Season 3/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Request season 2' }));
    expect(sent).toEqual([{ mediaType: 'tv', tmdbId: 7, is4k: false, seasons: [2] }]);
    const item = await screen.findByTestId('request-item');
    expect(within(item).getByText('Waiting to send')).toBeTruthy();
    expect(within(item).getByText('Season 2')).toBeTruthy();
    expect(within(item).getByText(/MediaNest keeps it/)).toBeTruthy();
  });

  it('opens an item Plex has in the library', async () => {
    const asked: string[] = [];
    core.transport.handle('plex:item', ({ ratingKey }) => {
      asked.push(ratingKey);
      throw new AppError('NOT_FOUND', 'Not in this test.');
    });
    const user = userEvent.setup();
    renderApp(core);
    await user.type(await screen.findByRole('searchbox', { name: 'Search Overseerr' }), 'plex');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByRole('button', { name: 'Open in Plex: In Plex Already' }));
    expect(window.location.hash).toBe('#/library/item-41');
    await expect.poll(() => asked).toEqual(['41']);
  });

  it('shows stuck, not sent and unknown statuses with what can be done', async () => {
    requests = [
      view({ id: '00000000-0000-4000-8000-000000000002', title: 'Held', state: 'pending', label: 'Pending approval', canCancel: false, canRetry: true, overseerrId: 3, stuck: { since: now - 3 * 86_400_000, reason: 'Overseerr still lists it as waiting for approval.' }, detail: 'Overseerr still lists it as waiting for approval.' }),
      view({ id: '00000000-0000-4000-8000-000000000003', title: 'Blocked', state: 'unknown', label: 'unknown status 6', unknownCode: 6, canCancel: false, overseerrId: 4 }),
      view({ id: '00000000-0000-4000-8000-000000000004', title: 'Refused', state: 'refused', label: 'Not sent', canCancel: false, canRetry: true, detail: "Overseerr refused the request: the Overseerr user's request quota is used up." }),
      view({ id: '00000000-0000-4000-8000-000000000005', title: 'Here', state: 'available', label: 'Available', canCancel: false, inPlex: { ratingKey: '9' } }),
    ];
    const retried: string[] = [];
    core.transport.handle('overseerr:retry', ({ id }) => (retried.push(id), requests[0]!));
    const user = userEvent.setup();
    renderApp(core);
    const items = await screen.findAllByTestId('request-item');
    expect(items.map((item) => item.getAttribute('data-state'))).toEqual(['pending', 'unknown', 'refused', 'available']);
    expect(within(items[0]!).getByText('Stuck')).toBeTruthy();
    expect(within(items[1]!).getByText('unknown status 6')).toBeTruthy();
    expect(within(items[2]!).getByText(/quota is used up/)).toBeTruthy();
    expect(within(items[3]!).getByRole('button', { name: 'Open in Plex' })).toBeTruthy();
    expect(within(items[1]!).queryByRole('button', { name: 'Retry' })).toBeNull();
    await user.click(within(items[0]!).getByRole('button', { name: 'Retry' }));
    expect(retried).toEqual(['00000000-0000-4000-8000-000000000002']);
  });

  it('cancels a waiting request after asking once more', async () => {
    requests = [view({ title: 'Wait For Me' })];
    const cancelled: string[] = [];
    core.transport.handle('overseerr:cancel', ({ id }) => (cancelled.push(id), { cancelled: true }));
    const user = userEvent.setup();
    renderApp(core);
    const item = await screen.findByTestId('request-item');
    await user.click(within(item).getByRole('button', { name: 'Cancel request' }));
    await user.click(within(item).getByRole('button', { name: 'Yes, cancel it' }));
    expect(cancelled).toEqual([requests[0]!.id]);
    expect(await screen.findByText('No requests yet')).toBeTruthy();
  });

  it('follows changes pushed by the core', async () => {
    requests = [view({ title: 'Live' })];
    renderApp(core);
    await screen.findByText('Waiting to send');
    core.transport.emit('overseerr:request-changed', view({ title: 'Live', state: 'available', label: 'Available', canCancel: false }));
    expect(await screen.findByText('Available')).toBeTruthy();
  });
});
