/**
 * Reconciliation against the simulator with every webhook dropped: one pass
 * brings each tracked request's state up to date, and a request held past
 * the threshold is marked stuck with Retry reaching /request/{id}/retry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOVIE_BASE } from './simulator/sim-catalogue';
import { PERMISSION } from './simulator/sim-state';
import { startFeatureLab, type FeatureLab } from './overseerr-test-kit';

const HOUR = 3_600_000;

describe('reconciliation', () => {
  let lab: FeatureLab;
  beforeEach(async () => {
    lab = await startFeatureLab({
      simulator: { keyUserPermissions: PERMISSION.REQUEST | PERMISSION.MANAGE_REQUESTS },
      fakeClock: true,
      timing: { stuckAfterMs: 2 * HOUR },
    });
    lab.simulator.control.dropWebhooks(true);
  });
  afterEach(() => lab.dispose());

  const request = async (n: number) => {
    const view = await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + n, is4k: false });
    await lab.feature.outbox.idle();
    return view;
  };
  const view = async (id: string) => (await lab.feature.handlers['overseerr:requests'](undefined)).find((candidate) => candidate.id === id)!;
  const overseerrId = (id: string) => lab.feature.store.get(id)!.overseerrId!;

  it('moves every tracked request to its true state within one poll, webhooks or not', async () => {
    const [a, b, c, d] = [await request(1), await request(2), await request(3), await request(4)];
    expect((await view(a.id)).state).toBe('pending');
    // Overseerr moves on while every webhook is lost.
    for (const id of [a, b].map((r) => overseerrId(r.id))) for (let step = 0; step < 3; step++) lab.simulator.control.advance(id);
    lab.simulator.control.advance(overseerrId(c.id));
    lab.simulator.control.decline(overseerrId(d.id));
    await lab.simulator.control.webhooksSettled();
    expect(lab.simulator.control.webhooks.every((delivery) => delivery.outcome === 'dropped')).toBe(true);
    // Plex has the two new films; the index learns of them by syncing that one item each.
    for (const r of [a, b]) {
      const ratingKey = lab.simulator.control.request(overseerrId(r.id))!.media.ratingKey!;
      lab.plex.pending.set(ratingKey, { ratingKey, title: r.title, tmdb: String(r.tmdbId) });
    }
    await lab.feature.reconciler.reconcile();
    await lab.feature.tracker.settled();
    expect([(await view(a.id)).state, (await view(b.id)).state, (await view(c.id)).state, (await view(d.id)).state]).toEqual(['available', 'available', 'approved', 'declined']);
    expect(lab.events.filter(({ event }) => event === 'media:available').map(({ payload }) => (payload as { tmdbId: number }).tmdbId).sort()).toEqual([MOVIE_BASE + 1, MOVIE_BASE + 2]);
    expect(lab.plex.syncs).toHaveLength(2);
    expect((await view(a.id)).inPlex).toEqual({ ratingKey: lab.simulator.control.request(overseerrId(a.id))!.media.ratingKey });
    const alerts = lab.events.filter(({ event }) => event === 'overseerr:alerted').map(({ payload }) => payload as { title: string; target: { kind: string } });
    expect(alerts.filter((alert) => alert.title.endsWith('is available')).map((alert) => alert.target.kind)).toEqual(['library', 'library']);
    // Nothing moved since: a second pass changes nothing and announces nothing.
    const before = lab.events.length;
    expect((await lab.feature.reconciler.reconcile()).changes).toBe(0);
    expect(lab.events.slice(before).filter(({ event }) => event !== 'overseerr:request-changed')).toEqual([]);
    // Only c's media moves now; Overseerr leaves its approved request's updatedAt alone, so the
    // changes since the cursor do not list it, and the one-by-one read must catch it.
    const stamp = lab.simulator.control.request(overseerrId(c.id))!.updatedAt;
    lab.simulator.control.advance(overseerrId(c.id));
    lab.simulator.control.advance(overseerrId(c.id));
    expect(lab.simulator.control.request(overseerrId(c.id))!.updatedAt).toBe(stamp);
    await lab.feature.reconciler.reconcile();
    expect((await view(c.id)).state).toBe('available');
  });

  it('marks a request pending past the threshold as stuck with the reason, and Retry reaches /request/{id}/retry', async () => {
    const held = await request(9);
    await lab.feature.reconciler.reconcile();
    expect((await view(held.id)).stuck).toBeNull();
    lab.clock.now += 2 * HOUR + 1;
    await lab.feature.reconciler.reconcile();
    const stuck = await view(held.id);
    expect(stuck.stuck?.reason).toContain('waiting for approval');
    expect(stuck).toMatchObject({ state: 'pending', canRetry: true, detail: stuck.stuck!.reason });
    const retried = await lab.feature.handlers['overseerr:retry']({ id: held.id });
    expect(lab.simulator.control.apiCalls.filter((call) => call.method === 'POST' && call.path === `/api/v1/request/${overseerrId(held.id)}/retry`)).toHaveLength(1);
    expect(lab.simulator.control.request(overseerrId(held.id))!.retries).toBe(1);
    // The stuck clock starts again.
    expect(retried.stuck).toBeNull();
  });

  it('says a request Overseerr no longer has was removed there', async () => {
    const gone = await request(11);
    await fetch(`${lab.simulator.url}/api/v1/request/${overseerrId(gone.id)}`, { method: 'DELETE', headers: { 'X-Api-Key': 'lab-overseerr-key' } });
    await lab.feature.reconciler.reconcile();
    expect(await view(gone.id)).toMatchObject({ state: 'removed', label: 'Removed in Overseerr' });
  });
});
