/**
 * The HTTP handler of the webhook listener. Overseerr usually runs on
 * another machine of the LAN, so this listens beyond loopback and trusts
 * nothing: one path, POST only, the configured secret in `Authorization`
 * (else 401 before the body is read), a body size limit, JSON that matches
 * the template. Only then is the delivery handed on; a delivery of a type
 * MediaNest does not act on is logged and ignored.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../logging/logger';
import { isHandledType, WebhookPayloadSchema, type HandledType, type WebhookPayload } from './webhook-payload';

export const WEBHOOK_PATH = '/webhooks/overseerr';
/** A filled-in default template is well under 2 KiB; anything past this is not Overseerr. */
export const WEBHOOK_MAX_BYTES = 64 * 1024;

export interface WebhookReceiverDeps {
  /** The exact `Authorization` value to require; undefined refuses everything. */
  readonly authorization: () => string | undefined;
  readonly onDelivery: (type: HandledType, payload: WebhookPayload) => void | Promise<void>;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  readonly maxBytes?: number;
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (given === undefined || expected === undefined || expected === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads at most `limit` bytes; null when the body is larger. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export function createWebhookReceiver(deps: WebhookReceiverDeps): RequestListener {
  const limit = deps.maxBytes ?? WEBHOOK_MAX_BYTES;
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, message: string, headers?: Record<string, string>): void => {
    // Do not read what we refuse: answer and close.
    res.once('finish', () => req.destroy());
    reply(res, status, message, { connection: 'close', ...headers });
  };

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    if (path !== WEBHOOK_PATH) return refuse(req, res, 404, 'Not found');
    if (req.method !== 'POST') return refuse(req, res, 405, 'Use POST', { allow: 'POST' });
    if (!sameSecret(req.headers.authorization, deps.authorization())) {
      deps.logger?.warn({ from: req.socket.remoteAddress }, 'a webhook without the right secret was refused');
      return refuse(req, res, 401, 'Unauthorized');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return refuse(req, res, 413, 'Too large');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(req, res, 415, 'Send JSON');
    void (async () => {
      const body = await readLimited(req, limit);
      if (body === null) return refuse(req, res, 413, 'Too large');
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return reply(res, 400, 'Not JSON');
      }
      const parsed = WebhookPayloadSchema.safeParse(json);
      if (!parsed.success) {
        deps.logger?.warn({ fields: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.')) }, 'a malformed webhook was refused');
        return reply(res, 400, 'The payload does not match the template');
      }
      const type = parsed.data.notification_type;
      if (!isHandledType(type)) {
        deps.logger?.info({ type }, 'a webhook of a type MediaNest does not act on was ignored');
        return reply(res, 202, 'Ignored');
      }
      await deps.onDelivery(type, parsed.data);
      reply(res, 200, 'OK');
    })().catch((error: unknown) => {
      deps.logger?.warn({ err: error }, 'a webhook could not be handled');
      if (!res.headersSent) reply(res, 500, 'Something went wrong');
      else res.destroy();
    });
  };
}
