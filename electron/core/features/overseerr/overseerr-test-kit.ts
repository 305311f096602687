/**
 * Test support: the Overseerr simulator behind a real integration layer
 * (gateway, breaker, cache) with short timeouts, an in-memory database and
 * a bus that records events. Not a test file: tests in this folder use it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, type Settings } from '../../../../shared/contract/areas/settings';
import { createBinaryRoutes, type BinaryRoutes } from '../../binary/binary-routes';
import { createHttpListenerHost, type HttpListenerHost } from '../../hosting/http-listeners';
import type { ServiceTuning } from '../../../../shared/contract/service-settings';
import { secretNameOf, type SecretName } from '../../../../shared/contract/services';
import type { Db } from '../../db/database';
import { openCacheDb, openDataDb } from '../../db/databases';
import type { CoreEvents } from '../../events/core-events';
import { createEventBus, type EventBus } from '../../events/event-bus';
import { createIntegrationLayer, type IntegrationLayer } from '../../integration';
import { createSilentLogger } from '../../logging/logger';
import { createOverseerrClient, type OverseerrClient } from './overseerr-client';
import { createOverseerrFeature, type OverseerrFeature, type OverseerrTiming } from './overseerr-feature';
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
  /** medianest.db (requests and their outbox). */
  readonly db: Db;
  /** cache.db (the gateway's response cache). */
  readonly cacheDb: Db;
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
  const db = options.db ?? openDataDb(':memory:');
  const cacheDb = openCacheDb(':memory:');
  const bus = createEventBus<CoreEvents>();
  const events: { event: keyof CoreEvents; payload: unknown }[] = [];
  bus.onAny((event, payload) => events.push({ event, payload }));
  const secrets = new Map<SecretName, string>([[secretNameOf('overseerr', 'apiKey'), LAB_API_KEY]]);
  const services = (patch: Partial<Settings['services']['overseerr']> = {}): Settings['services'] => ({
    ...defaultSettings().services,
    overseerr: { enabled: true, baseUrl: simulator.url, tuning: options.tuning ?? LAB_TUNING, ...patch },
  });
  const layer = createIntegrationLayer({
    cacheDb,
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
    cacheDb,
    bus,
    events,
    secrets,
    services,
    async dispose() {
      await layer.dispose();
      await simulator.close();
      if (!options.db) db.close();
      cacheDb.close();
    },
  };
}

/** A Plex port over a plain map, recording the syncs asked of it. */
export function createFakePlexTitles(items: { ratingKey: string; title: string; year?: number; tmdb?: string; tvdb?: string; summary?: string }[] = []) {
  const library = new Map(items.map((item) => [item.ratingKey, item]));
  const syncs: string[] = [];
  const ref = (item: (typeof items)[number]) => ({ ratingKey: item.ratingKey, title: item.title, year: item.year ?? null });
  return {
    syncs,
    /** Plex has the item now, but the index learns of it only by a sync. */
    pending: new Map<string, (typeof items)[number]>(),
    findByGuid(lookup: { tmdb?: string; tvdb?: string }) {
      const item = [...library.values()].find((candidate) => (lookup.tmdb && candidate.tmdb === lookup.tmdb) || (lookup.tvdb && candidate.tvdb === lookup.tvdb));
      return item ? ref(item) : undefined;
    },
    async syncItem(ratingKey: string) {
      syncs.push(ratingKey);
      const item = this.pending.get(ratingKey) ?? library.get(ratingKey);
      if (!item) return undefined;
      library.set(ratingKey, item);
      return ref(item);
    },
    details(ratingKey: string) {
      const item = library.get(ratingKey);
      return item ? { ...ref(item), summary: item.summary ?? null, poster: null } : undefined;
    },
  };
}

export interface FeatureLab extends OverseerrLab {
  readonly feature: OverseerrFeature;
  readonly plex: ReturnType<typeof createFakePlexTitles>;
  readonly listeners: HttpListenerHost;
  readonly binary: BinaryRoutes;
  readonly settings: { current: Settings['requests'] };
  readonly clock: { now: number };
  /** Settings changed: what the core's settings service would announce. */
  changeSettings(patch: Partial<Settings['requests']>): void;
}

export interface FeatureLabOptions extends OverseerrLabOptions {
  readonly requests?: Partial<Settings['requests']>;
  readonly plexItems?: Parameters<typeof createFakePlexTitles>[0];
  /** A fake clock for the feature (stuck, backoff); default the real one. */
  readonly fakeClock?: boolean;
  readonly timing?: OverseerrTiming;
  readonly start?: boolean;
}

export const FAST_OUTBOX = { minDelayMs: 20, maxDelayMs: 100, jitterMs: 0 } as const;

export async function startFeatureLab(options: FeatureLabOptions = {}): Promise<FeatureLab> {
  const lab = await startOverseerrLab(options);
  const listeners = createHttpListenerHost();
  const binary = createBinaryRoutes();
  const posterDir = await mkdtemp(join(tmpdir(), 'medianest-posters-'));
  const settings = { current: { ...defaultSettings().requests, webhookEnabled: true, webhookHost: '127.0.0.1', webhookPort: 0, ...options.requests } };
  const clock = { now: Date.now() };
  const plex = createFakePlexTitles(options.plexItems);
  const feature = createOverseerrFeature({
    db: lab.db,
    gateway: lab.layer.gateway,
    bus: lab.bus,
    settings: () => settings.current,
    secrets: { get: (name) => lab.secrets.get(name), set: (name, value) => void lab.secrets.set(name, value) },
    listeners,
    binary,
    plex,
    posterDir,
    alertsEnabled: () => true,
    logger: createSilentLogger(),
    ...(options.fakeClock ? { now: () => clock.now } : {}),
    timing: { outbox: FAST_OUTBOX, reconcileEveryMs: 60_000, ...options.timing },
  });
  if (options.start ?? true) await feature.start();
  return {
    ...lab,
    feature,
    plex,
    listeners,
    settings,
    clock,
    binary,
    changeSettings(patch) {
      settings.current = { ...settings.current, ...patch };
      lab.bus.emit('settings:changed', {} as never);
    },
    async dispose() {
      await feature.dispose();
      await listeners.dispose();
      await lab.dispose();
      await rm(posterDir, { recursive: true, force: true });
    },
  };
}
