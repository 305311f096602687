import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL } from '../../../../shared/contract/bridge-api';
import { FakeTransport } from '../../testing/fake-transport';
import { FakeWebSocket } from '../../testing/fake-web-socket';
import { pickTransport, serveSocketUrl } from './pick-transport';
import { WsTransport } from './ws-transport';

const globals = window as unknown as Record<string, unknown>;

describe('pickTransport', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  afterEach(() => {
    delete globals[BRIDGE_GLOBAL];
  });

  it('uses the preload bridge when window.medianest exists', () => {
    const bridge = new FakeTransport();
    globals[BRIDGE_GLOBAL] = bridge;

    const picked = pickTransport(window, { WebSocket: FakeWebSocket });

    expect(picked.kind).toBe('bridge');
    expect(picked.transport).toBe(bridge);
    expect(picked.connection.connectionState).toBe('connected');
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('falls back to a WebSocket on the same origin at /ws and starts connecting', () => {
    const picked = pickTransport(window, { WebSocket: FakeWebSocket });

    expect(picked.kind).toBe('websocket');
    expect(picked.transport).toBeInstanceOf(WsTransport);
    expect(FakeWebSocket.latest().url).toBe(`ws://${window.location.host}/ws`);
    expect(picked.connection.connectionState).toBe('connecting');
    (picked.transport as WsTransport).dispose();
  });

  it('never puts a token in the socket URL or in storage: the HttpOnly cookie is the way in', () => {
    window.history.replaceState(null, '', '/?token=s3cr%20t#/health');

    const picked = pickTransport(window, { WebSocket: FakeWebSocket });

    expect(FakeWebSocket.latest().url).toBe(`ws://${window.location.host}/ws`);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('s3cr');
    (picked.transport as WsTransport).dispose();
  });

  it('uses wss: on an https: page', () => {
    expect(serveSocketUrl({ protocol: 'https:', host: 'media-pc:8443' })).toBe('wss://media-pc:8443/ws');
    expect(serveSocketUrl({ protocol: 'http:', host: '192.168.1.5:8080' })).toBe('ws://192.168.1.5:8080/ws');
  });
});
