/**
 * Builds the whole integration layer from the core's shared pieces:
 * registry, read-through cache, gateway and health monitor, wired together and
 * torn down by one `dispose()`.
 */
import type { Settings } from '../../../shared/contract/areas/settings';
import { createResponseCache, type ResponseCache } from '../cache/response-cache';
import type { Db } from '../db/database';
import type { CoreEvents } from '../events/core-events';
import type { EventBus } from '../events/event-bus';
import { createHealthMonitor, type HealthMonitor, type HealthTimers } from '../health/health-monitor';
import { createHealthStore } from '../health/health-store';
import type { ProbeFactory } from '../health/probe';
import { createServiceTestQueue, type ServiceTestQueue } from '../health/service-test-queue';
import { testService } from '../health/test-service';
import type { Logger } from '../logging/logger';
import { createRefusalLog } from '../logging/refusal-log';
import { createGateway, type Gateway } from '../gateway/gateway';
import type { ServiceHeaders } from '../upstream/service-config';
import type { GetSecret } from '../upstream/service-http';
import { createServiceRegistry, type ServiceRegistry } from '../upstream/service-registry';

export interface IntegrationLayerOptions {
  /** cache.db: the response cache and health history live there (both rebuildable). */
  readonly cacheDb: Db;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit' | 'on'>;
  readonly logger: Logger;
  /** Reads a secret at request time; values are never logged or put in errors. */
  readonly getSecret: GetSecret;
  readonly services: Settings['services'];
  /** Added to every request of a service, probes included. */
  readonly headers?: ServiceHeaders;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Each service's health probe, from its feature folder (the composition root builds the set). */
  readonly probes: ProbeFactory;
  readonly timers?: HealthTimers;
  /** Start the health monitor at once (default true). */
  readonly startHealth?: boolean;
}

export interface IntegrationLayer {
  readonly registry: ServiceRegistry;
  readonly gateway: Gateway;
  readonly cache: ResponseCache;
  readonly health: HealthMonitor;
  /** `services:test`, bounded: a few at a time, a short line, BUSY past it. */
  readonly tests: ServiceTestQueue;
  /** Stops every timer, interval, queue and in-flight call. */
  dispose(): Promise<void>;
}

export function createIntegrationLayer(options: IntegrationLayerOptions): IntegrationLayer {
  const { cacheDb, bus, getSecret } = options;
  const logger = options.logger.child({ module: 'integration' });
  const now = options.now ?? Date.now;
  const extras = {
    now,
    ...(options.random ? { random: options.random } : {}),
  };
  const registry = createServiceRegistry({
    services: options.services,
    getSecret,
    logger,
    ...(options.headers ? { headers: options.headers } : {}),
    ...extras,
  });
  const cache = createResponseCache(cacheDb, { now });
  const gateway = createGateway({ registry, cache, bus, logger, now });
  const health = createHealthMonitor({
    registry,
    store: createHealthStore(cacheDb, { now }),
    bus,
    logger,
    probe: options.probes(getSecret),
    ...extras,
    ...(options.timers ? { timers: options.timers } : {}),
  });

  const refusals = createRefusalLog({ logger });
  const tests = createServiceTestQueue({
    refusals,
    runTest: (service, settings, secret, testOptions) =>
      testService(service, settings, secret, { ...testOptions, probes: options.probes, ...(options.headers ? { headers: options.headers } : {}), now }),
  });

  const stopRefresh = registry.onDidChange((changed) => health.refresh(changed));
  // Settings saved anywhere take effect here; calling registry.update directly as well is harmless.
  const stopSettings = bus.on('settings:changed', (settings) => {
    try {
      registry.update(settings.services);
    } catch (error) {
      logger.warn({ err: error }, 'service settings were not applied');
    }
  });
  if (options.startHealth ?? true) health.start();

  let disposed = false;
  return {
    registry,
    gateway,
    cache,
    health,
    tests,
    async dispose() {
      if (disposed) return;
      disposed = true;
      stopSettings();
      stopRefresh();
      tests.dispose();
      refusals.dispose();
      health.dispose();
      registry.dispose();
    },
  };
}
