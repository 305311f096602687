/**
 * The Plex sign-in window: plex.tv's approval page in a window of its own,
 * locked down harder than the app's (no preload at all, no Node, a sandbox,
 * an in-memory session of its own, every permission refused), that may only
 * go to plex.tv's pages and the sign-in providers Plex offers there (Google,
 * Apple, Facebook), over https; the one exception is the configured plex.tv
 * address of the tests and the demo. It closes itself once the sign-in ended.
 *
 * Electron's constructors and sessions are parameters (Signal-style), so it is
 * unit-tested with fakes.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { PLEX_TV_HOST } from '../../shared/contract/services';
import { originOf } from './app-origin';
import { HARDENED_WEB_PREFERENCES } from './main-window';

/** Plex's own hosts and the identity providers its sign-in page hands off to. */
const PLEX_HOSTS = [PLEX_TV_HOST, `app.${PLEX_TV_HOST}`, `www.${PLEX_TV_HOST}`];
const PROVIDER_HOSTS = ['accounts.google.com', 'appleid.apple.com', 'www.facebook.com', 'm.facebook.com', 'facebook.com'];

/** Where the sign-in window may go: https to those hosts, or exactly the configured plex.tv origin. */
export function isSignInUrl(url: string, configuredAccountUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  const origin = originOf(url);
  const configured = originOf(configuredAccountUrl);
  // The simulated plex.tv of tests and the demo: its own origin, http allowed, nothing else.
  if (configured !== null && origin === configured && !PLEX_HOSTS.includes(new URL(configuredAccountUrl).hostname)) return true;
  if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
  return PLEX_HOSTS.includes(parsed.hostname) || PROVIDER_HOSTS.includes(parsed.hostname);
}

/** No preload, no Node, sandboxed, its own in-memory session. */
export function signInWebPreferences(partition: string): WebPreferences {
  return { ...HARDENED_WEB_PREFERENCES, devTools: false, partition };
}

interface NavigationEvent {
  readonly url?: string;
  preventDefault(): void;
}

/** The part of `Electron.WebContents` this module uses. */
export interface SignInContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: NavigationEvent, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'did-create-window', listener: (window: SignInWindowLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions?: BrowserWindowConstructorOptions }): void;
}

/** The part of `Electron.BrowserWindow` this module uses. */
export interface SignInWindowLike {
  readonly webContents: SignInContentsLike;
  on(event: 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<unknown>;
  close(): void;
  isDestroyed(): boolean;
  focus(): void;
}

/** The part of `Electron.Session` this module uses. */
export interface SignInSessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface SignInWindowLogger {
  warn(object: Record<string, unknown>, message: string): void;
}

export interface PlexSignInWindowOptions<W extends SignInWindowLike> {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => W;
  /** The session behind `partition` (Electron's `session.fromPartition`). */
  readonly sessionFor: (partition: string) => SignInSessionLike;
  /** plex.tv's address from settings, read when the window opens. */
  readonly accountUrl: () => string;
  /** Subscribes to the sign-in's state; the window closes once it is no longer waiting. */
  readonly onSignInState: (listener: (state: string) => void) => () => void;
  readonly logger?: SignInWindowLogger;
  readonly parent?: unknown;
}

export const SIGN_IN_PARTITION = 'plex-sign-in';

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Keeps a window's contents on the sign-in pages; pop-ups to them open with the same locks. */
export function guardSignInContents(contents: SignInContentsLike, allowed: (url: string) => boolean, logger?: SignInWindowLogger): void {
  const guard = (kind: string) => (event: NavigationEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (allowed(url)) return;
    event.preventDefault();
    logger?.warn({ kind, host: host(url) }, 'blocked a navigation away from the Plex sign-in');
  };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Google and Apple sign in in a pop-up that reports back to the page: allowed, locked down the same way.
    if (allowed(url)) return { action: 'allow', overrideBrowserWindowOptions: { width: 520, height: 720, autoHideMenuBar: true, webPreferences: signInWebPreferences(SIGN_IN_PARTITION) } };
    logger?.warn({ host: host(url) }, 'denied a pop-up from the Plex sign-in');
    return { action: 'deny' };
  });
  contents.on('did-create-window', (child) => guardSignInContents(child.webContents, allowed, logger));
}

export interface PlexSignInWindows {
  /** Opens (or focuses) the window on `url`; false when the address is not a sign-in page. */
  open(url: string): boolean;
  close(): void;
  /** True for an address the sign-in window handles (the app's window.open hands these over). */
  handles(url: string): boolean;
}

export function createPlexSignInWindows<W extends SignInWindowLike>(options: PlexSignInWindowOptions<W>): PlexSignInWindows {
  let current: W | undefined;
  let stopWatching: (() => void) | undefined;
  let hardened = false;
  const allowed = (url: string): boolean => isSignInUrl(url, options.accountUrl());

  const hardenSession = (): void => {
    if (hardened) return;
    hardened = true;
    const session = options.sessionFor(SIGN_IN_PARTITION);
    session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.setPermissionCheckHandler(() => false);
    session.on('will-download', (event) => event.preventDefault());
  };

  const close = (): void => {
    stopWatching?.();
    stopWatching = undefined;
    if (current && !current.isDestroyed()) current.close();
    current = undefined;
  };

  return {
    handles: allowed,
    open(url) {
      if (!allowed(url)) {
        options.logger?.warn({ host: host(url) }, 'refused to open a sign-in window on an address that is not plex.tv');
        return false;
      }
      hardenSession();
      if (current && !current.isDestroyed()) {
        void current.loadURL(url);
        current.focus();
        return true;
      }
      const window = options.createWindow({
        title: 'Sign in to Plex',
        width: 520,
        height: 720,
        autoHideMenuBar: true,
        ...(options.parent ? { parent: options.parent as BrowserWindowConstructorOptions['parent'] } : {}),
        webPreferences: signInWebPreferences(SIGN_IN_PARTITION),
      });
      current = window;
      guardSignInContents(window.webContents, allowed, options.logger);
      window.on('closed', () => {
        if (current === window) {
          current = undefined;
          stopWatching?.();
          stopWatching = undefined;
        }
      });
      stopWatching = options.onSignInState((state) => {
        if (state !== 'waiting') close();
      });
      void window.loadURL(url).catch((error: unknown) => options.logger?.warn({ err: error }, 'the Plex sign-in page failed to load'));
      return true;
    },
    close,
  };
}
