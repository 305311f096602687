/**
 * The outbox against the simulator: requests made while Overseerr is away
 * reach it exactly once, in order, when it is back, whatever way it was away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MOVIE_BASE } from './simulator/sim-catalogue';
import { startFeatureLab, type FeatureLab } from './overseerr-test-kit';

async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every request the simulator holds, by TMDB id, with how many times each. */
function stored(lab: FeatureLab): Map<number, number> {
  const counts = new Map<number, number>();
  for (const request of lab.simulator.control.requestsJson()) {
    const tmdbId = (request.media as { tmdbId: number }).tmdbId;
    counts.set(tmdbId, (counts.get(tmdbId) ?? 0) + 1);
  }
  return counts;
}

describe('outbox delivery', () => {
  let lab: FeatureLab | undefined;
  afterEach(async () => {
    await lab?.dispose();
    lab = undefined;
  });

  const request100 = async (current: FeatureLab) => {
    for (let i = 1; i <= 100; i++) {
      const view = await current.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + i, is4k: false });
      expect(view.state).toBe('waiting');
    }
  };

  it('keeps 100 requests made while Overseerr is down and sends each exactly once, in order, when it is back', async () => {
    lab = await startFeatureLab();
    await lab.simulator.control.pause();
    await request100(lab);
    await lab.feature.outbox.idle();
    const waiting = await lab.feature.handlers['overseerr:requests'](undefined);
    expect(waiting.filter((view) => view.state === 'waiting')).toHaveLength(100);
    expect(waiting[0]!.detail).toContain('refused');
    await lab.simulator.control.resume();
    // What the health monitor announces when Overseerr answers again.
    lab.bus.emit('service:up', { upstream: 'overseerr', service: 'overseerr', at: Date.now() });
    await until(() => lab!.feature.store.outboxSize() === 0);
    const counts = stored(lab);
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    // In the order they were asked for: Overseerr's ids follow our submissions.
    const order = lab.simulator.control.requestsJson().sort((a, b) => (a.id as number) - (b.id as number)).map((request) => (request.media as { tmdbId: number }).tmdbId);
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => MOVIE_BASE + i + 1));
    const sent = await lab.feature.handlers['overseerr:requests'](undefined);
    expect(sent.every((view) => view.overseerrId !== null && view.state === 'approved')).toBe(true);
    expect(lab.events.filter(({ event }) => event === 'media:requested')).toHaveLength(100);
  }, 20_000);

  it('looks before posting again after connections were dropped mid-request, and still sends each once', async () => {
    lab = await startFeatureLab();
    lab.simulator.control.setMode({ kind: 'drop' });
    for (let i = 1; i <= 10; i++) await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + i, is4k: false });
    await lab.feature.outbox.idle();
    // A dropped connection may have done its work: the head is held as "in flight".
    expect(lab.feature.store.outboxHead()?.outbox?.inFlight).toBe(true);
    lab.simulator.control.reset();
    lab.bus.emit('service:up', { upstream: 'overseerr', service: 'overseerr', at: Date.now() });
    await until(() => lab!.feature.store.outboxSize() === 0);
    expect([...stored(lab).values()]).toEqual(Array(10).fill(1));
  }, 20_000);

  it('links the request Overseerr stored before it timed out, instead of sending it twice', async () => {
    lab = await startFeatureLab();
    lab.simulator.control.setFault({ kind: 'store-then-hang' });
    await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 42, is4k: false });
    await until(() => lab!.simulator.control.requestFor('movie', MOVIE_BASE + 42).length === 1);
    await lab.feature.outbox.idle();
    expect(lab.feature.store.outboxHead()?.outbox?.inFlight).toBe(true);
    lab.simulator.control.setFault(undefined);
    lab.feature.store.release(Date.now());
    lab.feature.outbox.kick();
    await until(() => lab!.feature.store.outboxSize() === 0);
    expect(lab.simulator.control.requestFor('movie', MOVIE_BASE + 42)).toHaveLength(1);
    const [view] = await lab.feature.handlers['overseerr:requests'](undefined);
    expect(view).toMatchObject({ state: 'approved', overseerrId: lab.simulator.control.requestFor('movie', MOVIE_BASE + 42)[0]!.id });
    // The second attempt looked (GET /movie/{id}) and never posted again.
    expect(lab.simulator.control.requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/request')).toHaveLength(1);
  }, 20_000);

  it('links a request Overseerr already has (409) and shows a refusal (403 quota) in words', async () => {
    lab = await startFeatureLab();
    // Someone asked for it in Overseerr itself.
    await lab.client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + 7, is4k: false });
    const linked = await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 7, is4k: false });
    await until(() => lab!.feature.store.outboxSize() === 0);
    expect(lab.feature.store.get(linked.id)).toMatchObject({ phase: 'sent', overseerrId: 1 });
    lab.simulator.control.setKeyUserPermissions(32);
    lab.simulator.control.setQuota({ movie: { limit: 1, days: 7 } });
    const refused = await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 8, is4k: false });
    await until(() => lab!.feature.store.outboxSize() === 0);
    const [view] = (await lab.feature.handlers['overseerr:requests'](undefined)).filter((candidate) => candidate.id === refused.id);
    expect(view).toMatchObject({ state: 'refused', label: 'Not sent', detail: "Overseerr refused the request: the Overseerr user's request quota is used up.", canRetry: true });
    expect(lab.simulator.control.requestFor('movie', MOVIE_BASE + 8)).toHaveLength(0);
  }, 20_000);

  it('never sends the same request twice when asked twice, and lets a waiting one be cancelled', async () => {
    lab = await startFeatureLab();
    await lab.simulator.control.pause();
    const first = await lab.feature.handlers['overseerr:request']({ mediaType: 'tv', tmdbId: 400_002, seasons: [2, 1], is4k: false });
    const again = await lab.feature.handlers['overseerr:request']({ mediaType: 'tv', tmdbId: 400_002, seasons: [1, 2], is4k: false });
    expect(again.id).toBe(first.id);
    const other = await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 3, is4k: false });
    await lab.feature.outbox.idle();
    // The head may be in flight (its POST was tried); the one behind it was never sent.
    expect(await lab.feature.handlers['overseerr:cancel']({ id: other.id })).toEqual({ cancelled: true });
    await lab.simulator.control.resume();
    lab.bus.emit('service:up', { upstream: 'overseerr', service: 'overseerr', at: Date.now() });
    await until(() => lab!.feature.store.outboxSize() === 0);
    expect(lab.simulator.control.requestFor('tv', 400_002)).toHaveLength(1);
    expect(lab.simulator.control.requestFor('movie', MOVIE_BASE + 3)).toHaveLength(0);
  }, 20_000);
});

describe('outbox against the integration layer fault modes', () => {
  let lab: FeatureLab | undefined;
  afterEach(async () => {
    await lab?.dispose();
    lab = undefined;
  });

  it('links a request whose answer was unreadable JSON (stored all the same), and waits out a 429 with Retry-After', async () => {
    lab = await startFeatureLab();
    lab.simulator.control.setFault({ kind: 'malformed' });
    await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 61, is4k: false });
    await until(() => lab!.simulator.control.requestFor('movie', MOVIE_BASE + 61).length === 1);
    await lab.feature.outbox.idle();
    expect(lab.feature.store.outboxHead()?.outbox?.inFlight).toBe(true);
    lab.simulator.control.setFault({ kind: 'status', status: 429, retryAfter: '1' });
    lab.feature.store.release(Date.now());
    lab.feature.outbox.kick();
    await lab.feature.outbox.idle();
    // Told to slow down: it waits at least the second Overseerr asked for.
    const head = lab.feature.store.outboxHead()!;
    expect(head.outbox!.nextAttemptAt - Date.now()).toBeGreaterThan(500);
    lab.simulator.control.setFault(undefined);
    await until(() => lab!.feature.store.outboxSize() === 0, 5000);
    expect(lab.simulator.control.requestFor('movie', MOVIE_BASE + 61)).toHaveLength(1);
    expect(lab.simulator.control.requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/request')).toHaveLength(1);
  }, 20_000);

  it('keeps waiting on 5xx and redirects, and sends once Overseerr answers as itself again', async () => {
    lab = await startFeatureLab();
    lab.simulator.control.setFault({ kind: 'status', status: 502 });
    await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 62, is4k: false });
    await lab.feature.outbox.idle();
    lab.simulator.control.setFault(undefined);
    lab.simulator.control.setMode({ kind: 'redirect', location: '/login' });
    lab.feature.store.release(Date.now());
    lab.feature.outbox.kick();
    await lab.feature.outbox.idle();
    expect(lab.feature.store.outboxHead()?.state).toBe('waiting');
    lab.simulator.control.reset();
    lab.feature.store.release(Date.now());
    lab.feature.outbox.kick();
    await until(() => lab!.feature.store.outboxSize() === 0);
    expect(lab.simulator.control.requestFor('movie', MOVIE_BASE + 62)).toHaveLength(1);
  }, 20_000);
});
