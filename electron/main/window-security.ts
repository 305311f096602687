/**
 * Locks down sessions and web contents (Electron security checklist items 5, 7,
 * 11–14): a strict CSP on the app's own responses, every permission denied,
 * navigation pinned to the app origin, no pop-ups and no <webview>.
 *
 * Written against small structural interfaces (only `import type` from
 * electron), so the handlers are unit-tested with fakes.
 */
import { APP_ORIGIN, isAllowedOrigin, isAppUrl } from './app-origin';
import { rendererContentSecurityPolicy } from '../core/app/renderer-assets';

/** The renderer's CSP, with the app's own scheme allowed for images (posters served by the main process). */
export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy(['medianest:']);

/**
 * Pop-ups that may open as their own window. The future Plex sign-in window
 * (https://app.plex.tv/auth…) will be added here, opened as a separate window
 * with its own hardened webPreferences and no preload. EMPTY until then.
 */
const POPUP_ALLOWED_ORIGINS: readonly string[] = [];

/** The one place that decides whether a pop-up may open; false for everything today. */
export function allowPopup(url: string): boolean {
  return isAllowedOrigin(url, POPUP_ALLOWED_ORIGINS);
}

interface HeadersDetails {
  readonly url: string;
  readonly responseHeaders?: Record<string, string[]>;
}

interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>;
}

/** The part of `Electron.Session` this module uses. */
export interface HardenableSession {
  readonly webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: { getURL(): string }) => void): unknown;
}

interface NavigationEvent {
  readonly url?: string;
  preventDefault(): void;
}

type NavigationListener = (event: NavigationEvent, url?: string) => void;

/** The part of `Electron.WebContents` this module uses. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

export interface SecurityLogger {
  warn(object: Record<string, unknown>, message: string): void;
}

export interface HardenContentsOptions {
  /** Origins the contents may navigate within, e.g. `['medianest://app']`. */
  readonly allowedOrigins: readonly string[];
  /** Opens a link the app vouches for in the system browser; true when it did (the pop-up is then refused). */
  readonly openExternal?: (url: string) => boolean;
  readonly logger?: SecurityLogger;
  /**
   * A pop-up the shell opens in a window of its own instead (the Plex sign-in):
   * true when it took the address. The page's own pop-up is refused either way.
   */
  readonly handOff?: (url: string) => boolean;
}

/** Shortens a URL for a log line (no query: it may carry a token). */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return url.slice(0, 40);
  }
}

/** Adds the CSP to every response from the app origin, whatever else the handler sent. */
export function withContentSecurityPolicy(details: HeadersDetails): HeadersResponse {
  const headers: Record<string, string[]> = { ...(details.responseHeaders ?? {}) };
  if (!isAppUrl(details.url)) return { responseHeaders: headers };
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'content-security-policy') delete headers[name];
  }
  headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  headers['X-Content-Type-Options'] = ['nosniff'];
  return { responseHeaders: headers };
}

/** CSP on app responses, all permissions denied, downloads refused. Call once per session. */
export function hardenSession(session: HardenableSession, logger?: SecurityLogger): void {
  session.webRequest.onHeadersReceived((details, callback) => callback(withContentSecurityPolicy(details)));
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger?.warn({ permission }, 'denied a permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event, item) => {
    logger?.warn({ url: describeUrl(item.getURL()) }, 'refused a download');
    event.preventDefault();
  });
}

/** Navigation (and redirects) stay inside `allowedOrigins`; pop-ups and webviews are refused. */
export function hardenContents(contents: HardenableContents, options: HardenContentsOptions): void {
  const guard =
    (kind: string): NavigationListener =>
    (event, legacyUrl) => {
      const url = event.url ?? legacyUrl ?? '';
      if (isAllowedOrigin(url, options.allowedOrigins)) return;
      event.preventDefault();
      options.logger?.warn({ kind, url: describeUrl(url) }, 'blocked a navigation away from the app');
    };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.logger?.warn({}, 'refused to attach a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (allowPopup(url)) return { action: 'allow' };
    if (options.handOff?.(url)) return { action: 'deny' };
    if (options.openExternal?.(url)) return { action: 'deny' };
    options.logger?.warn({ url: describeUrl(url) }, 'denied window.open');
    return { action: 'deny' };
  });
}

/** The origins the main window may navigate within. */
export const APP_ALLOWED_ORIGINS: readonly string[] = [APP_ORIGIN];
