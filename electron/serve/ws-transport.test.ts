/**
 * The contract over `/ws` against a real core: invokes, validation errors,
 * event subscriptions, heartbeat and shutdown.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServerMessageSchema } from '../../shared/contract/ws-protocol';
import { startServeHarness, useFixtureRenderer, type ServeHarness, type WsTestClient } from '../../tests/support/serve-harness';

const fixtureRenderer = useFixtureRenderer();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSocket contract transport', () => {
  let harness: ServeHarness;
  const clients: WsTestClient[] = [];
  const connect = async (): Promise<WsTestClient> => {
    const client = await harness.connect({ Origin: `http://127.0.0.1:${harness.port}` });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    harness = await startServeHarness({ rendererDir: fixtureRenderer() });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('returns invoke results with the request id', async () => {
    const client = await connect();
    const info = await client.invoke('app:info');
    expect(info).toMatchObject({ type: 'result', ok: true, result: { name: 'MediaNest', mode: 'serve', profile: 'default' } });
    const settings = await client.invoke('settings:get', null);
    expect(settings).toMatchObject({ ok: true, result: { services: { plex: { enabled: false } } } });
  });

  it('speaks the shared protocol: every message it sends parses with ServerMessageSchema', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channel: 'settings:changed' });
    await client.invoke('settings:update', { general: { startMinimized: true } });
    await client.invoke('settings:explode', {});
    client.sendRaw('not json');
    await client.waitFor((m) => m.type === 'result' && (m as { id: unknown }).id === null);
    await client.waitFor((m) => m.type === 'event');
    expect(client.received.length).toBeGreaterThanOrEqual(4);
    for (const message of client.received) expect(ServerMessageSchema.safeParse(message).success).toBe(true);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL from the core', async () => {
    const client = await connect();
    expect(await client.invoke('settings:explode', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a payload that breaks the schema with INVALID_PAYLOAD and changes nothing', async () => {
    const client = await connect();
    await client.invoke('settings:update', { services: { plex: { baseUrl: 'http://127.0.0.1:32400', enabled: true } } });
    const before = await client.invoke('settings:get');
    const refused = await client.invoke('settings:update', { services: { plex: { baseUrl: 'ftp://x' } } });
    expect(refused).toMatchObject({ type: 'result', ok: false, error: { code: 'INVALID_PAYLOAD' } });
    // Words for people in the message; the field's path travels beside it.
    expect(refused.error).toMatchObject({ message: expect.stringMatching(/^Enter an address starting with http:\/\/ or https:\/\//), fields: [{ path: 'services.plex.baseUrl', message: expect.any(String) }] });
    for (const payload of [{ general: { closeToTray: 'yes' } }, { unknownSection: {} }, 'not an object', { secrets: { 'plex.token': 42 } }]) {
      expect(await client.invoke('settings:update', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    const after = await client.invoke('settings:get');
    expect(after.result).toEqual(before.result);
    expect(harness.core.settings.get().services.plex.baseUrl).toBe('http://127.0.0.1:32400');
  });

  it('answers malformed messages with INVALID_PAYLOAD and keeps the socket open', async () => {
    const client = await connect();
    client.sendRaw('{this is not json');
    expect(await client.waitFor((m) => m.type === 'result' && m.id === null)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    client.send({ type: 'teleport', id: 41 });
    expect(await client.waitFor((m) => m.id === 41)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    client.send({ type: 'invoke', id: 42, channel: 7 });
    expect(await client.waitFor((m) => m.id === 42)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    client.sendRaw(Buffer.from(JSON.stringify({ type: 'invoke', id: 43, channel: 'app:info' })));
    // ws sends Buffers as binary frames: refused, because the protocol is JSON text.
    expect(await client.waitFor((m) => m.type === 'result' && m.id === null && m.error?.message === 'Messages must be JSON text frames.')).toBeTruthy();
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(await client.invoke('app:info')).toMatchObject({ ok: true });
  });

  it('answers a message of just under 1 MiB as usual', async () => {
    const client = await connect();
    const message = JSON.stringify({ type: 'invoke', id: 77, channel: 'app:info', payload: 'x'.repeat(1024 * 1024 - 100) });
    expect(Buffer.byteLength(message)).toBeLessThan(1024 * 1024);
    client.sendRaw(message);
    // app:info takes no payload: the frame was read and parsed, and the schema refused it.
    expect(await client.waitFor((m) => m.id === 77)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('closes (1009) a socket whose frame is just over 1 MiB before reading it, and the server stays up', async () => {
    const client = await connect();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    // Only the frame header and a few bytes go out: the server refuses from the announced length alone.
    const payloadLength = 1024 * 1024 + 1;
    const header = Buffer.alloc(14);
    header[0] = 0x81; // FIN + text
    header[1] = 0x80 | 127; // masked, 64-bit length
    header.writeBigUInt64BE(BigInt(payloadLength), 2);
    header.writeUInt32BE(0, 10); // mask key
    (client.ws as unknown as { _socket: Socket })._socket.write(Buffer.concat([header, Buffer.from('{"type":')]));
    expect(await closed).toBe(1009);
    const other = await connect();
    expect(await other.invoke('app:info')).toMatchObject({ ok: true });
  });

  it('delivers events only to sockets subscribed to them', async () => {
    const subscribed = await connect();
    const other = await connect();
    subscribed.send({ type: 'subscribe', channel: 'settings:changed' });
    other.send({ type: 'subscribe', channel: 'health:changed' });
    // The subscribe has no reply; an invoke after it on the same socket proves it was processed (messages are handled in order).
    await subscribed.invoke('app:info');
    await other.invoke('app:info');
    await other.invoke('settings:update', { general: { startMinimized: true } });
    const event = await subscribed.waitFor((m) => m.type === 'event');
    expect(event).toMatchObject({ type: 'event', channel: 'settings:changed', payload: { general: { startMinimized: true }, profile: 'default' } });
    await sleep(150);
    expect(other.received.filter((m) => m.type === 'event')).toEqual([]);

    subscribed.send({ type: 'unsubscribe', channel: 'settings:changed' });
    await subscribed.invoke('settings:update', { general: { startMinimized: false } });
    await sleep(150);
    expect(subscribed.received.filter((m) => m.type === 'event')).toHaveLength(1);
  });

  it('never forwards secrets in events', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channel: 'settings:changed' });
    await client.invoke('settings:update', { secrets: { 'plex.token': 'super-secret-plex-token' } });
    const event = await client.waitFor((m) => m.type === 'event');
    expect(JSON.stringify(event)).not.toContain('super-secret-plex-token');
    expect(event.payload).toMatchObject({ secrets: { 'plex.token': true } });
  });

  it('refuses subscriptions to unknown events', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channel: 'download:progress' });
    expect(await client.waitFor((m) => m.type === 'result')).toMatchObject({ id: null, ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('drops the event forwarder of a socket when it closes', async () => {
    const baseline = harness.core.bus.listenerCount();
    const client = await harness.connect();
    expect(harness.core.bus.listenerCount()).toBe(baseline + 1);
    await client.close();
    await sleep(50);
    expect(harness.core.bus.listenerCount()).toBe(baseline);
  });
});

describe('in-flight limit per socket', () => {
  it('answers BUSY past the limit at once, keeps the socket, and frees the slots as answers go out', async () => {
    // An address that accepts and never answers, so each test holds its slot until its timeout.
    const silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const harness = await startServeHarness({ rendererDir: fixtureRenderer(), limits: { maxInFlightPerSocket: 2 } });
    try {
      const client = await harness.connect();
      const payload = {
        service: 'overseerr',
        settings: { enabled: true, baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, tuning: { health: { timeoutMs: 300 } } },
        secret: 'typed-key',
      };
      const slow = [client.invoke('services:test', payload), client.invoke('services:test', payload)];
      const started = Date.now();
      const refused = await client.invoke('services:test', payload);
      expect(refused).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringMatching(/already 2 requests waiting on this connection/) } });
      expect(Date.now() - started).toBeLessThan(250);
      expect(await Promise.all(slow)).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
      expect(await client.invoke('app:info')).toMatchObject({ ok: true });
      await client.close();
    } finally {
      await harness.stop();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('heartbeat and shutdown', () => {
  it('drops a socket that stops answering pings', async () => {
    const harness = await startServeHarness({ rendererDir: fixtureRenderer(), heartbeatMs: 100 });
    try {
      const client = await harness.connect();
      expect(harness.server.clientCount).toBe(1);
      // A paused socket reads nothing, so it never answers a ping: what a vanished laptop looks like.
      client.ws.pause();
      const deadline = Date.now() + 3000;
      while (harness.server.clientCount > 0 && Date.now() < deadline) await sleep(50);
      expect(harness.server.clientCount).toBe(0);
      client.ws.terminate();
    } finally {
      await harness.stop();
    }
  });

  it('keeps a live socket across heartbeats', async () => {
    const harness = await startServeHarness({ rendererDir: fixtureRenderer(), heartbeatMs: 50 });
    try {
      const client = await harness.connect();
      await sleep(300);
      expect(await client.invoke('app:info')).toMatchObject({ ok: true });
      await client.close();
    } finally {
      await harness.stop();
    }
  });

  it('closes every socket with 1001, stops listening, and the harness disposes the core', async () => {
    const harness = await startServeHarness({ rendererDir: fixtureRenderer() });
    const baseline = harness.core.bus.listenerCount();
    const a = await harness.connect();
    const b = await harness.connect();
    a.send({ type: 'subscribe', channel: 'settings:changed' });
    await a.invoke('app:info');
    const codes = Promise.all([a, b].map((client) => new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)))));
    await harness.server.stop();
    expect(await codes).toEqual([1001, 1001]);
    expect(harness.server.clientCount).toBe(0);
    expect(harness.core.bus.listenerCount()).toBe(baseline);
    await expect(harness.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await harness.stop();
    // The core's own disposal ran: its bus is cleared and its database closed.
    expect(harness.core.bus.listenerCount()).toBe(0);
    expect(harness.core.cacheDb.open).toBe(false);
    expect(harness.core.dataDb?.open).toBe(false);
  });
});
