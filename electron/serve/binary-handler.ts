/**
 * Serves `/binary/…` (posters, thumbnails) from the core's binary routes.
 *
 * The core decodes and checks the segments (no `..`, no slashes); we pass the
 * raw rest of the path, answer 404 when nothing matches, stream the body, and
 * abort the core's work as soon as the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BinaryRoutes } from '../core/binary/binary-routes';
import type { Logger } from '../core/logging/logger';
import { sendPlain } from './http-replies';
import { applySecurityHeaders } from './security-headers';

export const BINARY_PREFIX = '/binary/';

/** A MIME type with nothing that could smuggle another header or confuse the browser. */
const SAFE_CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(?:;\s*[a-z0-9_-]+=[a-z0-9_.-]+)?$/i;

/** Answers one `/binary/…` request; `rest` is the raw path after `/binary/`. */
export async function serveBinary(
  binary: Pick<BinaryRoutes, 'resolve'>,
  rest: string,
  req: IncomingMessage,
  res: ServerResponse,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let response: Awaited<ReturnType<BinaryRoutes['resolve']>>;
  try {
    response = await binary.resolve(rest, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return;
    logger.warn({ err: error }, 'a binary route failed');
    sendPlain(res, 500, 'Something went wrong inside MediaNest.');
    return;
  }
  if (controller.signal.aborted) {
    if (response?.body instanceof Readable) response.body.destroy();
    return;
  }
  if (response === null) {
    sendPlain(res, 404, 'Not found');
    return;
  }
  const { body, contentType, maxAgeSeconds } = response;
  applySecurityHeaders(res);
  res.statusCode = 200;
  res.setHeader('Content-Type', SAFE_CONTENT_TYPE.test(contentType) ? contentType : 'application/octet-stream');
  // Private: posters can reveal what the household watches; shared caches must not keep them.
  res.setHeader('Cache-Control', maxAgeSeconds && maxAgeSeconds > 0 ? `private, max-age=${Math.floor(maxAgeSeconds)}` : 'no-store');
  if (Buffer.isBuffer(body)) {
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  if (req.method === 'HEAD') {
    body.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(body, res, { signal: controller.signal });
  } catch {
    // Client gone or source failed: pipeline has already destroyed both ends.
    if (!res.destroyed) res.destroy();
  }
}
