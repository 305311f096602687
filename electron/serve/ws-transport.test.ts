/**
 * The contract over `/ws` against a real core: invokes, validation errors,
 * event subscriptions, heartbeat and shutdown.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServerMessageSchema } from '../../shared/contract/ws-protocol';
import { connectWs, startServeHarness, useFixtureRenderer, wsUrl, type ServeHarness, type WsTestClient } from '../../tests/support/serve-harness';

const fixtureRenderer = useFixtureRenderer();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSocket contract transport', () => {
  let harness: ServeHarness;
  const clients: WsTestClient[] = [];
  const connect = async (): Promise<WsTestClient> => {
    const client = await connectWs(wsUrl(harness), { Origin: `http://127.0.0.1:${harness.port}` });
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
    expect(refused.error?.message).toMatch(/services\.plex\.baseUrl/);
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

  it('answers an oversized message with INVALID_PAYLOAD (with its id) and keeps the socket open', async () => {
    const client = await connect();
    client.send({ type: 'invoke', id: 77, channel: 'settings:update', payload: { downloads: { folder: 'x'.repeat(1024 * 1024 + 10) } } });
    const refused = await client.waitFor((m) => m.id === 77, 10_000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(refused.error?.message).toMatch(/larger than/);
    expect(await client.invoke('app:info')).toMatchObject({ ok: true });
  });

  it('closes (1009) a socket that sends far past the limit, and the server stays up', async () => {
    const client = await connect();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.sendRaw('x'.repeat(5 * 1024 * 1024));
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
    const client = await connectWs(wsUrl(harness));
    expect(harness.core.bus.listenerCount()).toBe(baseline + 1);
    await client.close();
    await sleep(50);
    expect(harness.core.bus.listenerCount()).toBe(baseline);
  });
});

describe('heartbeat and shutdown', () => {
  it('drops a socket that stops answering pings', async () => {
    const harness = await startServeHarness({ rendererDir: fixtureRenderer(), heartbeatMs: 100 });
    try {
      const client = await connectWs(wsUrl(harness));
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
      const client = await connectWs(wsUrl(harness));
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
    const a = await connectWs(wsUrl(harness));
    const b = await connectWs(wsUrl(harness));
    a.send({ type: 'subscribe', channel: 'settings:changed' });
    await a.invoke('app:info');
    const codes = Promise.all([a, b].map((client) => new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)))));
    await harness.server.stop();
    expect(await codes).toEqual([1001, 1001]);
    expect(harness.server.clientCount).toBe(0);
    expect(harness.core.bus.listenerCount()).toBe(baseline);
    await expect(connectWs(wsUrl(harness))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await harness.stop();
    // The core's own disposal ran: its bus is cleared and its database closed.
    expect(harness.core.bus.listenerCount()).toBe(0);
    expect(harness.core.cacheDb.open).toBe(false);
    expect(harness.core.dataDb.open).toBe(false);
  });
});
