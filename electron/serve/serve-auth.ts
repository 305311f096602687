/**
 * The serve token, checked on every request and every WebSocket, on every
 * bind (loopback too: every account on the machine can reach a loopback port).
 *
 * Two ways in, one per kind of client:
 * - A browser brings the token once, in the link the CLI printed
 *   (`/?token=…`). It gets an HttpOnly, SameSite=Strict cookie and a page
 *   that moves on to the same address without the token (see token-page.ts),
 *   so the token leaves the address bar and history, page scripts cannot read
 *   it, and other sites cannot send it. The cookie then covers the page, its
 *   files and its WebSocket.
 * - Anything else (scripts, tests, the screenshot tool) sends it in a header:
 *   `Authorization: Bearer <token>` or `X-MediaNest-Token: <token>`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { tokensEqual } from './serve-token';

export const SERVE_COOKIE_NAME = 'medianest_token';
export const TOKEN_HEADER = 'x-medianest-token';

/** Thirty days: a phone on the home network should not need the link again every visit. */
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Why a caller was refused; the HTTP layer picks the page or line to answer with. */
export type AuthRefusal = 'missing' | 'invalid';

export type HttpAuthDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'exchange'; readonly location: string; readonly setCookie: string }
  | { readonly kind: 'deny'; readonly reason: AuthRefusal };

export interface ServeAuth {
  /** `url` must come from the raw request path (see `requestUrl`), never from an absolute-form target. */
  checkHttp(url: URL, headers: IncomingHttpHeaders): HttpAuthDecision;
  /** Cookie or header only: a token in a WebSocket URL would end up in logs and histories. */
  checkUpgrade(headers: IncomingHttpHeaders): AuthRefusal | undefined;
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

/** The token a non-browser client sent in a header, if any. */
export function readHeaderToken(headers: IncomingHttpHeaders): string | undefined {
  const custom = headers[TOKEN_HEADER];
  if (typeof custom === 'string') return custom.trim();
  const authorization = headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1] ?? '';
}

/** The same path and query without `token`; leading slashes collapse so the result can never be `//other.host`. */
export function locationWithoutToken(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('token');
  const query = params.toString();
  return `/${url.pathname.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
}

export function createServeAuth(token: string): ServeAuth {
  /** Header first (a client that sends one means it), then the cookie. */
  const checkCredentials = (headers: IncomingHttpHeaders): AuthRefusal | undefined => {
    const fromHeader = readHeaderToken(headers);
    if (fromHeader !== undefined) return tokensEqual(token, fromHeader) ? undefined : 'invalid';
    const fromCookie = readCookie(headers.cookie, SERVE_COOKIE_NAME);
    // A stale cookie (the token file was replaced) reads as "no token yet", so the page says where to find the link.
    return tokensEqual(token, fromCookie) ? undefined : 'missing';
  };
  return {
    checkHttp(url, headers) {
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        if (!tokensEqual(token, offered)) return { kind: 'deny', reason: 'invalid' };
        return {
          kind: 'exchange',
          location: locationWithoutToken(url),
          setCookie: `${SERVE_COOKIE_NAME}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_SECONDS}`,
        };
      }
      const refusal = checkCredentials(headers);
      return refusal === undefined ? { kind: 'allow' } : { kind: 'deny', reason: refusal };
    },
    checkUpgrade: checkCredentials,
  };
}
