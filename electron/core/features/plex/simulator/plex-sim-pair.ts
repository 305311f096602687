/**
 * plex.tv and a Plex Media Server simulated together on loopback ports, with
 * the server listed in the account's resources the way plex.tv lists a real
 * one: a local `plex.direct` https name (which does not resolve here, as
 * behind a router that blocks DNS rebinding), the local raw address, a remote
 * address nobody answers on, and a slower relay. Used by tests, the
 * benchmark and the demo.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlexTvHandler, type PlexTvHandler, type PlexTvHandlerOptions, type SimResource } from './plex-tv-simulator';
import { createPmsSimulator, type PmsSimulator, type PmsSimulatorOptions } from './pms-simulator';

/** Starts a listener and returns its port; the demo passes the core's listener host, tests a plain server. */
export type SimListen = (name: string, handler: RequestListener) => Promise<number>;

export interface PlexSimPairOptions {
  readonly pms?: PmsSimulatorOptions;
  readonly plexTv?: Omit<PlexTvHandlerOptions, 'resources'>;
  /** The server's token (its `accessToken` in the resources). */
  readonly serverToken?: string;
  /** Extra delay of the relay connection. */
  readonly relayDelayMs?: number;
  readonly listen?: SimListen;
}

export interface PlexSimPair {
  readonly pms: PmsSimulator;
  readonly plexTv: PlexTvHandler;
  /** `http://127.0.0.1:<port>` of each, no trailing slash. */
  readonly pmsUrl: string;
  readonly relayUrl: string;
  readonly plexTvUrl: string;
  readonly serverToken: string;
  readonly resource: SimResource;
  close(): Promise<void>;
}

/** A plain node:http listener on 127.0.0.1; `close` ends keep-alive sockets too. */
export function createLoopbackListen(): { listen: SimListen; close(): Promise<void> } {
  const servers: Server[] = [];
  return {
    async listen(_name, handler) {
      const server = createServer(handler);
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    async close() {
      await Promise.all(
        servers.splice(0).map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/** The unanswered "remote" address: another loopback address with nothing on it. */
export const SIM_REMOTE_ADDRESS = '127.0.0.254';

export async function startPlexSimPair(options: PlexSimPairOptions = {}): Promise<PlexSimPair> {
  const serverToken = options.serverToken ?? 'sim-server-token';
  const pms = createPmsSimulator({ ...options.pms, tokens: [serverToken, ...(options.pms?.tokens ?? [])] });
  const plexTv = createPlexTvHandler(options.plexTv);
  const own = options.listen ? undefined : createLoopbackListen();
  const listen = options.listen ?? own!.listen;
  const relayDelayMs = options.relayDelayMs ?? 40;
  const pmsPort = await listen('plex-pms', pms.handler);
  const relayPort = await listen('plex-relay', (req, res) => {
    setTimeout(() => pms.handler(req, res), relayDelayMs);
  });
  const plexTvPort = await listen('plex-tv', plexTv.handler);
  const machineHash = Buffer.from(pms.control.machineIdentifier).toString('hex').slice(0, 32).padEnd(32, '0');
  const resource: SimResource = {
    name: 'Living Room',
    clientIdentifier: pms.control.machineIdentifier,
    accessToken: serverToken,
    publicAddress: '203.0.113.7',
    connections: [
      { protocol: 'https', address: '127.0.0.1', port: pmsPort, uri: `https://127-0-0-1.${machineHash}.plex.direct:${pmsPort}`, local: true, relay: false },
      { protocol: 'http', address: '127.0.0.1', port: pmsPort, uri: `http://127.0.0.1:${pmsPort}`, local: true, relay: false },
      { protocol: 'http', address: SIM_REMOTE_ADDRESS, port: 32400, uri: `http://${SIM_REMOTE_ADDRESS}:32400`, local: false, relay: false },
      { protocol: 'http', address: '127.0.0.1', port: relayPort, uri: `http://127.0.0.1:${relayPort}`, local: false, relay: true },
    ],
  };
  plexTv.control.setResources([resource]);
  return {
    pms,
    plexTv,
    pmsUrl: `http://127.0.0.1:${pmsPort}`,
    relayUrl: `http://127.0.0.1:${relayPort}`,
    plexTvUrl: `http://127.0.0.1:${plexTvPort}`,
    serverToken,
    resource,
    async close() {
      pms.dispose();
      plexTv.dispose();
      await own?.close();
    },
  };
}
