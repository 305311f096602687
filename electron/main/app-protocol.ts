/**
 * The `medianest://` protocol (checklist item 18: no file://).
 *
 * `medianest://app/<file>` serves the built renderer from `dist/renderer`;
 * `medianest://app/binary/<route>/…` asks the core's binary routes (posters,
 * thumbnails). Paths are decoded, normalised and confined to the renderer
 * folder; anything else is a 404. Every response carries the CSP.
 *
 * The handler is a plain `(Request) => Promise<Response>` with no electron
 * import, so it is unit-tested in Node.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { BinaryResponse } from '../core/binary/binary-routes';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { contentTypeFor } from '../core/app/renderer-assets';
import { CONTENT_SECURITY_POLICY } from './window-security';

/** What `protocol.registerSchemesAsPrivileged` needs, before `ready`. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    // A standard scheme gets a real origin (`medianest://app`), so 'self', cookies and storage work.
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    stream: true,
    codeCache: true,
  },
} as const;


export interface AppProtocolOptions {
  /** Absolute path of the built renderer (`dist/renderer`). */
  readonly rendererDir: string;
  /** `core.binary.resolve`. */
  readonly resolveBinary: (path: string, signal: AbortSignal) => Promise<BinaryResponse | null>;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

function baseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: baseHeaders('text/plain; charset=utf-8') });
}

/** Maps a URL pathname to a file inside `root`, or null when it would leave it or is malformed. */
export function resolveRendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relativePath = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  const file = join(root, relativePath);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function binaryBody(body: BinaryResponse['body']): ConstructorParameters<typeof Response>[0] {
  if (Buffer.isBuffer(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>;
}

/** Builds the handler for `protocol.handle(APP_SCHEME, …)`. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') {
      options.logger?.warn({ host: url.host }, 'refused a request for another medianest:// host');
      return plain(404, 'Not found');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');

    if (url.pathname.startsWith('/binary/')) {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      request.signal?.addEventListener('abort', abort, { once: true });
      try {
        const found = await options.resolveBinary(url.pathname.slice('/binary/'.length), controller.signal);
        if (!found) return plain(404, 'Not found');
        const headers = baseHeaders(found.contentType);
        headers['Cache-Control'] = found.maxAgeSeconds ? `private, max-age=${Math.floor(found.maxAgeSeconds)}` : 'no-store';
        return new Response(request.method === 'HEAD' ? null : binaryBody(found.body), { status: 200, headers });
      } catch (error) {
        options.logger?.warn({ err: error }, 'a binary route failed');
        return plain(502, 'Not available');
      } finally {
        request.signal?.removeEventListener('abort', abort);
      }
    }

    let file = resolveRendererFile(options.rendererDir, url.pathname);
    if (file === null) return plain(404, 'Not found');
    if (!(await isFile(file))) {
      // Client-side routes (no extension) get the app shell; missing assets stay 404.
      if (extname(file) !== '') return plain(404, 'Not found');
      file = join(options.rendererDir, 'index.html');
      if (!(await isFile(file))) return plain(404, 'Not found');
    }
    const headers = baseHeaders(contentTypeFor(file));
    headers['Cache-Control'] = 'no-cache';
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, { status: 200, headers });
  };
}
