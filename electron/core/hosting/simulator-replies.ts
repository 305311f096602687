/**
 * Small reply helpers shared by the service simulators (the demo homelab and tests).
 * Every reply carries `content-length`, as the real servers' do, so clients
 * that look at it see what they would see in a homelab.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Sends `body` with its exact length and the given content type. */
export function sendBody(res: ServerResponse, status: number, contentType: string | null, body: string, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, {
    ...(contentType === null ? {} : { 'content-type': contentType }),
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: OutgoingHttpHeaders = {}): void {
  sendBody(res, status, 'text/html; charset=utf-8', html, headers);
}

/** The request's path without its query. */
export function requestPath(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://simulator').pathname;
}

/** One query parameter of the request, or null. */
export function queryParam(req: IncomingMessage, name: string): string | null {
  return new URL(req.url ?? '/', 'http://simulator').searchParams.get(name);
}

/** The password of an HTTP Basic `Authorization` header (the user name is ignored), or null. */
export function basicPassword(req: IncomingMessage): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}
