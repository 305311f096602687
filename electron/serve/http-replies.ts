/**
 * Small replies for errors and redirects, on a normal response or
 * on the raw socket of a refused WebSocket upgrade. Bodies are fixed strings:
 * nothing from the request is echoed back.
 */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { SECURITY_HEADERS, applySecurityHeaders } from './security-headers';

/** Ends a response with a short text body (none for HEAD). */
export function sendPlain(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string | string[]>> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  applySecurityHeaders(res);
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Ends a response with a whole HTML page and its own CSP (the token pages, which are not the renderer). */
export function sendHtmlPage(res: ServerResponse, status: number, html: string, csp: string, headers: Readonly<Record<string, string | string[]>> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  applySecurityHeaders(res);
  const body = Buffer.from(html, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Answers an upgrade request with an HTTP error and closes the socket; the WebSocket is never opened. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  const body = `${text}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  // end() flushes the reply; destroy shortly after in case the peer never closes its side.
  setTimeout(() => socket.destroy(), 1000).unref();
}
