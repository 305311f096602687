/**
 * The services MediaNest talks to, built from settings.
 *
 * `update(services)` is how a settings change takes effect without a restart:
 * only entries whose resolved config changed are rebuilt, the old client is
 * disposed (its queued and in-flight calls end with CANCELLED, its timers stop),
 * and an open breaker carries over when the address did not change, so saving
 * an unrelated setting does not hammer a service that is down.
 */
import type { Settings } from '../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../shared/contract/services';
import { serviceNames } from '../../../shared/contract/services';
import type { Logger } from '../logging/logger';
import { createServiceClient, type ServiceClient } from './service-client';
import { isCallable, resolveServiceConfig, type ResolvedServiceConfig, type ServiceHeaders } from './service-config';
import type { GetSecret } from './service-http';

export interface ServiceRegistry {
  config(name: ServiceName): ResolvedServiceConfig;
  configs(): readonly ResolvedServiceConfig[];
  /** The live client; undefined while the service is disabled or has no address. */
  client(name: ServiceName): ServiceClient | undefined;
  /** Applies new settings; returns the services that changed. Validates all before changing any. */
  update(services: Settings['services']): readonly ServiceName[];
  onDidChange(listener: (changed: readonly ServiceName[]) => void): () => void;
  dispose(): void;
}

export interface ServiceRegistryOptions {
  readonly services: Settings['services'];
  readonly getSecret: GetSecret;
  /** Added to every request of a service, probes included. */
  readonly headers?: ServiceHeaders;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  readonly now?: () => number;
  readonly random?: () => number;
}

interface Entry {
  readonly config: ResolvedServiceConfig;
  readonly fingerprint: string;
  readonly client: ServiceClient | undefined;
}

export function createServiceRegistry(options: ServiceRegistryOptions): ServiceRegistry {
  const { getSecret, logger } = options;
  const entries = new Map<ServiceName, Entry>();
  const listeners = new Set<(changed: readonly ServiceName[]) => void>();
  let disposed = false;

  const build = (config: ResolvedServiceConfig, previous: Entry | undefined): Entry => {
    const carried =
      previous?.client && previous.config.baseUrl === config.baseUrl ? previous.client.breaker.toJSON() : undefined;
    const client = isCallable(config)
      ? createServiceClient(config, {
          getSecret,
          ...(options.now ? { now: options.now } : {}),
          ...(options.random ? { random: options.random } : {}),
          ...(carried ? { breakerState: carried } : {}),
        })
      : undefined;
    client?.breaker.onStateChange(({ from, to }) => {
      const log = to === 'open' ? logger?.warn : logger?.info;
      log?.call(logger, { service: config.name, from, to }, 'circuit breaker changed state');
    });
    return { config, fingerprint: JSON.stringify(config), client };
  };

  const resolveAll = (services: Settings['services']): ResolvedServiceConfig[] =>
    serviceNames.map((name) => resolveServiceConfig(name, services[name], options.headers));

  for (const config of resolveAll(options.services)) entries.set(config.name, build(config, undefined));

  const entry = (name: ServiceName): Entry => {
    const found = entries.get(name);
    if (!found) throw new Error(`Unknown service ${String(name)}`);
    return found;
  };

  return {
    config: (name) => entry(name).config,
    configs: () => serviceNames.map((name) => entry(name).config),
    client: (name) => entry(name).client,
    update(services) {
      if (disposed) return [];
      const next = resolveAll(services);
      const changed: ServiceName[] = [];
      for (const config of next) {
        const previous = entry(config.name);
        if (previous.fingerprint === JSON.stringify(config)) continue;
        const rebuilt = build(config, previous);
        previous.client?.dispose();
        entries.set(config.name, rebuilt);
        changed.push(config.name);
      }
      if (changed.length > 0) {
        logger?.info({ services: changed }, 'service settings applied');
        for (const listener of [...listeners]) listener(changed);
      }
      return changed;
    },
    onDidChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const { client } of entries.values()) client?.dispose();
      listeners.clear();
    },
  };
}
