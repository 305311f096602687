import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge-api';
import { eventChannels } from '../../shared/contract/events';
import { invokeChannels } from '../../shared/contract/invokes';
import { createBridgeApi, isChannelName, type RendererIpc } from './create-bridge';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const listeners = new Map<string, IpcListener[]>();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: 'from-main' })),
    on: vi.fn((channel: string, listener: IpcListener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipc;
    }),
    removeListener: vi.fn((channel: string, listener: IpcListener) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((entry) => entry !== listener),
      );
      return ipc;
    }),
    /** What main does: webContents.send(IPC_EVENT_CHANNEL, channel, payload); the listener gets the event object first. */
    emit(channel: unknown, payload: unknown) {
      const event = { sender: 'ipcRenderer itself', senderId: 0, ports: [] };
      for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? []) listener(event, channel, payload);
    },
    count: () => (listeners.get(IPC_EVENT_CHANNEL) ?? []).length,
  };
  return ipc;
}

describe('isChannelName', () => {
  it('accepts every channel of the contract', () => {
    for (const channel of [...invokeChannels, ...eventChannels]) expect(isChannelName(channel)).toBe(true);
  });

  it.each([undefined, null, 42, {}, ['app:info'], '', 'app', 'app:', ':info', 'App:Info', 'app:info ', 'app:info\n', 'app:info:x', 'medianest:invoke'.toUpperCase(), '__proto__', 'a1:b2', `${'a'.repeat(40)}:${'b'.repeat(40)}`])(
    'rejects %j',
    (value) => {
      expect(isChannelName(value)).toBe(false);
    },
  );
});

describe('createBridgeApi', () => {
  it('exposes only invoke and subscribe', () => {
    const api = createBridgeApi(fakeIpcRenderer() as RendererIpc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('forwards a well-formed invoke on the one IPC channel', async () => {
    const ipc = fakeIpcRenderer();
    const api = createBridgeApi(ipc as RendererIpc);
    await expect(api.invoke('settings:update', { general: { closeToTray: false } })).resolves.toEqual({ ok: true, result: 'from-main' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'settings:update', { general: { closeToTray: false } });
  });

  it.each([42, null, 'not a channel', 'medianest:invoke; drop', '../../etc:passwd', { channel: 'app:info' }])('refuses invoke(%j) without touching IPC', async (channel) => {
    const ipc = fakeIpcRenderer();
    const api = createBridgeApi(ipc as RendererIpc);
    await expect(api.invoke(channel as string, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('fans events out by channel with one IPC listener, and never passes the event object', () => {
    const ipc = fakeIpcRenderer();
    const api = createBridgeApi(ipc as RendererIpc);
    const health = vi.fn();
    const health2 = vi.fn();
    const settings = vi.fn();
    api.subscribe('health:changed', health);
    api.subscribe('health:changed', health2);
    api.subscribe('settings:changed', settings);
    expect(ipc.on).toHaveBeenCalledTimes(1);
    expect(ipc.count()).toBe(1);

    ipc.emit('health:changed', { service: 'plex' });
    ipc.emit('settings:changed', { profile: 'demo' });
    ipc.emit('unknown:event', { x: 1 });
    ipc.emit(42, { x: 1 });
    expect(health).toHaveBeenCalledWith({ service: 'plex' });
    expect(health.mock.calls[0]).toHaveLength(1);
    expect(health2).toHaveBeenCalledTimes(1);
    expect(settings).toHaveBeenCalledWith({ profile: 'demo' });
    expect(settings.mock.calls[0]).toHaveLength(1);
  });

  it('unsubscribes one listener at a time and detaches from IPC after the last', () => {
    const ipc = fakeIpcRenderer();
    const api = createBridgeApi(ipc as RendererIpc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.subscribe('health:changed', a);
    const offB = api.subscribe('settings:changed', b);
    offA();
    offA();
    ipc.emit('health:changed', 1);
    expect(a).not.toHaveBeenCalled();
    expect(ipc.removeListener).not.toHaveBeenCalled();
    offB();
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(ipc.count()).toBe(0);

    api.subscribe('health:changed', a);
    expect(ipc.on).toHaveBeenCalledTimes(2);
    ipc.emit('health:changed', 2);
    expect(a).toHaveBeenCalledWith(2);
  });

  it('keeps two subscriptions of the same function independent', () => {
    const ipc = fakeIpcRenderer();
    const api = createBridgeApi(ipc as RendererIpc);
    const listener = vi.fn();
    const off1 = api.subscribe('health:changed', listener);
    api.subscribe('health:changed', listener);
    off1();
    ipc.emit('health:changed', 'x');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('isolates a throwing listener from the others', () => {
    const ipc = fakeIpcRenderer();
    const reportError = vi.fn();
    const api = createBridgeApi(ipc as RendererIpc, { reportError });
    const after = vi.fn();
    api.subscribe('health:changed', () => {
      throw new Error('boom');
    });
    api.subscribe('health:changed', after);
    ipc.emit('health:changed', 1);
    expect(after).toHaveBeenCalledWith(1);
    expect(reportError).toHaveBeenCalledTimes(1);
  });

  it('refuses bad subscriptions', () => {
    const api = createBridgeApi(fakeIpcRenderer() as RendererIpc);
    expect(() => api.subscribe('nope', () => {})).toThrow(TypeError);
    expect(() => api.subscribe('health:changed', 'not a function' as unknown as () => void)).toThrow(TypeError);
  });
});
