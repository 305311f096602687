import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOverseerrSimulator, type OverseerrSimulator } from './overseerr-simulator';
import { MOVIE_BASE, SHOW_BASE } from './simulator/sim-catalogue';
import { PERMISSION } from './simulator/sim-state';

const KEY = 'sim-key';
const SAMPLES = join(process.cwd(), '..', 'shared', 'contracts', 'samples', 'overseerr-develop-46a9b244');

interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Overseerr simulator: requests, statuses and webhooks', () => {
  let sim: OverseerrSimulator;
  let clock: number;
  beforeEach(async () => {
    clock = Date.parse('2026-12-01T10:00:00.000Z');
    // A requester who may manage requests but does not auto-approve: requests start pending.
    sim = await createOverseerrSimulator({ apiKey: KEY, now: () => clock, keyUserPermissions: PERMISSION.REQUEST | PERMISSION.MANAGE_REQUESTS });
  });
  afterEach(() => sim.close());

  const post = (path: string, body: unknown, key: string | null = KEY) =>
    fetch(`${sim.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'X-Api-Key': key }) }, body: JSON.stringify(body) });

  it('validates requests against the API document before it looks at the key', async () => {
    const missing = await post('/request', { mediaType: 'movie' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ message: "request/body must have required property 'mediaId'", errors: [{ path: '/body/mediaId', message: "must have required property 'mediaId'" }] });
    expect((await post('/request', { mediaType: 'film', mediaId: 1 })).status).toBe(400);
    expect((await post('/request', { mediaType: 'tv', mediaId: SHOW_BASE + 1, seasons: [-1] })).status).toBe(400);
    // The validator's security check comes first: no key is 401 even for a bad body...
    expect((await post('/request', {}, null)).status).toBe(401);
    // ...then the body, then the key itself.
    expect((await post('/request', {}, 'wrong')).status).toBe(400);
    expect((await post('/request', { mediaType: 'movie', mediaId: MOVIE_BASE + 1 }, 'wrong')).status).toBe(403);
    const wrongMethod = await fetch(`${sim.url}/api/v1/request/count`, { method: 'POST', headers: { 'X-Api-Key': KEY } });
    expect(wrongMethod.status).toBe(405);
    expect(sim.control.requestsJson()).toEqual([]);
  });

  it('skips the duplicate check when is4k is missing, as the real server does, and answers 409 when it is sent', async () => {
    expect((await post('/request', { mediaType: 'movie', mediaId: MOVIE_BASE + 1 })).status).toBe(201);
    expect((await post('/request', { mediaType: 'movie', mediaId: MOVIE_BASE + 1 })).status).toBe(201);
    const duplicate = await post('/request', { mediaType: 'movie', mediaId: MOVIE_BASE + 1, is4k: false });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({ message: 'Request for this media already exists.' });
    expect(sim.control.requestFor('movie', MOVIE_BASE + 1)).toHaveLength(2);
  });

  it('moves a request pending → approved → processing → available, touching the request only when its own status changes', async () => {
    const created = (await (await post('/request', { mediaType: 'movie', mediaId: MOVIE_BASE + 7, is4k: false })).json()) as { id: number; status: number; updatedAt: string };
    expect(created.status).toBe(1);
    const read = async () => (await (await fetch(`${sim.url}/api/v1/request/${created.id}`, { headers: { 'X-Api-Key': KEY } })).json()) as { status: number; updatedAt: string; media: { status: number; ratingKey: string | null } };
    clock += 5_000;
    sim.control.advance(created.id);
    const approved = await read();
    expect([approved.status, approved.media.status]).toEqual([2, 2]);
    expect(approved.updatedAt).toBe('2026-12-01T10:00:05.000Z');
    clock += 5_000;
    sim.control.advance(created.id);
    clock += 5_000;
    sim.control.advance(created.id);
    const available = await read();
    expect([available.status, available.media.status]).toEqual([2, 5]);
    expect(available.media.ratingKey).not.toBeNull();
    // Overseerr keeps the approved request as it was: only its media moved.
    expect(available.updatedAt).toBe('2026-12-01T10:00:05.000Z');
    expect(sim.control.advance(created.id)).toBe(false);
  });

  it('sends webhooks with the default template and the configured Authorization, and drops them on demand', async () => {
    const receiver = await startReceiver();
    try {
      sim.control.setWebhook({ webhookUrl: receiver.url, authHeader: 'Bearer hook-secret' });
      const { id } = (await (await post('/request', { mediaType: 'tv', mediaId: SHOW_BASE + 2, seasons: [1, 2], is4k: false })).json()) as { id: number };
      sim.control.advance(id);
      await sim.control.webhooksSettled();
      expect(receiver.received.map((delivery) => delivery.body.notification_type)).toEqual(['MEDIA_PENDING', 'MEDIA_APPROVED']);
      const approved = receiver.received[1]!;
      expect(approved.headers.authorization).toBe('Bearer hook-secret');
      expect(approved.body).toMatchObject({
        event: 'Series Request Approved',
        media: { media_type: 'tv', tmdbId: String(SHOW_BASE + 2), tvdbId: String(SHOW_BASE + 2 + 500_000), status: 'PENDING', status4k: 'UNKNOWN' },
        request: { request_id: String(id), requestedBy_username: 'admin' },
        issue: null,
        comment: null,
        extra: [{ name: 'Requested Seasons', value: '1, 2' }],
      });
      if (existsSync(SAMPLES)) {
        // The same fields as a delivery recorded from a real server.
        const recorded = (JSON.parse(readFileSync(join(SAMPLES, 'webhook-006.json'), 'utf8')) as { body: Record<string, unknown> }).body;
        expect(Object.keys(approved.body).sort()).toEqual(Object.keys(recorded).sort());
        expect(Object.keys(approved.body.media as object).sort()).toEqual(Object.keys(recorded.media as object).sort());
      } else console.log(`Skipping the comparison with recorded webhooks: ${SAMPLES} is absent`);
      sim.control.dropWebhooks(true);
      sim.control.advance(id);
      sim.control.advance(id);
      await sim.control.webhooksSettled();
      expect(receiver.received).toHaveLength(2);
      expect(sim.control.webhooks.map((delivery) => `${delivery.type}:${delivery.outcome}`)).toEqual(['MEDIA_PENDING:sent', 'MEDIA_APPROVED:sent', 'MEDIA_AVAILABLE:dropped']);
      sim.control.dropWebhooks(false);
      await sim.control.sendTestNotification();
      expect(receiver.received[2]!.body).toMatchObject({ notification_type: 'TEST_NOTIFICATION', subject: 'Test Notification', media: null, request: null });
    } finally {
      await receiver.close();
    }
  });

  it('stores a request and never answers when told to, and refuses connections while paused', async () => {
    sim.control.setFault({ kind: 'store-then-hang' });
    const hung = fetch(`${sim.url}/api/v1/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Api-Key': KEY },
      body: JSON.stringify({ mediaType: 'movie', mediaId: MOVIE_BASE + 9, is4k: false }),
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow();
    expect(sim.control.requestFor('movie', MOVIE_BASE + 9)).toHaveLength(1);
    sim.control.reset();
    await sim.control.pause();
    await expect(fetch(`${sim.url}/api/v1/status`)).rejects.toThrow();
    await sim.control.resume();
    expect((await fetch(`${sim.url}/api/v1/status`)).status).toBe(200);
  }, 10_000);
});
