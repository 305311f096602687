/**
 * Small reply helpers shared by the service simulators (the demo homelab and tests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The request's path without its query. */
export function requestPath(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://simulator').pathname;
}
