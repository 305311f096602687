import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, revealWindow, type MainWindowLike, type MainWindowSettings } from './main-window';
import { createMemoryWindowStateStore, type Rect, type WindowState } from './window-state';

class FakeWindow implements MainWindowLike {
  readonly listeners = new Map<string, ((...args: never[]) => void)[]>();
  readonly calls: string[] = [];
  bounds: Rect;
  maximized = false;
  minimized = false;
  destroyed = false;
  visible = false;
  loaded: string | undefined;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 0, height: options.height ?? 0 };
  }

  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: (...args: never[]) => void): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
  /** Emits `close` and reports whether a listener prevented it. */
  close(): boolean {
    const preventDefault = vi.fn();
    this.emit('close', { preventDefault });
    return preventDefault.mock.calls.length > 0;
  }
  show() {
    this.visible = true;
    this.calls.push('show');
  }
  hide() {
    this.visible = false;
    this.calls.push('hide');
  }
  focus() {
    this.calls.push('focus');
  }
  maximize() {
    this.maximized = true;
    this.calls.push('maximize');
  }
  restore() {
    this.minimized = false;
    this.calls.push('restore');
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return this.bounds;
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

function setup(overrides: { settings?: Partial<MainWindowSettings>; tray?: boolean; quitting?: boolean; stored?: WindowState } = {}) {
  const windowState = createMemoryWindowStateStore(overrides.stored);
  const state = { quitting: overrides.quitting ?? false, settings: { closeToTray: true, startMinimized: false, ...overrides.settings } };
  const handle = createMainWindow({
    createWindow: (options) => new FakeWindow(options),
    preloadPath: '/app/dist/preload/index.cjs',
    url: 'medianest://app/index.html',
    windowState,
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1050 }],
    settings: () => state.settings,
    isQuitting: () => state.quitting,
    canHideToTray: () => overrides.tray ?? true,
    devTools: false,
    saveDelayMs: 10,
  });
  return { handle, window: handle.window, state, windowState };
}

describe('createMainWindow', () => {
  it('creates a hidden, sandboxed, isolated window and loads the app URL', () => {
    const { window } = setup();
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
      preload: '/app/dist/preload/index.cjs',
    });
    expect(window.loaded).toBe('medianest://app/index.html');
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('shows the window when ready, or stays hidden when starting minimized with a tray', () => {
    const normal = setup();
    expect(normal.window.visible).toBe(false);
    normal.window.emit('ready-to-show');
    expect(normal.window.visible).toBe(true);

    const minimized = setup({ settings: { startMinimized: true } });
    minimized.window.emit('ready-to-show');
    expect(minimized.window.visible).toBe(false);

    const noTray = setup({ settings: { startMinimized: true }, tray: false });
    noTray.window.emit('ready-to-show');
    expect(noTray.window.visible).toBe(true);
  });

  it('hides instead of closing when close-to-tray is on', () => {
    const { window } = setup();
    window.emit('ready-to-show');
    expect(window.close()).toBe(true);
    expect(window.visible).toBe(false);
  });

  it('really closes when close-to-tray is off, when quitting, or without a tray', () => {
    expect(setup({ settings: { closeToTray: false } }).window.close()).toBe(false);
    expect(setup({ quitting: true }).window.close()).toBe(false);
    expect(setup({ tray: false }).window.close()).toBe(false);
  });

  it('reads close-to-tray at close time, so a settings change applies at once', () => {
    const { window, state } = setup();
    state.settings = { ...state.settings, closeToTray: false };
    expect(window.close()).toBe(false);
  });

  it('restores the stored bounds, clamped, and maximizes when it was maximized', () => {
    const { window } = setup({ stored: { x: 1500, y: 40, width: 1000, height: 700, maximized: true } });
    expect(window.options).toMatchObject({ x: 920, y: 40, width: 1000, height: 700 });
    window.emit('ready-to-show');
    expect(window.calls).toEqual(['maximize', 'show']);
  });

  it('saves the bounds on close, after moves (debounced), and on demand', async () => {
    vi.useFakeTimers();
    const { window, handle, windowState } = setup();
    const stored = () => windowState.saved;

    window.bounds = { x: 10, y: 20, width: 900, height: 600 };
    window.emit('move');
    window.emit('resize');
    vi.advanceTimersByTime(10);
    expect(stored()).toEqual({ x: 10, y: 20, width: 900, height: 600, maximized: false });

    window.bounds = { x: 30, y: 40, width: 1000, height: 700 };
    window.close();
    expect(stored()).toEqual({ x: 30, y: 40, width: 1000, height: 700, maximized: false });

    window.maximized = true;
    handle.saveState();
    expect(stored()).toMatchObject({ maximized: true });
  });

  it('does not save while minimized (the bounds are meaningless then)', () => {
    const { window, handle, windowState } = setup();
    window.minimized = true;
    handle.saveState();
    expect(windowState.saved).toBeUndefined();
  });
});

describe('revealWindow', () => {
  it('restores, shows and focuses', () => {
    const window = new FakeWindow({});
    window.minimized = true;
    revealWindow(window);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('ignores a destroyed window', () => {
    const window = new FakeWindow({});
    window.destroyed = true;
    revealWindow(window);
    expect(window.calls).toEqual([]);
  });
});
