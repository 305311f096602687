/**
 * Who may talk to serve mode: loopback detection, the Host check against DNS
 * rebinding, and the Origin check for WebSocket upgrades.
 *
 * Policy (kept here, in one place):
 * - Host: on a loopback bind the Host header must name the loopback
 *   (`localhost` or a loopback IP literal). A page on a rebinding domain that
 *   resolves to 127.0.0.1 still sends its own name, so it is refused. On a
 *   non-loopback bind the token is required instead, so any name the LAN uses
 *   is accepted.
 * - Origin: browsers always send Origin on a WebSocket handshake, so one whose
 *   host differs from the Host header is another site trying to drive the core
 *   and is refused, token or not. `Origin: null` (sandboxed frames, file://)
 *   is refused. A handshake without Origin comes from a non-browser client (a
 *   script, a test); it passes this check and still needs the token.
 */
import { isIP } from 'node:net';

const HOST_HEADER = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True for `localhost`, 127.0.0.0/8, ::1 and IPv4-mapped loopback; false for wildcard and LAN addresses. */
export function isLoopbackHost(host: string): boolean {
  const name = stripBrackets(host.trim().toLowerCase());
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) {
    if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
    return mapped !== null && mapped[1] !== undefined && mapped[1].startsWith('127.');
  }
  return false;
}

/** Splits a Host header into its name (lower-case, brackets kept for IPv6) or null when malformed. */
export function parseHostHeader(value: string | undefined): { name: string; port: string } | null {
  if (value === undefined || !HOST_HEADER.test(value)) return null;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value.toLowerCase());
  if (!match || match[1] === undefined) return null;
  return { name: match[1], port: match[2] ?? '' };
}

/** The DNS-rebinding check: on loopback binds only loopback names are acceptable Host headers. */
export function isHostHeaderAllowed(hostHeader: string | undefined, loopbackBind: boolean): boolean {
  const parsed = parseHostHeader(hostHeader);
  if (!parsed) return false;
  if (!loopbackBind) return true;
  return isLoopbackHost(parsed.name);
}

/** The cross-site check for WebSocket upgrades (see the policy above). */
export function isOriginAllowed(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (hostHeader === undefined || parseHostHeader(hostHeader) === null) return false;
  let origin: URL;
  try {
    origin = new URL(originHeader);
  } catch {
    return false; // includes the literal "null"
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return false;
  // Normalise the Host header the way URL normalises the origin (default ports dropped, lower case).
  let host: string;
  try {
    host = new URL(`${origin.protocol}//${hostHeader}`).host;
  } catch {
    return false;
  }
  return origin.host === host;
}
