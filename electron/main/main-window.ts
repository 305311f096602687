/**
 * The main window: hardened webPreferences, shown once painted, remembered
 * size and position, and close-to-tray.
 *
 * The BrowserWindow constructor is a parameter (Signal-style) so the options
 * and the close/show behaviour are unit-tested with a fake window.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { DEFAULT_WINDOW_LIMITS, clampWindowState, type Rect, type WindowState, type WindowStateStore } from './window-state';

/** The part of `Electron.BrowserWindow` this module uses. */
export interface MainWindowLike {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'ready-to-show' | 'resize' | 'move' | 'maximize' | 'unmaximize' | 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  hide(): void;
  focus(): void;
  maximize(): void;
  isMaximized(): boolean;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
  getNormalBounds(): Rect;
  loadURL(url: string): Promise<unknown>;
}

export interface MainWindowSettings {
  readonly closeToTray: boolean;
  readonly startMinimized: boolean;
}

export interface MainWindowLogger {
  warn(object: Record<string, unknown>, message: string): void;
}

export interface MainWindowOptions<W extends MainWindowLike> {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => W;
  /** Absolute path of `dist/preload/index.cjs`. */
  readonly preloadPath: string;
  readonly url: string;
  /** Where the window's bounds are remembered. */
  readonly windowState: WindowStateStore;
  /** Work areas of the current displays, primary first. */
  readonly workAreas: () => readonly Rect[];
  /** Read at the moment of use, so a settings change applies to the next close. */
  readonly settings: () => MainWindowSettings;
  /** True once the app is quitting: then close really closes. */
  readonly isQuitting: () => boolean;
  /** False when there is no tray to come back from: then close and start-minimized never hide the window. */
  readonly canHideToTray: () => boolean;
  readonly devTools: boolean;
  readonly icon?: string;
  readonly logger?: MainWindowLogger;
  /** Debounce for saving bounds while the user drags; ms. */
  readonly saveDelayMs?: number;
}

/** What every window of the app gets: sandboxed, isolated, no Node, nothing experimental. */
export const HARDENED_WEB_PREFERENCES: WebPreferences = {
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
};

/** The renderer's webPreferences: the hardened ones with the app's preload. */
export function mainWindowWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return { ...HARDENED_WEB_PREFERENCES, devTools, preload: preloadPath };
}

export interface MainWindowHandle<W extends MainWindowLike> {
  readonly window: W;
  /** Saves size and position now (the quit path exits without close events). */
  saveState(): void;
}

export function createMainWindow<W extends MainWindowLike>(options: MainWindowOptions<W>): MainWindowHandle<W> {
  const state = clampWindowState(options.windowState.load(), options.workAreas());
  const window = options.createWindow({
    title: 'MediaNest',
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: DEFAULT_WINDOW_LIMITS.minWidth,
    minHeight: DEFAULT_WINDOW_LIMITS.minHeight,
    show: false,
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: mainWindowWebPreferences(options.preloadPath, options.devTools),
  });

  const currentState = (): WindowState => {
    const bounds = window.getNormalBounds();
    return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
  };
  const save = (): void => {
    if (window.isDestroyed() || window.isMinimized()) return;
    try {
      options.windowState.save(currentState());
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not save the window position');
    }
  };
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = (): void => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      save();
    }, options.saveDelayMs ?? 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, saveSoon);

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    if (options.settings().startMinimized && options.canHideToTray()) return;
    window.show();
  });

  window.on('close', (event) => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    save();
    if (!options.isQuitting() && options.settings().closeToTray && options.canHideToTray()) {
      event.preventDefault();
      window.hide();
    }
  });
  window.on('closed', () => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
  });

  void window.loadURL(options.url).catch((error: unknown) => options.logger?.warn({ err: error }, 'the app page failed to load'));
  return {
    window,
    saveState() {
      if (saveTimer !== undefined) clearTimeout(saveTimer);
      saveTimer = undefined;
      save();
    },
  };
}

/** Brings a window to the front, from the tray or a second launch. */
export function revealWindow(window: MainWindowLike): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
