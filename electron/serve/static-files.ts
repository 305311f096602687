/**
 * Serves the built renderer (dist/renderer) over HTTP.
 *
 * Paths are taken raw from the request line (before any URL normalisation),
 * decoded once, and refused if any segment could leave the folder (`..`,
 * `%2e%2e`, backslashes, NUL) or is a dotfile; the final file must also
 * resolve (symlinks included) inside the folder. Vite's hashed `assets/`
 * are cached for a year; everything else is revalidated with an ETag so a
 * rebuilt UI shows up on the next reload.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from '../core/app/renderer-assets';
import { sendPlain } from './http-replies';
import { applySecurityHeaders } from './security-headers';


/** Vite puts content-hashed files here; their name changes whenever their content does. */
const IMMUTABLE_PREFIX = 'assets/';

export type StaticFileHandler = (req: IncomingMessage, res: ServerResponse, rawPath: string) => Promise<void>;


/**
 * Turns a raw request path into path segments under the root, or a status to
 * answer with: 400 for malformed paths, 404 for anything that tries to leave.
 */
export function resolveStaticPath(rawPath: string): { segments: string[] } | { status: 400 | 404 } {
  if (rawPath === '/' || rawPath === '') return { segments: ['index.html'] };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return { status: 404 };
  return { segments };
}

/** Creates the handler that serves files from `rootDir` (the built renderer). */
export function createStaticFileHandler(rootDir: string): StaticFileHandler {
  const root = resolve(rootDir);
  return async (req, res, rawPath) => {
    const target = resolveStaticPath(rawPath);
    if ('status' in target) {
      sendPlain(res, target.status, target.status === 400 ? 'Bad request' : 'Not found');
      return;
    }
    const file = join(root, ...target.segments);
    let size: number;
    let mtimeMs: number;
    try {
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
      // Lexical checks above stop `..`; this stops a symlink inside the folder pointing out of it.
      if (!realFile.startsWith(realRoot + sep)) throw new Error('outside the renderer folder');
      const info = await stat(realFile);
      if (!info.isFile()) throw new Error('not a file');
      size = info.size;
      mtimeMs = info.mtimeMs;
    } catch {
      const missingUi = target.segments.length === 1 && target.segments[0] === 'index.html';
      sendPlain(res, 404, missingUi ? 'The MediaNest interface has not been built yet: run `npm run build`.' : 'Not found');
      return;
    }

    const relative = target.segments.join('/');
    const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
    applySecurityHeaders(res);
    res.setHeader('Content-Type', contentTypeFor(file));
    res.setHeader('Cache-Control', relative.startsWith(IMMUTABLE_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', size);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(createReadStream(file), res);
    } catch {
      // The client went away or the file vanished mid-read (a rebuild); nothing useful to answer.
      res.destroy();
    }
  };
}
