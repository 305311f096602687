/**
 * Builds the core: everything MediaNest does, in plain Node, behind the contract.
 *
 * This is the composition root and nothing else: it builds the shared pieces
 * (settings, secrets, database, bus, integration layer), then each feature
 * from the few of them it needs, and merges the features' handlers into the
 * one dispatcher. Features never see the core.
 *
 * Hosts (the Electron shell, serve mode, tests, benchmarks) create one core,
 * talk to it only through `dispatch` and `events`, and call `dispose()` on the
 * way out; the core owns every timer, socket, database handle and child
 * process it starts, so disposal leaves nothing running.
 */
import { join } from 'node:path';
import { isEventChannel, type EventChannel, type EventPayload } from '../../shared/contract/events';
import type { PublicSettings, Settings } from '../../shared/contract/areas/settings';
import { secretsOf } from '../../shared/contract/services';
import type { Profile } from './app/data-paths';
import { createBinaryRoutes, type BinaryRoutes } from './binary/binary-routes';
import type { Db } from './db/database';
import { CACHE_DB_FILE, DATA_DB_FILE, openCacheStore, openDataStore } from './db/databases';
import { createEventBus, type EventBus } from './events/event-bus';
import { createHttpListenerHost, type HttpListenerHost } from './hosting/http-listeners';
import { createProcessSupervisor, type ProcessSupervisor } from './hosting/process-supervisor';
import type { CoreEvents } from './events/core-events';
import { createDisposableStore } from './lifecycle/disposable-store';
import { createIntegrationLayer, type IntegrationLayer } from './integration';
import { startDemoHomelab } from './demo/demo-homelab';
import { loadPlexIdentity, plexHeaders } from './features/plex/plex-identity';
import { serviceProbes } from './service-probes';
import { createLogger, type Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import type { SettingsStorage } from './settings/settings-storage';
import type { StorageFs } from './storage/storage-fs';
import { createAppFeature } from './features/app/app-feature';
import { createBackupFeature } from './features/backup/backup-feature';
import { createDiagnosticsFeature } from './features/diagnostics/diagnostics-feature';
import { logFilePath } from './logging/app-logger';
import { dataMigrations } from './db/data-migrations';
import { secretNames } from '../../shared/contract/services';
import type { FeatureModule } from './features/feature-module';
import { createHealthFeature } from './features/health/health-feature';
import { createHealthBoardFeature } from './features/health/health-board-feature';
import { createMemoryMuteStore, createSqliteMuteStore } from './features/health/mute-store';
import { createUptimeKumaFeature } from './features/uptime-kuma/uptime-kuma-feature';
import { createHealthStore } from './health/health-store';
import { createPlexAccountStore, createPlexCall, createPlexReachability } from './features/plex/plex-adapters';
import { createPlexFeature, type PlexFeature } from './features/plex/plex-feature';
import { createSettingsFeature } from './features/settings/settings-feature';
import { createOverseerrFeature, type OverseerrTiming } from './features/overseerr/overseerr-feature';
import type { PlexTitlesPort } from './features/overseerr/plex-titles-port';
import { createRequestsOffFeature } from './features/overseerr/requests-off-feature';
import { createDownloadsOffFeature } from './features/downloads/downloads-off-feature';
import { createDownloadsFeature } from './features/downloads/downloads-feature';
import type { QueueTiming } from './features/downloads/downloads-queue';
import type { PlexLibraryPort } from './features/downloads/plex-library-port';
import { createCookieStore } from './features/downloads/cookies/cookie-store';
import { createDownloadTools } from './features/downloads/tools/download-tools';
import { toolsInUseHealth } from './features/downloads/tools-in-use-health';
import { createYtDlpRunner, type YtDlpRunnerOptions } from './features/downloads/ytdlp/ytdlp-runner';
import { createInvokeDispatcher, type ContractHandlers, type InvokeDispatcher } from './transport/dispatch-invoke';
import type { EventSource } from './transport/event-forwarder';

export interface CoreConfig {
  readonly dataDir: string;
  readonly profile: Profile;
  readonly mode: 'electron' | 'serve';
  readonly version: string;
  /** Keep both databases in memory instead of cache.db and medianest.db in dataDir (tests). */
  readonly inMemoryDatabases?: boolean;
  /** Host the demo homelab simulators and point the services at them (the demo profile). */
  readonly demoHomelab?: boolean;
  /** Start health probing at once (default true); tests that drive probes themselves turn it off. */
  readonly startHealth?: boolean;
  /** When the full integrity check of the rebuildable files runs, after start-up (default 10 s). */
  readonly storeCheckDelayMs?: number;
  /** Shorter request timings (outbox backoff, reconciliation) for tests. */
  readonly overseerrTiming?: OverseerrTiming;
  /** Shorter download timings (retry backoff, waiting for Plex, free-space margin) for tests and benchmarks. */
  readonly downloadsTiming?: Partial<QueueTiming>;
  /** The yt-dlp runner's grace before SIGKILL (tests). */
  readonly downloadsKillGraceMs?: YtDlpRunnerOptions['killGraceMs'];
  /** The demo homelab's playlist address, offered on the Downloads page in the demo. */
  readonly demoPlaylistUrl?: () => string | null;
}

export interface CoreDeps {
  readonly settingsStorage: SettingsStorage;
  readonly secrets: SecretStore;
  readonly logger?: Logger;
  /** The file operations around the database files (tests inject failures here). */
  readonly storageFs?: StorageFs;
  /** Values besides the saved secrets that diagnostics must never show (the serve token). */
  readonly extraSecrets?: () => readonly string[];
}

export interface Core {
  readonly config: CoreConfig;
  readonly dispatch: InvokeDispatcher;
  /** Renderer-facing events (the contract's `events`), for the transports. */
  readonly events: EventSource;
  readonly bus: EventBus<CoreEvents>;
  readonly settings: SettingsService;
  readonly secrets: SecretStore;
  /** cache.db: what can be rebuilt (response cache, health history). */
  readonly cacheDb: Db;
  /** medianest.db: what cannot be rebuilt; undefined when it cannot be used (`dataUnavailable` says why, in words). */
  readonly dataDb: Db | undefined;
  readonly dataUnavailable: string | undefined;
  readonly logger: Logger;
  readonly binary: BinaryRoutes;
  /** Child processes (yt-dlp) the core owns; all stopped on dispose. */
  readonly processes: ProcessSupervisor;
  /** Extra HTTP listeners (webhooks) the core hosts; all closed on dispose. */
  readonly listeners: HttpListenerHost;
  /** Registry, gateway, cache and health monitor: every external call goes through here. */
  readonly integration: IntegrationLayer;
  /** The Plex library as other features receive it. */
  readonly plexLibrary: PlexFeature['library'];
  readonly warnings: readonly string[];
  /** The demo homelab's playlist the Downloads page offers (null outside the demo, or without ffmpeg). */
  readonly demoPlaylistUrl: string | null;
  publicSettings(settings?: Settings): PublicSettings;
  dispose(): Promise<void>;
}

export async function createCore(config: CoreConfig, deps: CoreDeps): Promise<Core> {
  const logger = deps.logger ?? createLogger();
  const disposables = createDisposableStore((error) => logger.error({ err: error }, 'dispose step failed'));
  const bus = createEventBus<CoreEvents>(logger);
  disposables.add(() => bus.clear());

  const settings = createSettingsService(deps.settingsStorage, logger);
  // No state of a stored file stops the app: each is checked, repaired or set aside, and the user told.
  const dbFile = (name: string): string => (config.inMemoryDatabases ? ':memory:' : join(config.dataDir, name));
  const storeOptions = deps.storageFs ? { fs: deps.storageFs } : {};
  const data = openDataStore(dbFile(DATA_DB_FILE), storeOptions);
  const dataDb = data.db;
  disposables.add(() => {
    dataDb?.close();
  });
  const cache = openCacheStore(dbFile(CACHE_DB_FILE), storeOptions);
  const cacheDb = cache.db;
  disposables.add(() => {
    cacheDb.close();
  });
  for (const warning of [...deps.secrets.warnings, ...data.warnings, ...cache.warnings]) logger.warn(warning);
  /** What the user should hear about, shown in the window (app:info); later findings are announced. */
  const warnings: string[] = [...settings.warnings, ...deps.secrets.warnings, ...data.warnings, ...cache.warnings];
  const storeCheck = setTimeout(() => {
    const found = cache.deferredCheck();
    if (!found) return;
    logger.warn(found);
    warnings.push(found);
    bus.emit('app:warnings-changed', { warnings: [...warnings] });
  }, config.storeCheckDelayMs ?? 10_000);
  storeCheck.unref();
  disposables.add(() => clearTimeout(storeCheck));

  const binary = createBinaryRoutes();
  const processes = createProcessSupervisor();
  disposables.add(() => processes.dispose());
  const listeners = createHttpListenerHost();
  disposables.add(() => listeners.dispose());

  /** The demo homelab's playlist, offered on the Downloads page (null outside the demo, or without ffmpeg). */
  let demoPlaylistUrl: string | null = null;
  if (config.demoHomelab) {
    // Before the integration layer is built, so its first probes already see the simulators.
    const demo = await startDemoHomelab(listeners, { dataDir: config.dataDir });
    const { secrets: demoSecrets, ...patch } = demo.settings;
    for (const [name, value] of Object.entries(demoSecrets ?? {})) if (value) deps.secrets.set(name as keyof typeof demoSecrets, value);
    settings.update(patch);
    demoPlaylistUrl = demo.playlistUrl;
    for (const problem of demo.problems) {
      logger.warn(problem);
      warnings.push(problem);
    }
  }

  const plexIdentity = loadPlexIdentity({
    store: {
      read: () => settings.get().install.plexClientIdentifier,
      write: (plexClientIdentifier) => settings.update({ install: { plexClientIdentifier } }),
    },
    version: config.version,
    onStoreFailed: (error) => logger.warn({ err: error }, 'the Plex client identifier could not be stored; Plex may report a new device'),
  });

  const integration = createIntegrationLayer({
    cacheDb,
    bus,
    logger,
    getSecret: (name) => deps.secrets.get(name),
    services: settings.get().services,
    headers: { plex: plexHeaders(plexIdentity) },
    probes: serviceProbes,
    startHealth: config.startHealth ?? true,
  });
  // Registered after the database: disposal runs in reverse, so probes stop before the db closes.
  disposables.add(() => integration.dispose());

  // Each feature from the few pieces it needs; disposed before the layer and database it uses.
  const feature = <F extends Pick<FeatureModule, 'dispose'>>(built: F): F => {
    disposables.add(() => built.dispose());
    return built;
  };
  const app = feature(createAppFeature({ ...config, warnings }));
  const settingsFeature = feature(createSettingsFeature({ settings, secrets: deps.secrets, profile: config.profile, bus }));
  const health = feature(
    createHealthFeature({
      health: integration.health,
      stats: () => integration.gateway.stats(),
      getSecret: (name) => deps.secrets.get(name),
      savedSettings: (service) => settings.get().services[service],
      tests: integration.tests,
    }),
  );
  const backup = feature(
    createBackupFeature({
      settings,
      secrets: deps.secrets,
      dataDb,
      dataUnavailable: data.unavailable,
      dataMigrations,
      version: config.version,
      publicSettings: settingsFeature.publicSettings,
    }),
  );
  const diagnostics = feature(
    createDiagnosticsFeature({
      version: config.version,
      mode: config.mode,
      profile: config.profile,
      dataDir: config.dataDir,
      logFile: logFilePath(config.dataDir),
      warnings,
      publicSettings: () => settingsFeature.publicSettings(),
      health: () => integration.health.list(),
      secretValues: () => [...secretNames.flatMap((name) => deps.secrets.get(name) ?? []), ...(deps.extraSecrets?.() ?? [])],
    }),
  );
  const plex = feature(
    createPlexFeature({
      cacheDb,
      pmsCall: createPlexCall(integration.gateway, 'plex'),
      plexTvCall: createPlexCall(integration.gateway, 'plex-tv'),
      identity: plexIdentity,
      identityHeaders: plexHeaders(plexIdentity),
      account: createPlexAccountStore(settings, deps.secrets),
      reachability: createPlexReachability({
        get: () => integration.health.get('plex'),
        subscribe: (listener) => bus.on('health:changed', (health) => health.upstream === 'plex' && listener()),
      }),
      // The server's token: a rejected account token shows on plex.tv's health instead.
      onAuthRejected: (listener) => bus.on('service:auth-failed', (event) => event.upstream === 'plex' && listener()),
      bus,
      registerBinary: (route, handler) => binary.register(route, handler),
      posterDir: join(config.dataDir, 'cache', 'plex-posters'),
      logger,
    }),
  );
  const probeHistory = createHealthStore(cacheDb);
  const healthBoard = feature(
    createHealthBoardFeature({
      health: integration.health,
      history: (upstream, limit) => probeHistory.history(upstream, limit),
      address: (upstream) => integration.registry.config(upstream).baseUrl,
      bus,
      alertSettings: () => settings.get().notifications,
      // Mutes are the user's choice: medianest.db (kept in memory while it cannot be used).
      mutes: dataDb ? createSqliteMuteStore(dataDb) : createMemoryMuteStore(),
      isPlayingLocally: () => plex.library.isPlayingLocally(),
      logger,
    }),
  );
  const kuma = feature(
    createUptimeKumaFeature({
      gateway: integration.gateway,
      cacheDb,
      settings: () => settings.get().services['uptime-kuma'],
      hasApiKey: () => secretsOf('uptime-kuma').some((secret) => deps.secrets.has(secret.name)),
      onSettingsChanged: (listener) => bus.on('settings:changed', listener),
      logger,
    }),
  );
  healthBoard.addSource(kuma.healthSource);
  // What requests see of the library: Plex's capability, in the words requests declared.
  const overseerrPlex: PlexTitlesPort = {
    findByGuid: (lookup) => plex.library.findByGuid(lookup),
    syncItem: (ratingKey) => plex.library.syncItem(ratingKey),
    details: (ratingKey) => {
      const item = plex.library.details(ratingKey);
      return item && { ratingKey, title: item.title, year: item.year, summary: item.summary, poster: item.poster };
    },
  };
  // Requests must be kept to be made: without medianest.db only search and details work.
  const requests = dataDb
    ? createOverseerrFeature({
        db: dataDb,
        gateway: integration.gateway,
        bus,
        settings: () => settings.get().requests,
        secrets: deps.secrets,
        listeners,
        binary,
        plex: overseerrPlex,
        posterDir: join(config.dataDir, 'cache', 'tmdb-posters'),
        alertsEnabled: () => settings.get().notifications.enabled,
        logger: logger.child({ module: 'overseerr' }),
        ...(config.overseerrTiming ? { timing: config.overseerrTiming } : {}),
      })
    : undefined;
  const overseerr = feature(requests ?? createRequestsOffFeature({ gateway: integration.gateway, plex: overseerrPlex, reason: data.unavailable ?? 'the saved data cannot be used right now.' }));
  if (requests) healthBoard.addSource(requests.healthSource);
  await overseerr.start();
  // yt-dlp, ffmpeg and a JavaScript runtime: found (and MediaNest's own yt-dlp kept current) whether or not the queue can run.
  const downloadTools = feature(createDownloadTools({ settings: () => settings.get().downloads, managedDir: join(config.dataDir, 'tools', 'yt-dlp'), logger: logger.child({ module: 'download-tools' }) }));
  // Their cards count (alerts, the tray) only once downloads can be used.
  const toolCards = toolsInUseHealth({
    tools: downloadTools.healthSource,
    notInUse: () =>
      !dataDb ? 'Not in use while the saved data cannot be used.' : settings.get().downloads.sectionKey === '' ? 'Not in use until a library is chosen in Settings → Downloads.' : null,
    onChange: (listener) => bus.on('settings:changed', listener),
  });
  disposables.add(() => toolCards.dispose());
  healthBoard.addSource(toolCards);
  // What downloads see of the library: Plex's capability, in the words downloads declared.
  const downloadsPlex: PlexLibraryPort = {
    sections: () => plex.library.sections(),
    scanFolder: (sectionKey, folder) => plex.library.scanFolder(sectionKey, folder),
    waitForFile: async (sectionKey, file, options) => (await plex.library.waitForFile(sectionKey, file, options)).ratingKey,
    findCollection: (sectionKey, title) => plex.library.findCollection(sectionKey, title),
    createCollection: (sectionKey, title, ratingKeys) => plex.library.createCollection(sectionKey, title, ratingKeys),
    addToCollection: (collectionKey, ratingKeys) => plex.library.addToCollection(collectionKey, ratingKeys),
    openUrl: (ratingKey) => plex.library.openUrl(ratingKey),
  };
  // The queue must be kept to be run: without medianest.db nothing is queued.
  const downloadsModule = dataDb
    ? createDownloadsFeature({
        db: dataDb,
        bus,
        settings: () => settings.get().downloads,
        onSettingsChanged: (listener) => bus.on('settings:changed', listener),
        runner: createYtDlpRunner({ logger: logger.child({ module: 'yt-dlp' }), ...(config.downloadsKillGraceMs ? { killGraceMs: config.downloadsKillGraceMs } : {}) }),
        tools: downloadTools,
        cookies: createCookieStore({ dir: join(config.dataDir, 'downloads', 'cookies') }),
        plex: downloadsPlex,
        logger: logger.child({ module: 'downloads' }),
        ...(config.downloadsTiming ? { timing: config.downloadsTiming } : {}),
        // The demo homelab's own playlist unless the config names another.
        demoPlaylistUrl: config.demoPlaylistUrl ?? (() => demoPlaylistUrl),
      })
    : undefined;
  const downloads = feature(
    downloadsModule ?? createDownloadsOffFeature({ reason: data.unavailable ?? 'the saved data cannot be used right now.', tools: async () => (await downloadTools.resolve()).status }),
  );
  await downloadsModule?.start();
  const handlers = {
    ...app.handlers,
    ...settingsFeature.handlers,
    ...health.handlers,
    ...healthBoard.handlers,
    ...backup.handlers,
    ...diagnostics.handlers,
    ...plex.handlers,
    ...overseerr.handlers,
    ...downloads.handlers,
  } satisfies ContractHandlers;

  const core: Core = {
    config,
    dispatch: createInvokeDispatcher(handlers, logger),
    events: {
      subscribe(listener) {
        return bus.onAny((event, payload) => {
          // Core-only events (core-events.ts) never leave the core.
          if (isEventChannel(event)) listener(event, payload as EventPayload<EventChannel>);
        });
      },
    },
    bus,
    settings,
    secrets: deps.secrets,
    cacheDb,
    dataDb,
    dataUnavailable: data.unavailable,
    logger,
    binary,
    processes,
    listeners,
    integration,
    plexLibrary: plex.library,
    warnings,
    demoPlaylistUrl,
    publicSettings: settingsFeature.publicSettings,
    dispose: () => disposables.dispose(),
  };
  logger.info({ profile: config.profile, mode: config.mode }, 'core ready');
  return core;
}
