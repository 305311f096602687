import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, isAllowedOrigin, originOf } from './app-origin';
import {
  APP_ALLOWED_ORIGINS,
  CONTENT_SECURITY_POLICY,
  allowPopup,
  hardenContents,
  hardenSession,
  withContentSecurityPolicy,
  type HardenableContents,
  type HardenableSession,
} from './window-security';

type Listener = (...args: never[]) => unknown;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  /** Emits a navigation-style event the way Electron 41 does: details with `url`, plus the deprecated url argument. */
  const navigate = (event: string, url: string): boolean => {
    const prevent = vi.fn();
    for (const listener of listeners.get(event) ?? []) (listener as (e: unknown, url: string) => void)({ url, preventDefault: prevent }, url);
    return prevent.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as HardenableContents,
    listeners,
    navigate,
    open: (url: string) => openHandler?.({ url }),
  };
}

const blockedUrls = [
  'https://evil.example/',
  'http://127.0.0.1:5573/',
  'medianest://app.evil/index.html',
  'medianest://evil/index.html',
  'medianest://app@evil/index.html',
  'medianest://app:1234/index.html',
  'medianest:app/index.html',
  'medianest:///app/index.html',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'file://app/index.html',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'not a url',
  '',
];

const allowedUrls = ['medianest://app/index.html', 'medianest://app/', 'medianest://app/settings?tab=services#plex', 'MEDIANEST://APP/index.html'];

describe('originOf / isAllowedOrigin', () => {
  it('builds scheme://host for the app and rejects credentials', () => {
    expect(originOf('medianest://app/index.html')).toBe(APP_ORIGIN);
    expect(originOf('medianest://app@evil/')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(isAllowedOrigin('medianest://app.evil/', [APP_ORIGIN])).toBe(false);
  });
});

describe('hardenContents', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    describe(event, () => {
      it.each(allowedUrls)('allows %s', (url) => {
        const fake = fakeContents();
        hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS });
        expect(fake.navigate(event, url)).toBe(false);
      });

      it.each(blockedUrls)('blocks %j', (url) => {
        const fake = fakeContents();
        hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS });
        expect(fake.navigate(event, url)).toBe(true);
      });
    });
  }

  it('reads the URL from the legacy argument when the event has none', () => {
    const fake = fakeContents();
    hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS });
    const prevent = vi.fn();
    for (const listener of fake.listeners.get('will-navigate') ?? []) (listener as (e: unknown, url: string) => void)({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalled();
  });

  it('logs blocked navigations without the query string', () => {
    const fake = fakeContents();
    const logger = { warn: vi.fn() };
    hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS, logger });
    fake.navigate('will-navigate', 'https://evil.example/path?X-Plex-Token=secret');
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('secret');
    expect(JSON.stringify(logger.warn.mock.calls)).toContain('evil.example');
  });

  it.each(['https://app.plex.tv/auth#?clientID=x', 'medianest://app/index.html', 'about:blank', 'javascript:alert(1)'])('denies window.open(%j)', (url) => {
    const fake = fakeContents();
    hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS });
    expect(fake.open(url)).toEqual({ action: 'deny' });
  });

  it('hands a pop-up the shell opens itself (the Plex sign-in) over, and still refuses the page its own', () => {
    const fake = fakeContents();
    const handOff = vi.fn((url: string) => url.startsWith('https://app.plex.tv/'));
    hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS, handOff });
    expect(fake.open('https://app.plex.tv/auth#?code=1')).toEqual({ action: 'deny' });
    expect(handOff).toHaveBeenCalledWith('https://app.plex.tv/auth#?code=1');
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(handOff).toHaveBeenCalledTimes(2);
  });

  it('hands links the app vouches for to the system browser and still opens no window', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    const logger = { warn: vi.fn() };
    const openExternal = (url: string): boolean => {
      if (url !== 'http://nas.lan/') return false;
      opened.push(url);
      return true;
    };
    hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS, openExternal, logger });
    expect(fake.open('http://nas.lan/')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://nas.lan/']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('prevents every <webview> from attaching', () => {
    const fake = fakeContents();
    hardenContents(fake.contents, { allowedOrigins: APP_ALLOWED_ORIGINS });
    const prevent = vi.fn();
    for (const listener of fake.listeners.get('will-attach-webview') ?? []) (listener as (e: unknown) => void)({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(1);
  });
});

describe('allowPopup', () => {
  it('allows nothing while the allowlist is empty', () => {
    expect(allowPopup('https://app.plex.tv/auth')).toBe(false);
    expect(allowPopup('https://plex.tv/')).toBe(false);
    expect(allowPopup(APP_ORIGIN)).toBe(false);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const calls: Record<string, unknown> = {};
    const session = {
      webRequest: {
        onHeadersReceived(listener: unknown) {
          calls.headers = listener;
        },
      },
      setPermissionRequestHandler(handler: unknown) {
        calls.request = handler;
      },
      setPermissionCheckHandler(handler: unknown) {
        calls.check = handler;
      },
      on(event: string, listener: unknown) {
        calls[event] = listener;
        return session;
      },
    };
    return { session: session as unknown as HardenableSession, calls };
  }

  it('denies every permission request and check', () => {
    const { session, calls } = fakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      (calls.request as (...args: unknown[]) => void)({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect((calls.check as (...args: unknown[]) => boolean)({}, permission, APP_ORIGIN, {})).toBe(false);
    }
  });

  it('refuses downloads', () => {
    const { session, calls } = fakeSession();
    hardenSession(session);
    const prevent = vi.fn();
    (calls['will-download'] as (...args: unknown[]) => void)({ preventDefault: prevent }, { getURL: () => 'https://evil.example/x.exe' });
    expect(prevent).toHaveBeenCalled();
  });

  it('puts the CSP on app responses through onHeadersReceived', () => {
    const { session, calls } = fakeSession();
    hardenSession(session);
    const callback = vi.fn();
    (calls.headers as (...args: unknown[]) => void)({ url: 'medianest://app/index.html', responseHeaders: { 'content-type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] },
    });
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces a weaker CSP on app responses, whatever its header case', () => {
    const out = withContentSecurityPolicy({ url: 'medianest://app/', responseHeaders: { 'content-security-policy': ["script-src 'unsafe-inline'"] } });
    expect(out.responseHeaders).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] });
  });

  it('leaves other origins alone', () => {
    expect(withContentSecurityPolicy({ url: 'https://example.com/', responseHeaders: { a: ['b'] } })).toEqual({ responseHeaders: { a: ['b'] } });
    expect(withContentSecurityPolicy({ url: 'medianest://app.evil/' }).responseHeaders).toEqual({});
  });

  it('is the policy the brief asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: medianest:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});
