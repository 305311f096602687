/**
 * Token checks for serve mode when a token is required (any non-loopback bind).
 *
 * A browser brings the token once, in the URL the CLI printed (`?token=…`).
 * We answer by storing it in an HttpOnly, SameSite=Strict cookie and
 * redirecting to the same address without it, so the token leaves the
 * address bar and history, page scripts cannot read it, and other sites
 * cannot send it. WebSocket handshakes carry the cookie (same origin) or, for
 * non-browser clients, `?token=`.
 */
import { tokensEqual } from './serve-token';

export const SERVE_COOKIE_NAME = 'medianest_token';

/** Thirty days: a phone on the home network should not need the link again every visit. */
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export type HttpAuthDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'redirect'; readonly location: string; readonly setCookie: string }
  | { readonly kind: 'deny'; readonly status: 401 | 403; readonly message: string };

export interface ServeAuth {
  readonly required: boolean;
  /** `url` must come from the raw request path (see `requestUrl`), never from an absolute-form target. */
  checkHttp(url: URL, cookieHeader: string | undefined): HttpAuthDecision;
  checkUpgrade(url: URL, cookieHeader: string | undefined): boolean;
}

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** The same path and query without `token`; leading slashes collapse so the result can never be `//other.host`. */
export function locationWithoutToken(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('token');
  const query = params.toString();
  return `/${url.pathname.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
}

/** Creates the token checks; with no token everything is allowed (loopback binds). */
export function createServeAuth(token: string | undefined): ServeAuth {
  if (token === undefined) {
    return { required: false, checkHttp: () => ({ kind: 'allow' }), checkUpgrade: () => true };
  }
  const cookieValid = (header: string | undefined): boolean => tokensEqual(token, readCookie(header, SERVE_COOKIE_NAME));
  return {
    required: true,
    checkHttp(url, cookieHeader) {
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        if (!tokensEqual(token, offered)) return { kind: 'deny', status: 403, message: 'This MediaNest token is not valid. Open the address MediaNest printed when it started.' };
        return {
          kind: 'redirect',
          location: locationWithoutToken(url),
          setCookie: `${SERVE_COOKIE_NAME}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_SECONDS}`,
        };
      }
      if (cookieValid(cookieHeader)) return { kind: 'allow' };
      return { kind: 'deny', status: 401, message: 'This MediaNest server needs its token. Open the address MediaNest printed when it started (it ends with ?token=…).' };
    },
    checkUpgrade(url, cookieHeader) {
      const offered = url.searchParams.get('token');
      if (offered !== null) return tokensEqual(token, offered);
      return cookieValid(cookieHeader);
    },
  };
}
