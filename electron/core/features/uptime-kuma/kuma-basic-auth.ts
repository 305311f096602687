/**
 * HTTP Basic auth as Uptime Kuma reads it for /metrics.
 */
import type { IncomingMessage } from 'node:http';

/** The password of an HTTP Basic header (Kuma ignores the user name once API keys exist), or null. */
export function basicPasswordOf(req: IncomingMessage): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}
