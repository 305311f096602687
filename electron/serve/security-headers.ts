/**
 * Security headers sent on every HTTP response of serve mode (pages, assets,
 * binaries, errors, redirects and refused WebSocket upgrades).
 *
 * The CSP allows only our own origin: the renderer is a static bundle with no
 * inline script or style, talks to `/ws` on the same origin ('self' covers
 * ws: on the same host and port), and shows images from `/binary/…`, data:
 * and blob: URLs.
 */
import type { ServerResponse } from 'node:http';
import { rendererContentSecurityPolicy } from '../core/app/renderer-assets';

export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // Keeps other sites from holding a handle on our window or embedding our responses.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sets the security headers on a response that has not started yet. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
