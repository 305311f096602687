import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeResult } from '../../shared/contract/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge-api';
import { upstreamSpec } from '../../shared/contract/services';
import type { ServiceHealth } from '../../shared/contract/areas/health';
import { createCore, type Core } from '../core/create-core';
import { createSilentLogger } from '../core/logging/logger';
import { createMemorySecretStore } from '../core/secrets/secret-store';
import { createMemorySettingsStorage } from '../core/settings/settings-storage';
import { isTrustedAppFrame, registerIpcBridge, type BridgeInvokeEvent, type BridgeWindow, type SenderFrame } from './ipc-bridge';

type Handler = (event: BridgeInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    async invoke(senderFrame: SenderFrame | null, channel: unknown, payload?: unknown, sender?: object): Promise<InvokeResult> {
      const handler = handlers.get(IPC_INVOKE_CHANNEL);
      if (!handler) throw new Error('no handler registered');
      return (await handler(sender ? { senderFrame, sender } : { senderFrame }, channel, payload)) as InvokeResult;
    },
  };
}

const appFrame: SenderFrame = { url: 'medianest://app/index.html', parent: null };

function fakeWindow(url = 'medianest://app/index.html', parent: unknown = null) {
  const sent: unknown[][] = [];
  let destroyed = false;
  const window: BridgeWindow & { sent: unknown[][]; destroy(): void } = {
    sent,
    destroy: () => void (destroyed = true),
    webContents: {
      isDestroyed: () => destroyed,
      mainFrame: { url, parent },
      send: (...args: unknown[]) => void sent.push(args),
    },
  };
  return window;
}

function health(service: ServiceHealth['upstream'], status: ServiceHealth['status']): ServiceHealth {
  return { upstream: service, service: upstreamSpec(service).service, enabled: true, configured: true, status, responseTimeMs: 12, lastCheckedAt: 1, error: null, uptime24h: 1, breaker: 'closed' };
}

const logger = () => ({ warn: vi.fn(), error: vi.fn() });

describe('isTrustedAppFrame', () => {
  it.each([
    ['the app main frame', { url: 'medianest://app/index.html', parent: null }, true],
    ['an app route', { url: 'medianest://app/settings?tab=1#x', parent: null }, true],
    ['a sub-frame on the app origin', { url: 'medianest://app/index.html', parent: {} }, false],
    ['another host on the scheme', { url: 'medianest://app.evil/index.html', parent: null }, false],
    ['credentials before the host', { url: 'medianest://app@evil/index.html', parent: null }, false],
    ['a port', { url: 'medianest://app:8080/index.html', parent: null }, false],
    ['a web origin', { url: 'https://evil.example/', parent: null }, false],
    ['file://', { url: 'file:///opt/MediaNest/index.html', parent: null }, false],
    ['about:blank', { url: 'about:blank', parent: null }, false],
    ['an empty URL', { url: '', parent: null }, false],
  ])('%s → %s', (_name, frame, expected) => {
    expect(isTrustedAppFrame(frame)).toBe(expected);
  });

  it('refuses a null frame and a destroyed frame that throws on access', () => {
    expect(isTrustedAppFrame(null)).toBe(false);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedAppFrame(destroyed)).toBe(false);
  });
});

describe('registerIpcBridge with fakes', () => {
  it('dispatches calls from the trusted main frame', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn(async (): Promise<InvokeResult> => ({ ok: true, result: 'pong' }));
    registerIpcBridge({ ipcMain: ipc, dispatch, events: { subscribe: () => () => {} }, getWindows: () => [] });
    await expect(ipc.invoke(appFrame, 'app:info', null)).resolves.toEqual({ ok: true, result: 'pong' });
    expect(dispatch).toHaveBeenCalledWith('app:info', null);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a look-alike host', { url: 'medianest://app.evil/index.html', parent: null }],
    ['a sub-frame', { url: 'medianest://app/index.html', parent: appFrame }],
    ['a null senderFrame', null],
    ['javascript:', { url: 'javascript:alert(1)', parent: null }],
  ])('refuses %s without calling dispatch, and logs it', async (_name, frame) => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn();
    const log = logger();
    registerIpcBridge({ ipcMain: ipc, dispatch, events: { subscribe: () => () => {} }, getWindows: () => [], logger: log });
    const result = await ipc.invoke(frame as SenderFrame | null, 'settings:get');
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('uses an injected sender check', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn(async (): Promise<InvokeResult> => ({ ok: true, result: 1 }));
    registerIpcBridge({ ipcMain: ipc, dispatch, isTrustedSender: () => false, events: { subscribe: () => () => {} }, getWindows: () => [] });
    await expect(ipc.invoke(appFrame, 'app:info')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatcher into INTERNAL without leaking the message', async () => {
    const ipc = fakeIpcMain();
    const log = logger();
    registerIpcBridge({
      ipcMain: ipc,
      dispatch: async () => {
        throw new Error('secret stack detail');
      },
      events: { subscribe: () => () => {} },
      getWindows: () => [],
      logger: log,
    });
    const result = await ipc.invoke(appFrame, 'app:info');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
    expect(log.error).toHaveBeenCalled();
  });

  it('bounds the invokes in flight per window: past the limit BUSY, without reaching the core', async () => {
    const ipc = fakeIpcMain();
    const log = logger();
    const pending: (() => void)[] = [];
    const dispatch = vi.fn(() => new Promise<InvokeResult>((resolve) => pending.push(() => resolve({ ok: true, result: null }))));
    registerIpcBridge({ ipcMain: ipc, dispatch, events: { subscribe: () => () => {} }, getWindows: () => [], logger: log, maxInFlight: 2 });
    const windowA = {};
    const windowB = {};
    const held = [ipc.invoke(appFrame, 'app:info', null, windowA), ipc.invoke(appFrame, 'app:info', null, windowA)];
    const refused = await Promise.all([ipc.invoke(appFrame, 'app:info', null, windowA), ipc.invoke(appFrame, 'app:info', null, windowA)]);
    expect(refused).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'BUSY' }) }), expect.objectContaining({ ok: false })]);
    // Another window has its own allowance.
    const other = ipc.invoke(appFrame, 'app:info', null, windowB);
    await Promise.resolve();
    expect(dispatch).toHaveBeenCalledTimes(3);
    // Two refusals, one log line: the count follows when the minute ends.
    expect(log.warn).toHaveBeenCalledTimes(1);
    for (const release of pending.splice(0)) release();
    await Promise.all([...held, other]);
    // The slots are free again once the calls are answered.
    const again = ipc.invoke(appFrame, 'app:info', null, windowA);
    await Promise.resolve();
    for (const release of pending.splice(0)) release();
    await expect(again).resolves.toEqual({ ok: true, result: null });
  });

  it('removes the handler and stops events on dispose (idempotent)', () => {
    const ipc = fakeIpcMain();
    const unsubscribe = vi.fn();
    const dispose = registerIpcBridge({ ipcMain: ipc, dispatch: vi.fn(), events: { subscribe: () => unsubscribe }, getWindows: () => [] });
    expect(ipc.handlers.has(IPC_INVOKE_CHANNEL)).toBe(true);
    dispose();
    dispose();
    expect(ipc.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});

describe('registerIpcBridge with a real core', () => {
  let core: Core;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'medianest-bridge-'));
    core = await createCore(
      { dataDir, profile: 'default', mode: 'electron', version: '0.0.0-test', inMemoryDatabases: true },
      { settingsStorage: createMemorySettingsStorage(), secrets: createMemorySecretStore(), logger: createSilentLogger() },
    );
  });

  afterEach(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers app:info with mode electron', async () => {
    const ipc = fakeIpcMain();
    registerIpcBridge({ ipcMain: ipc, dispatch: core.dispatch, events: core.events, getWindows: () => [] });
    const result = await ipc.invoke(appFrame, 'app:info', null);
    expect(result).toMatchObject({ ok: true, result: { mode: 'electron', profile: 'default', version: '0.0.0-test' } });
  });

  it('lets the real dispatcher reject invalid payloads and unknown channels', async () => {
    const ipc = fakeIpcMain();
    registerIpcBridge({ ipcMain: ipc, dispatch: core.dispatch, events: core.events, getWindows: () => [] });
    await expect(ipc.invoke(appFrame, 'settings:update', { general: { closeToTray: 'yes' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    await expect(ipc.invoke(appFrame, 'settings:update', { general: { closeToTray: false }, injected: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    await expect(ipc.invoke(appFrame, 'app:info', { unexpected: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    await expect(ipc.invoke(appFrame, 'shell:exec', 'rm -rf /')).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    await expect(ipc.invoke(appFrame, { toString: () => 'app:info' })).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('sends events only to live, trusted windows', async () => {
    const ipc = fakeIpcMain();
    const trusted = fakeWindow();
    const foreign = fakeWindow('https://app.plex.tv/auth');
    const gone = fakeWindow();
    gone.destroy();
    registerIpcBridge({ ipcMain: ipc, dispatch: core.dispatch, events: core.events, getWindows: () => [trusted, foreign, gone] });

    const update = await ipc.invoke(appFrame, 'settings:update', { notifications: { enabled: false } });
    expect(update.ok).toBe(true);

    expect(trusted.sent).toHaveLength(1);
    const [channel, eventChannel, payload] = trusted.sent[0]!;
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    expect(eventChannel).toBe('settings:changed');
    expect(payload).toMatchObject({ notifications: { enabled: false }, profile: 'default' });
    expect(foreign.sent).toHaveLength(0);
    expect(gone.sent).toHaveLength(0);
  });

  it('bounds the rate of health:changed per service and always delivers the latest', () => {
    const ipc = fakeIpcMain();
    const window = fakeWindow();
    let now = 1000;
    const timers: { fn: () => void; at: number }[] = [];
    registerIpcBridge({
      ipcMain: ipc,
      dispatch: core.dispatch,
      events: core.events,
      getWindows: () => [window],
      forwarder: {
        now: () => now,
        setTimer: (fn, ms) => {
          const timer = { fn, at: now + ms };
          timers.push(timer);
          return timer;
        },
        clearTimer: (handle) => void timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1),
      },
    });

    core.bus.emit('health:changed', health('plex', 'healthy'));
    core.bus.emit('health:changed', health('plex', 'degraded'));
    core.bus.emit('health:changed', health('plex', 'unhealthy'));
    core.bus.emit('health:changed', health('overseerr', 'healthy'));
    const statuses = () => window.sent.map(([, , payload]) => `${(payload as ServiceHealth).service}:${(payload as ServiceHealth).status}`);
    expect(statuses()).toEqual(['plex:healthy', 'overseerr:healthy']);

    now += 250;
    for (const timer of timers.splice(0)) timer.fn();
    expect(statuses()).toEqual(['plex:healthy', 'overseerr:healthy', 'plex:unhealthy']);
  });

  it('never forwards an event payload outside the contract', () => {
    const ipc = fakeIpcMain();
    const window = fakeWindow();
    registerIpcBridge({ ipcMain: ipc, dispatch: core.dispatch, events: core.events, getWindows: () => [window] });
    core.bus.emit('health:changed', { ...health('plex', 'healthy'), status: 'on-fire' } as unknown as ServiceHealth);
    core.bus.emit('download:started', { id: '1', url: 'https://example.com/?token=abc' });
    expect(window.sent).toHaveLength(0);
  });
});
