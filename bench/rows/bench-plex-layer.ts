/**
 * An integration layer for gateway bench rows: Plex at `baseUrl` with the
 * given tuning and the rate limit out of the way (it exists to slow calls down
 * and would otherwise be what is measured), on an in-memory database.
 */
import { defaultSettings } from '../../shared/contract/areas/settings';
import { type ServiceTuning } from '../../shared/contract/service-settings';
import { openCacheDb } from '../../electron/core/db/databases';
import type { CoreEvents } from '../../electron/core/events/core-events';
import { createEventBus } from '../../electron/core/events/event-bus';
import { createIntegrationLayer, type IntegrationLayer } from '../../electron/core/integration';
import { serviceProbes } from '../../electron/core/service-probes';
import { createSilentLogger } from '../../electron/core/logging/logger';

export function createBenchPlexLayer(baseUrl: string, tuning: ServiceTuning = {}): { layer: IntegrationLayer; dispose(): Promise<void> } {
  const db = openCacheDb(':memory:');
  const layer = createIntegrationLayer({
    cacheDb: db,
    bus: createEventBus<CoreEvents>(),
    logger: createSilentLogger(),
    getSecret: () => 'bench-token',
    probes: serviceProbes,
    services: {
      ...defaultSettings().services,
      plex: { ...defaultSettings().services.plex, enabled: true, baseUrl, tuning: { ...tuning, rateLimit: { requests: 10_000, perMs: 10 } } },
    },
    startHealth: false,
  });
  return {
    layer,
    async dispose() {
      await layer.dispose();
      db.close();
    },
  };
}
