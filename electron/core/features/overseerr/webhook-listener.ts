/**
 * The webhook receiver's listener, hosted by the core on the address and
 * port in settings, moved when they change, and the address to give
 * Overseerr: this computer as the network sees it when bound to every
 * interface.
 */
import { networkInterfaces } from 'node:os';
import type { RequestListener } from 'node:http';
import type { HostedListener, HttpListenerHost } from '../../hosting/http-listeners';
import type { Logger } from '../../logging/logger';
import { WEBHOOK_PATH } from './webhook-receiver';

export const WEBHOOK_LISTENER_NAME = 'overseerr-webhook';

export interface WebhookBinding {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
}

export interface WebhookListenerState {
  readonly listening: boolean;
  readonly url: string | null;
  readonly otherUrls: readonly string[];
  readonly problem: string | null;
}

/** This computer's IPv4 addresses on its networks (not loopback). */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

const urlFor = (host: string, port: number): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}${WEBHOOK_PATH}`;

export function createWebhookListener(deps: { listeners: Pick<HttpListenerHost, 'listen'>; handler: RequestListener; logger?: Pick<Logger, 'info' | 'warn'>; addresses?: () => string[] }) {
  let current: { binding: WebhookBinding; listener: HostedListener } | undefined;
  let problem: string | null = null;
  let applying: Promise<void> = Promise.resolve();

  const close = async (): Promise<void> => {
    const closing = current;
    current = undefined;
    await closing?.listener.close();
  };

  const apply = async (binding: WebhookBinding): Promise<void> => {
    if (current && current.binding.host === binding.host && current.binding.port === binding.port && binding.enabled) return;
    await close();
    problem = null;
    if (!binding.enabled) return;
    try {
      const listener = await deps.listeners.listen({ name: WEBHOOK_LISTENER_NAME, host: binding.host, port: binding.port, handler: deps.handler });
      current = { binding, listener };
      deps.logger?.info({ host: listener.host, port: listener.port }, 'listening for Overseerr webhooks');
    } catch (error) {
      const code = (error as { code?: string }).code;
      problem =
        code === 'EADDRINUSE'
          ? `Port ${binding.port} is already used by another program: choose another port.`
          : code === 'EADDRNOTAVAIL'
            ? `${binding.host} is not an address of this computer: use 0.0.0.0 to listen on every network.`
            : code === 'EACCES'
              ? `MediaNest may not listen on port ${binding.port}: choose one above 1024.`
              : 'MediaNest could not listen for webhooks.';
      deps.logger?.warn({ err: error, host: binding.host, port: binding.port }, 'the webhook listener could not start');
    }
  };

  return {
    /** Listens as `binding` says (one change at a time, in order). */
    apply(binding: WebhookBinding): Promise<void> {
      applying = applying.then(() => apply(binding));
      return applying;
    },
    /** Resolves once every change asked for so far is in place. */
    idle: (): Promise<void> => applying,
    state(): WebhookListenerState {
      if (!current) return { listening: false, url: null, otherUrls: [], problem };
      const { host, port } = current.listener;
      const everywhere = host === '0.0.0.0' || host === '::';
      const lan = everywhere ? (deps.addresses ?? lanAddresses)() : [];
      const urls = everywhere ? [...lan, '127.0.0.1'].map((address) => urlFor(address, port)) : [urlFor(host, port)];
      const loopbackOnly = !everywhere && (host === '127.0.0.1' || host === '::1' || host === 'localhost');
      return {
        listening: true,
        url: urls[0] ?? null,
        otherUrls: urls.slice(1),
        problem: loopbackOnly ? 'Only this computer can reach this address: Overseerr on another machine needs 0.0.0.0 (every network) as the address to listen on.' : null,
      };
    },
    dispose: () => (applying = applying.then(close)),
  };
}
