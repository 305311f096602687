/**
 * The address serve mode prints for the user: a host they can actually open
 * (a LAN address instead of 0.0.0.0) and, when a token is required, the token.
 */
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']);

/** A host to put in a URL for the bound address; a wildcard bind is shown as the first LAN IPv4 address. */
export function displayHost(bindHost: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string {
  let host = bindHost;
  if (WILDCARD_HOSTS.has(bindHost)) {
    const lan = Object.values(interfaces)
      .flat()
      .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal);
    host = lan?.address ?? '127.0.0.1';
  }
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** `http://<host>:<port>/`, plus `?token=…` when given. */
export function formatServeUrl(host: string, port: number, token?: string): string {
  const base = `http://${displayHost(host)}:${port}/`;
  return token === undefined ? base : `${base}?token=${encodeURIComponent(token)}`;
}
