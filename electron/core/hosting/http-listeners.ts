/**
 * Extra HTTP listeners hosted by the core (the Overseerr webhook receiver on a
 * LAN port, later ones alike). The core owns them: `dispose()` closes every
 * listener and its open connections, so quitting never hangs on a keep-alive.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostedListener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly name: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handler: RequestListener;
}

export interface HttpListenerHost {
  listen(options: ListenOptions): Promise<HostedListener>;
  list(): readonly HostedListener[];
  dispose(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function createHttpListenerHost(): HttpListenerHost {
  const listeners = new Map<string, HostedListener>();
  return {
    async listen({ name, host, port, handler }) {
      if (listeners.has(name)) throw new Error(`A listener named "${name}" is already running.`);
      const server = createServer(handler);
      // Slow or idle peers on a LAN port must not hold sockets forever.
      server.requestTimeout = 15_000;
      server.headersTimeout = 10_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const hosted: HostedListener = {
        name,
        host: address.address,
        port: address.port,
        async close() {
          listeners.delete(name);
          await closeServer(server);
        },
      };
      listeners.set(name, hosted);
      return hosted;
    },
    list: () => [...listeners.values()],
    async dispose() {
      await Promise.all([...listeners.values()].map((listener) => listener.close()));
    },
  };
}
