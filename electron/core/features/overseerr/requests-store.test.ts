import { describe, expect, it } from 'vitest';
import { openDataDb } from '../../db/databases';
import { createRequestsStore, requestIdentity } from './requests-store';

const movie = { mediaType: 'movie' as const, tmdbId: 603, title: 'A Film', seasons: [] as number[], is4k: false };

describe('requests store', () => {
  it('names a request by media type, TMDB id, 4K and seasons', () => {
    expect(requestIdentity(movie)).toBe('movie:603:hd:-');
    expect(requestIdentity({ mediaType: 'tv', tmdbId: 9, is4k: true, seasons: [3, 1, 3] })).toBe('tv:9:4k:1,3');
    expect(requestIdentity({ mediaType: 'tv', tmdbId: 9, is4k: false, seasons: 'all' })).toBe('tv:9:hd:all');
  });

  it('writes a request and its outbox entry in one transaction: both or neither', () => {
    const db = openDataDb(':memory:');
    const store = createRequestsStore(db);
    db.exec(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON overseerr_outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => store.submit(movie, 1)).toThrow('disk full');
    expect(store.list()).toEqual([]);
    db.exec('DROP TRIGGER refuse_outbox');
    const { request, created } = store.submit(movie, 1);
    expect(created).toBe(true);
    expect(request).toMatchObject({ phase: 'outbox', state: 'waiting', outbox: { attempts: 0, inFlight: false } });
    expect(store.submit({ ...movie, title: 'Again' }, 2)).toMatchObject({ created: false, request: { id: request.id } });
    expect(store.submit({ ...movie, is4k: true }, 3).created).toBe(true);
  });

  it('keeps the order it was asked in and clears the entry only with an outcome', () => {
    const store = createRequestsStore(openDataDb(':memory:'));
    const first = store.submit(movie, 1).request;
    const second = store.submit({ ...movie, tmdbId: 604 }, 2).request;
    expect(store.outboxHead()?.id).toBe(first.id);
    store.markInFlight(first.id, 3);
    store.retryLater(first.id, 100, 'down', true, 3);
    expect(store.outboxHead()).toMatchObject({ id: first.id, outbox: { attempts: 1, inFlight: true, nextAttemptAt: 100, lastError: 'down' } });
    // In flight: its outcome is unknown, so it cannot be withdrawn; the one behind it can.
    expect(store.cancel(first.id)).toBe(false);
    const change = store.markSent(first.id, { overseerrId: 7, requestStatus: 2, mediaStatus: 2 }, 4);
    expect(change).toMatchObject({ previous: 'waiting', changed: true, request: { phase: 'sent', state: 'approved', overseerrId: 7, outbox: null, stateSince: 4 } });
    expect(store.outboxHead()?.id).toBe(second.id);
    expect(store.cancel(second.id)).toBe(true);
    expect(store.outboxSize()).toBe(0);
  });

  it('moves states with their clock, keeps unknown codes and ends stuck on a change', () => {
    const store = createRequestsStore(openDataDb(':memory:'));
    const { request } = store.submit(movie, 1);
    store.markSent(request.id, { overseerrId: 1, requestStatus: 1, mediaStatus: 2 }, 10);
    store.setStuck(request.id, 'waiting for approval', 20);
    expect(store.applyUpstream(request.id, { requestStatus: 1, mediaStatus: 2 }, 30)).toMatchObject({ changed: false, request: { stateSince: 10, stuckReason: 'waiting for approval' } });
    expect(store.applyUpstream(request.id, { requestStatus: 2, mediaStatus: 7 }, 40)).toMatchObject({ changed: true, request: { state: 'unknown', unknownCode: 7, stateSince: 40, stuckReason: null } });
    expect(store.unsettled(10).map((r) => r.id)).toEqual([request.id]);
    store.applyUpstream(request.id, { requestStatus: 2, mediaStatus: 5 }, 50);
    expect(store.unsettled(10)).toEqual([]);
  });

  it('sends a refused request again on Retry', () => {
    const store = createRequestsStore(openDataDb(':memory:'));
    const { request } = store.submit(movie, 1);
    store.markRefused(request.id, 'quota', 2);
    expect(store.get(request.id)).toMatchObject({ phase: 'refused', state: 'refused', refusal: 'quota', outbox: null });
    expect(store.requeue(request.id, 3)).toMatchObject({ phase: 'outbox', state: 'waiting', refusal: null, outbox: { attempts: 0 } });
  });
});
