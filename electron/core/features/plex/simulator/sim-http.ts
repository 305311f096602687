/**
 * The HTTP plumbing both Plex simulators share: XML unless the client asked
 * for JSON, request recording (the X-Plex-* identity of every request, for
 * tests), and the fault modes of the integration layer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toPlexXml } from './sim-xml';

export interface RecordedPlexRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly clientIdentifier: string | undefined;
  readonly product: string | undefined;
  readonly version: string | undefined;
  readonly platform: string | undefined;
  readonly device: string | undefined;
  readonly hasToken: boolean;
  /** Which token came (tests check each upstream sends its own). */
  readonly token: string | undefined;
  readonly accept: string | undefined;
  /** `X-Plex-Container-Size`, from the header or the query. */
  readonly containerSize: string | undefined;
  readonly at: number;
}

export type SimFault =
  /** Connection closed at once, as a stopped server or a dead route looks. */
  | { readonly kind: 'down' }
  /** Accepts and never answers. */
  | { readonly kind: 'hang' }
  | { readonly kind: 'slow'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number }
  /** Invalid JSON with a JSON content type. */
  | { readonly kind: 'malformed' };

/** A header, or the same name as a query parameter (Plex accepts both). */
export function plexParam(req: IncomingMessage, url: URL, name: string): string | undefined {
  const header = req.headers[name.toLowerCase()];
  if (typeof header === 'string' && header !== '') return header;
  return url.searchParams.get(name) ?? undefined;
}

export function recordRequest(req: IncomingMessage, url: URL): RecordedPlexRequest {
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    clientIdentifier: plexParam(req, url, 'X-Plex-Client-Identifier'),
    product: plexParam(req, url, 'X-Plex-Product'),
    version: plexParam(req, url, 'X-Plex-Version'),
    platform: plexParam(req, url, 'X-Plex-Platform'),
    device: plexParam(req, url, 'X-Plex-Device'),
    hasToken: plexParam(req, url, 'X-Plex-Token') !== undefined,
    token: plexParam(req, url, 'X-Plex-Token'),
    accept: req.headers.accept,
    containerSize: plexParam(req, url, 'X-Plex-Container-Size'),
    at: Date.now(),
  };
}

export function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

/** Sends `body` as JSON when asked for, as Plex's XML otherwise. */
export function sendPlex(req: IncomingMessage, res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (wantsJson(req)) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(status, { 'content-type': 'text/xml;charset=utf-8', ...headers });
  res.end(toPlexXml(body));
}

/** Plex's bare HTML error pages. */
export function sendHtmlError(res: ServerResponse, status: number, title: string): void {
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end(`<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`);
}

/** Applies a fault; returns true when the request was handled (or dropped) by it. */
export async function applyFault(fault: SimFault | undefined, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!fault) return false;
  switch (fault.kind) {
    case 'down':
      req.socket.destroy();
      return true;
    case 'hang':
      return true;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return res.destroyed;
    case 'status':
      sendHtmlError(res, fault.status, fault.status >= 500 ? 'Internal Server Error' : 'Error');
      return true;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"MediaContainer": {"size": 1, "Metadata": [');
      return true;
  }
}

/** Reads a small request body (bounded). */
export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
