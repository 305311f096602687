/**
 * The webhook receiver on a real listener, fed by the simulator's webhook
 * agent (the default template) and by hand-made deliveries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookSetup } from '../../../../shared/contract/areas/overseerr';
import { MOVIE_BASE } from './simulator/sim-catalogue';
import { startFeatureLab, type FeatureLab } from './overseerr-test-kit';

describe('webhook receiver', () => {
  let lab: FeatureLab;
  let setup: WebhookSetup;
  let requestId: string;
  let overseerrId: number;
  beforeEach(async () => {
    lab = await startFeatureLab();
    setup = await lab.feature.handlers['overseerr:webhook'](undefined);
    requestId = (await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + 5, is4k: false })).id;
    await lab.feature.outbox.idle();
    overseerrId = lab.feature.store.get(requestId)!.overseerrId!;
  });
  afterEach(() => lab.dispose());

  const send = (body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    fetch(setup.url!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: setup.authorization!, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body), ...init });
  const available = () => ({
    notification_type: 'MEDIA_AVAILABLE',
    event: 'Movie Request Now Available',
    subject: 'x',
    message: '',
    image: '',
    media: { media_type: 'movie', tmdbId: String(MOVIE_BASE + 5), tvdbId: '', status: 'AVAILABLE', status4k: 'UNKNOWN' },
    request: { request_id: String(overseerrId), requestedBy_email: 'admin@medianest.local', requestedBy_username: 'admin', requestedBy_avatar: '' },
    issue: null,
    comment: null,
    extra: [],
  });
  const state = () => lab.feature.store.get(requestId)!.state;
  const count = (event: string) => lab.events.filter((entry) => entry.event === event).length;

  it('shows the address, the Authorization value and the template to paste, listening on the configured address', () => {
    expect(setup).toMatchObject({ enabled: true, listening: true, types: expect.arrayContaining(['MEDIA_AVAILABLE', 'MEDIA_APPROVED']) });
    expect(setup.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/overseerr$/);
    expect(setup.authorization).toMatch(/^Bearer [\w-]{20,}$/);
    expect(JSON.parse(setup.template)).toHaveProperty(['{{media}}', 'tmdbId'], '{{media_tmdbid}}');
  });

  it('refuses a wrong or missing secret with 401 and changes nothing', async () => {
    const before = lab.events.length;
    expect((await send(available(), { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(setup.url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(available()) })).status).toBe(401);
    expect(state()).toBe('approved');
    expect(lab.events.slice(before)).toEqual([]);
  });

  it('refuses oversize, malformed and mistyped bodies with 4xx and changes nothing', async () => {
    const before = lab.events.length;
    expect((await send({ ...available(), message: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await send('{"notification_type": "MEDIA_AVAILABLE",')).status).toBe(400);
    // With the template every value is a string: a number is not Overseerr's delivery.
    expect((await send({ ...available(), media: { ...available().media, tmdbId: MOVIE_BASE + 5 } })).status).toBe(400);
    expect((await send(available(), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(setup.url!, { headers: { authorization: setup.authorization! } })).status).toBe(405);
    expect((await fetch(setup.url!.replace('/webhooks/overseerr', '/other'), { method: 'POST', headers: { authorization: setup.authorization! } })).status).toBe(404);
    expect(state()).toBe('approved');
    expect(lab.events.slice(before)).toEqual([]);
  });

  it('logs and ignores a type it does not act on', async () => {
    const response = await send({ notification_type: 'ISSUE_CREATED', subject: 'Bad audio', media: available().media, request: null, issue: { issue_id: '1' }, comment: null, extra: [] });
    expect(response.status).toBe(202);
    expect(state()).toBe('approved');
  });

  it('marks the request available once for a delivery sent twice, announces it and syncs that item into the index', async () => {
    const ratingKey = '777';
    lab.plex.pending.set(ratingKey, { ratingKey, title: 'Synced', tmdb: String(MOVIE_BASE + 5) });
    // Overseerr learned the item's Plex key from its own scan.
    lab.simulator.control.request(overseerrId)!.media.ratingKey = ratingKey;
    expect((await send(available())).status).toBe(200);
    expect((await send(available())).status).toBe(200);
    await lab.feature.tracker.settled();
    expect(state()).toBe('available');
    expect(count('media:available')).toBe(1);
    expect(lab.plex.syncs).toEqual([ratingKey]);
    const alerts = lab.events.filter(({ event }) => event === 'overseerr:alerted').map(({ payload }) => payload);
    expect(alerts).toEqual([{ title: `${lab.feature.store.get(requestId)!.title} is available`, body: 'Open it in your library.', target: { kind: 'library', ratingKey } }]);
    // A late APPROVED never takes it back.
    expect((await send({ ...available(), notification_type: 'MEDIA_APPROVED', media: { ...available().media, status: 'PROCESSING' } })).status).toBe(200);
    expect(state()).toBe('available');
  });

  it("takes the simulator's real deliveries and confirms Overseerr's test", async () => {
    lab.simulator.control.setWebhook({ webhookUrl: setup.url!, authHeader: setup.authorization! });
    lab.simulator.control.advance(overseerrId);
    lab.simulator.control.advance(overseerrId);
    await lab.simulator.control.webhooksSettled();
    expect(lab.simulator.control.webhooks.map((delivery) => `${delivery.type}:${delivery.status}`)).toEqual(['MEDIA_AVAILABLE:200']);
    expect(state()).toBe('available');
    await lab.simulator.control.sendTestNotification();
    const confirmed = await lab.feature.handlers['overseerr:webhook'](undefined);
    expect(confirmed.lastTestAt).toBeTypeOf('number');
    expect(lab.events.filter(({ event }) => event === 'overseerr:webhook-received').map(({ payload }) => (payload as { type: string }).type)).toEqual(['MEDIA_AVAILABLE', 'TEST_NOTIFICATION']);
  });

  it('stops accepting the old secret once a new one is made', async () => {
    const old = setup.authorization!;
    setup = await lab.feature.handlers['overseerr:webhook-new-secret'](undefined);
    expect(setup.authorization).not.toBe(old);
    expect((await send(available(), { authorization: old })).status).toBe(401);
    expect((await send(available())).status).toBe(200);
  });
});

describe('the webhook receiver on the Health page', () => {
  it('is up while listening, down with the reason when its port is taken, off when turned off', async () => {
    const lab = await startFeatureLab();
    const blocker = await lab.listeners.listen({ name: 'someone-else', host: '127.0.0.1', port: 0, handler: (_req, res) => res.end() });
    try {
      const updates: { state: string; error: string | null; observed: boolean }[] = [];
      lab.feature.healthSource.subscribe((update) => {
        for (const entry of update.changed) updates.push({ state: entry.state, error: entry.error, observed: update.observations.length > 0 });
      });
      expect(lab.feature.healthSource.entries()).toMatchObject([{ id: 'requests:webhook', service: 'overseerr', state: 'up', detail: expect.stringContaining('/webhooks/overseerr') }]);
      lab.changeSettings({ webhookPort: blocker.port });
      await expect.poll(() => updates.at(-1)?.state).toBe('down');
      expect(updates.at(-1)).toEqual({ state: 'down', error: `Port ${blocker.port} is already used by another program: choose another port.`, observed: true });
      lab.changeSettings({ webhookEnabled: false });
      await expect.poll(() => updates.at(-1)?.state).toBe('off');
    } finally {
      await blocker.close();
      await lab.dispose();
    }
  });
});
