import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContractClient } from '../../../../shared/contract/api';
import { AppError } from '../../../../shared/contract/errors';
import { FakeWebSocket } from '../../testing/fake-web-socket';
import type { ConnectionState } from './connection-state';
import { LOST_CONNECTION_MESSAGE, UNREADABLE_ANSWER_MESSAGE, WsTransport } from './ws-transport';

const URL = 'ws://media-pc.local:8080/ws';

function createTransport(): { transport: WsTransport; states: ConnectionState[] } {
  const transport = new WsTransport({ url: URL, WebSocket: FakeWebSocket, initialDelayMs: 100, maxDelayMs: 1000 });
  const states: ConnectionState[] = [];
  transport.watchConnection((state) => states.push(state));
  return { transport, states };
}

describe('WsTransport', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not touch the network until connect() is called', () => {
    createTransport();
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('queues invokes until the socket opens, then resolves them with the result', async () => {
    const { transport, states } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    expect(socket.url).toBe(URL);

    const client = createContractClient(transport);
    const info = client.invoke('app:info');
    expect(socket.sent).toEqual([]);

    socket.open();
    expect(socket.sentOf('invoke')).toEqual([{ type: 'invoke', id: 1, channel: 'app:info' }]);
    socket.receive({ type: 'result', id: 1, ok: true, result: { name: 'MediaNest' } });

    await expect(info).resolves.toEqual({ name: 'MediaNest' });
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('turns an error result into an AppError with code, message and service', async () => {
    const { transport } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    socket.open();

    const client = createContractClient(transport);
    const test = client.invoke('services:test', { service: 'plex', settings: { enabled: true, baseUrl: 'http://plex:32400', tuning: {} } });
    const [{ id }] = socket.sentOf('invoke') as [{ id: number }];
    socket.receive({ type: 'result', id, ok: false, error: { code: 'AUTH_FAILED', message: 'Plex refused the token.', service: 'plex', status: 401 } });

    const error = await test.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', message: 'Plex refused the token.', service: 'plex', status: 401 });
  });

  it('matches results to invokes by id, whatever order they come back in', async () => {
    const { transport } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    socket.open();

    const first = transport.invoke('health:list', undefined);
    const second = transport.invoke('services:stats', undefined);
    socket.receive({ type: 'result', id: 2, ok: true, result: 'stats' });
    socket.receive({ type: 'result', id: 1, ok: true, result: 'health' });

    await expect(first).resolves.toEqual({ ok: true, result: 'health' });
    await expect(second).resolves.toEqual({ ok: true, result: 'stats' });
  });

  it('subscribes once per channel, delivers events and unsubscribes when the last listener leaves', () => {
    const { transport } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = transport.subscribe('health:changed', first);
    const stopSecond = transport.subscribe('health:changed', second);

    socket.open();
    expect(socket.sentOf('subscribe')).toEqual([{ type: 'subscribe', channel: 'health:changed' }]);

    socket.receive({ type: 'event', channel: 'health:changed', payload: { service: 'plex' } });
    socket.receive({ type: 'event', channel: 'settings:changed', payload: {} });
    expect(first).toHaveBeenCalledExactlyOnceWith({ service: 'plex' });
    expect(second).toHaveBeenCalledExactlyOnceWith({ service: 'plex' });

    stopFirst();
    expect(socket.sentOf('unsubscribe')).toEqual([]);
    stopSecond();
    stopSecond();
    expect(socket.sentOf('unsubscribe')).toEqual([{ type: 'unsubscribe', channel: 'health:changed' }]);
  });

  it('ignores messages it cannot read', async () => {
    const { transport } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    socket.open();
    const pending = transport.invoke('app:info', undefined);

    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    socket.receive(42);
    socket.receive({ type: 'result', id: 99, ok: true, result: 'nobody asked' });
    socket.receive({ type: 'result', id: 1, ok: true, result: 'answer' });

    await expect(pending).resolves.toEqual({ ok: true, result: 'answer' });
  });

  it('ends an invoke whose answer breaks the protocol with INTERNAL, instead of waiting forever', async () => {
    const { transport } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    socket.open();
    const listener = vi.fn();
    transport.subscribe('health:changed', listener);
    const pending = transport.invoke('app:info', undefined);

    socket.receive({ type: 'event', channel: 42, payload: {} });
    socket.receive({ type: 'result', id: 1, ok: false, error: { code: 'NO_SUCH_CODE', message: 7 } });

    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: UNREADABLE_ANSWER_MESSAGE } });
    expect(listener).not.toHaveBeenCalled();
  });

  it('fails in-flight invokes with INTERNAL when the socket drops', async () => {
    const { transport } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    socket.open();

    const client = createContractClient(transport);
    const pending = client.invoke('settings:get');
    socket.drop();

    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: LOST_CONNECTION_MESSAGE });
    expect(LOST_CONNECTION_MESSAGE).toBe('Lost connection to MediaNest; retrying…');
  });

  it('fails invokes at once while it waits to reconnect', async () => {
    const { transport } = createTransport();
    transport.connect();
    FakeWebSocket.latest().drop();
    expect(transport.connectionState).toBe('offline');

    await expect(transport.invoke('app:info', undefined)).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: LOST_CONNECTION_MESSAGE } });
  });

  it('reconnects after a drop and re-sends its subscriptions', () => {
    const { transport, states } = createTransport();
    transport.connect();
    const listener = vi.fn();
    transport.subscribe('settings:changed', listener);
    transport.subscribe('health:changed', vi.fn());
    const first = FakeWebSocket.latest();
    first.open();
    first.drop();
    expect(states).toEqual(['connecting', 'connected', 'offline']);

    vi.advanceTimersByTime(99);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(2);

    const second = FakeWebSocket.latest();
    expect(second.url).toBe(URL);
    second.open();
    expect(second.sentOf('subscribe').map((message) => message.channel).sort()).toEqual(['health:changed', 'settings:changed']);
    expect(states).toEqual(['connecting', 'connected', 'offline', 'connecting', 'connected']);

    second.receive({ type: 'event', channel: 'settings:changed', payload: { profile: 'demo' } });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ profile: 'demo' });
  });

  it('ignores a dropped socket that keeps talking after it was replaced', () => {
    const { transport } = createTransport();
    transport.connect();
    const listener = vi.fn();
    transport.subscribe('health:changed', listener);
    const first = FakeWebSocket.latest();
    first.open();
    first.drop();
    vi.advanceTimersByTime(100);
    FakeWebSocket.latest().open();

    first.receive({ type: 'event', channel: 'health:changed', payload: 'stale' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('backs off exponentially up to the maximum and resets after a successful open', () => {
    const { transport } = createTransport();
    transport.connect();
    const gaps: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = FakeWebSocket.instances.length;
      FakeWebSocket.latest().drop();
      let waited = 0;
      while (FakeWebSocket.instances.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      gaps.push(waited);
    }
    expect(gaps).toEqual([100, 200, 400, 800, 1000, 1000]);

    FakeWebSocket.latest().open();
    FakeWebSocket.latest().drop();
    const before = FakeWebSocket.instances.length;
    vi.advanceTimersByTime(100);
    expect(FakeWebSocket.instances.length).toBe(before + 1);
  });

  it('sends invokes made while reconnecting once the new socket opens', async () => {
    const { transport } = createTransport();
    transport.connect();
    FakeWebSocket.latest().open();
    FakeWebSocket.latest().drop();
    vi.advanceTimersByTime(100);
    expect(transport.connectionState).toBe('connecting');

    const pending = transport.invoke('app:info', undefined);
    const socket = FakeWebSocket.latest();
    socket.open();
    const [{ id }] = socket.sentOf('invoke') as [{ id: number }];
    socket.receive({ type: 'result', id, ok: true, result: 'back' });
    await expect(pending).resolves.toEqual({ ok: true, result: 'back' });
  });

  it('stops reconnecting once disposed', async () => {
    const { transport, states } = createTransport();
    transport.connect();
    const socket = FakeWebSocket.latest();
    socket.open();
    const pending = transport.invoke('app:info', undefined);

    transport.dispose();
    expect(socket.closedByClient).toBe(true);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(states.at(-1)).toBe('offline');
  });
});
