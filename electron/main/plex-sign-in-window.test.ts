import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createPlexSignInWindows, isSignInUrl, SIGN_IN_PARTITION, type SignInContentsLike, type SignInSessionLike, type SignInWindowLike } from './plex-sign-in-window';

type Listener = (...args: never[]) => unknown;

class FakeContents implements SignInContentsLike {
  readonly listeners = new Map<string, Listener[]>();
  openHandler: ((details: { url: string }) => unknown) | undefined;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => never): void {
    this.openHandler = handler;
  }
  /** Emits a navigation; returns whether it was blocked. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const preventDefault = vi.fn();
    for (const listener of this.listeners.get(event) ?? []) (listener as (e: unknown) => void)({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  }
}

class FakeWindow implements SignInWindowLike {
  readonly webContents = new FakeContents();
  readonly loaded: string[] = [];
  destroyed = false;
  focused = 0;
  private readonly closedListeners: (() => void)[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {}
  on(_event: 'closed', listener: () => void): this {
    this.closedListeners.push(listener);
    return this;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  close() {
    this.destroyed = true;
    for (const listener of this.closedListeners) listener();
  }
  isDestroyed() {
    return this.destroyed;
  }
  focus() {
    this.focused += 1;
  }
}

function setup(accountUrl = 'https://plex.tv') {
  const windows: FakeWindow[] = [];
  const stateListeners = new Set<(state: string) => void>();
  const session: SignInSessionLike & { permission?: (w: unknown, p: string, cb: (granted: boolean) => void) => void; downloads?: (e: { preventDefault(): void }) => void } = {
    setPermissionRequestHandler(handler) {
      this.permission = handler;
    },
    setPermissionCheckHandler: vi.fn(),
    on(_event, listener) {
      this.downloads = listener;
    },
  };
  const sessionFor = vi.fn(() => session);
  const signIn = createPlexSignInWindows({
    createWindow: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window;
    },
    sessionFor,
    accountUrl: () => accountUrl,
    onSignInState: (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  });
  return { signIn, windows, session, sessionFor, emitState: (state: string) => [...stateListeners].forEach((listener) => listener(state)), stateListeners };
}

const AUTH_URL = 'https://app.plex.tv/auth#?clientID=abc&code=xyz&context%5Bdevice%5D%5Bproduct%5D=MediaNest';

describe('the Plex sign-in window', () => {
  it('allows https plex.tv pages and the sign-in providers, and the configured simulator only as configured', () => {
    for (const url of [AUTH_URL, 'https://plex.tv/sign-in', 'https://accounts.google.com/o/oauth2/auth?x=1', 'https://appleid.apple.com/auth/authorize', 'https://www.facebook.com/dialog/oauth']) {
      expect(isSignInUrl(url, 'https://plex.tv'), url).toBe(true);
    }
    for (const url of ['http://app.plex.tv/auth', 'https://evil.example/plex.tv', 'https://app.plex.tv.evil.example/', 'https://user:pw@app.plex.tv/', 'https://app.plex.tv:8443/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://127.0.0.1:5000/auth']) {
      expect(isSignInUrl(url, 'https://plex.tv'), url).toBe(false);
    }
    expect(isSignInUrl('http://127.0.0.1:5000/auth#?code=1', 'http://127.0.0.1:5000')).toBe(true);
    expect(isSignInUrl('http://127.0.0.1:5001/auth', 'http://127.0.0.1:5000')).toBe(false);
    // Configuring plex.tv itself never turns plain http on for it.
    expect(isSignInUrl('http://plex.tv/', 'http://plex.tv')).toBe(false);
  });

  it('opens a sandboxed window without preload or Node, in a session of its own that refuses permissions and downloads', () => {
    const { signIn, windows, session, sessionFor } = setup();
    expect(signIn.open(AUTH_URL)).toBe(true);
    const [window] = windows;
    const prefs = window!.options.webPreferences!;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, devTools: false, partition: SIGN_IN_PARTITION });
    expect(prefs.preload).toBeUndefined();
    expect(window!.loaded).toEqual([AUTH_URL]);
    expect(sessionFor).toHaveBeenCalledWith(SIGN_IN_PARTITION);
    const granted = vi.fn();
    session.permission!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    const download = { preventDefault: vi.fn() };
    session.downloads!(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('keeps navigation, redirects and pop-ups on the sign-in pages', () => {
    const { signIn, windows } = setup();
    signIn.open(AUTH_URL);
    const contents = windows[0]!.webContents;
    expect(contents.navigate('will-navigate', 'https://accounts.google.com/signin')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://app.plex.tv/')).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'https://tracker.example/')).toBe(true);
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const popup = contents.openHandler!({ url: 'https://appleid.apple.com/auth/authorize' }) as { action: string; overrideBrowserWindowOptions: BrowserWindowConstructorOptions };
    expect(popup.action).toBe('allow');
    expect(popup.overrideBrowserWindowOptions.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false, partition: SIGN_IN_PARTITION });
    // A pop-up's own contents are guarded the same way.
    const child = new FakeWindow({});
    for (const listener of contents.listeners.get('did-create-window') ?? []) (listener as (w: FakeWindow) => void)(child);
    expect(child.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('refuses to open on anything but a sign-in page', () => {
    const { signIn, windows } = setup();
    expect(signIn.open('https://evil.example/auth')).toBe(false);
    expect(windows).toHaveLength(0);
  });

  it('closes itself when the sign-in is no longer waiting, and reuses one window', () => {
    const { signIn, windows, emitState, stateListeners } = setup();
    signIn.open(AUTH_URL);
    signIn.open(`${AUTH_URL}&again=1`);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.focused).toBe(1);
    emitState('waiting');
    expect(windows[0]!.destroyed).toBe(false);
    emitState('signed-in');
    expect(windows[0]!.destroyed).toBe(true);
    expect(stateListeners.size).toBe(0);
    signIn.open(AUTH_URL);
    expect(windows).toHaveLength(2);
  });
});
