/**
 * The upstreams MediaNest talks to (every service's, from the service table),
 * built from settings. Each upstream has its own client: address, breaker,
 * bulkhead, rate limit.
 *
 * `update(services)` is how a settings change takes effect without a restart:
 * only entries whose resolved config changed are rebuilt, the old client is
 * disposed (its queued and in-flight calls end with CANCELLED, its timers stop),
 * and an open breaker carries over when the address did not change, so saving
 * an unrelated setting does not hammer a service that is down.
 */
import type { Settings } from '../../../shared/contract/areas/settings';
import { upstreams, type UpstreamId } from '../../../shared/contract/services';
import type { Logger } from '../logging/logger';
import { createServiceClient, type ServiceClient } from './service-client';
import { isCallable, resolveServiceConfig, type ResolvedServiceConfig, type ServiceHeaders } from './service-config';
import type { GetSecret } from './service-http';

export interface ServiceRegistry {
  config(upstream: UpstreamId): ResolvedServiceConfig;
  /** Every upstream's config, in table order. */
  configs(): readonly ResolvedServiceConfig[];
  /** The live client; undefined while the service is disabled or the upstream has no address. */
  client(upstream: UpstreamId): ServiceClient | undefined;
  /** Applies new settings; returns the upstreams that changed. Validates all before changing any. */
  update(services: Settings['services']): readonly UpstreamId[];
  onDidChange(listener: (changed: readonly UpstreamId[]) => void): () => void;
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
  const entries = new Map<UpstreamId, Entry>();
  const listeners = new Set<(changed: readonly UpstreamId[]) => void>();
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
      log?.call(logger, { upstream: config.name, from, to }, 'circuit breaker changed state');
    });
    return { config, fingerprint: JSON.stringify(config), client };
  };

  const resolveAll = (services: Settings['services']): ResolvedServiceConfig[] =>
    upstreams.map((upstream) => resolveServiceConfig(upstream.id, services[upstream.service], options.headers));

  for (const config of resolveAll(options.services)) entries.set(config.name, build(config, undefined));

  const entry = (name: UpstreamId): Entry => {
    const found = entries.get(name);
    if (!found) throw new Error(`Unknown upstream ${String(name)}`);
    return found;
  };

  return {
    config: (name) => entry(name).config,
    configs: () => upstreams.map((upstream) => entry(upstream.id).config),
    client: (name) => entry(name).client,
    update(services) {
      if (disposed) return [];
      const next = resolveAll(services);
      const changed: UpstreamId[] = [];
      for (const config of next) {
        const previous = entry(config.name);
        if (previous.fingerprint === JSON.stringify(config)) continue;
        const rebuilt = build(config, previous);
        previous.client?.dispose();
        entries.set(config.name, rebuilt);
        changed.push(config.name);
      }
      if (changed.length > 0) {
        logger?.info({ upstreams: changed }, 'service settings applied');
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
