/**
 * Test support: the Overseerr simulator behind a real integration layer
 * (gateway, breaker, cache) with short timeouts, an in-memory database and
 * a bus that records events. Not a test file: tests in this folder use it.
 */
import { defaultSettings, type Settings } from '../../../../shared/contract/areas/settings';
import type { ServiceTuning } from '../../../../shared/contract/service-settings';
import type { SecretName } from '../../../../shared/contract/services';
import { openDatabase, type Db } from '../../db/database';
import type { CoreEvents } from '../../events/core-events';
import { createEventBus, type EventBus } from '../../events/event-bus';
import { createIntegrationLayer, type IntegrationLayer } from '../../integration';
import { createSilentLogger } from '../../logging/logger';
import { createOverseerrClient, type OverseerrClient } from './overseerr-client';
import { createOverseerrProbe } from './overseerr-probe';
import { createOverseerrSimulator, type OverseerrSimulator, type OverseerrSimulatorOptions } from './overseerr-simulator';

export const LAB_API_KEY = 'lab-overseerr-key';

/** Short enough for tests, long enough for a loaded machine: 400 ms attempts, no retry waits to speak of, a breaker out of the way. */
export const LAB_TUNING: ServiceTuning = {
  timeoutMs: 2_000,
  retry: { retries: 1, minDelayMs: 10, maxDelayMs: 20, jitterMs: 0 },
  breaker: { timeoutMs: 400, volumeThreshold: 1000 },
  rateLimit: { requests: 10_000, perMs: 1000 },
  bulkhead: { concurrency: 8, queueLimit: 1000 },
};

export interface OverseerrLab {
  readonly simulator: OverseerrSimulator;
  readonly layer: IntegrationLayer;
  readonly client: OverseerrClient;
  readonly db: Db;
  readonly bus: EventBus<CoreEvents>;
  readonly events: { readonly event: keyof CoreEvents; readonly payload: unknown }[];
  readonly secrets: Map<SecretName, string>;
  services(patch?: Partial<Settings['services']['overseerr']>): Settings['services'];
  dispose(): Promise<void>;
}

export interface OverseerrLabOptions {
  readonly simulator?: OverseerrSimulatorOptions;
  readonly tuning?: ServiceTuning;
  readonly db?: Db;
}

export async function startOverseerrLab(options: OverseerrLabOptions = {}): Promise<OverseerrLab> {
  const simulator = await createOverseerrSimulator({ apiKey: LAB_API_KEY, ...options.simulator });
  const db = options.db ?? openDatabase({ file: ':memory:' });
  const bus = createEventBus<CoreEvents>();
  const events: { event: keyof CoreEvents; payload: unknown }[] = [];
  bus.onAny((event, payload) => events.push({ event, payload }));
  const secrets = new Map<SecretName, string>([['overseerr.apiKey', LAB_API_KEY]]);
  const services = (patch: Partial<Settings['services']['overseerr']> = {}): Settings['services'] => ({
    ...defaultSettings().services,
    overseerr: { enabled: true, baseUrl: simulator.url, tuning: options.tuning ?? LAB_TUNING, ...patch },
  });
  const layer = createIntegrationLayer({
    db,
    bus,
    logger: createSilentLogger(),
    getSecret: (name) => secrets.get(name),
    // Only Overseerr is enabled here, so its probe is the only one that runs.
    probes: createOverseerrProbe,
    services: services(),
    startHealth: false,
  });
  return {
    simulator,
    layer,
    client: createOverseerrClient(layer.gateway),
    db,
    bus,
    events,
    secrets,
    services,
    async dispose() {
      await layer.dispose();
      await simulator.close();
      if (!options.db) db.close();
    },
  };
}
