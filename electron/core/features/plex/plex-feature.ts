/**
 * The Plex feature: sign-in, the linked server, the library index with its
 * sync, search and posters, backup mode, and the library capability other
 * features receive. Built from narrow deps by the composition root.
 */
import type { PlexSignIn, PlexStatus } from '../../../../shared/contract/areas/plex';
import type { plexInvokes } from '../../../../shared/contract/areas/plex';
import { AppError } from '../../../../shared/contract/errors';
import type { BinaryHandler } from '../../binary/binary-routes';
import type { Db } from '../../db/database';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { Logger } from '../../logging/logger';
import type { FeatureModule } from '../feature-module';
import { createPlexAccount, type PlexAccountStore } from './plex-account';
import type { ProbeOptions } from './plex-connections';
import { createPlexLibraryCapability, type PlexLibraryCapability } from './plex-library-capability';
import { createLocalPlayback } from './plex-playback';
import { createPosterService } from './plex-posters';
import { createPlexSignIn } from './plex-sign-in';
import { createPlexSyncer, type PlexSyncer } from './plex-sync';
import { createSyncScheduler } from './plex-sync-scheduler';
import { createPlexTvClient, signInUrl } from './plex-tv-client';
import { createPmsClient } from './pms-client';
import type { PlexCall } from './plex-call';
import { createPosterCache } from './poster-cache';
import { preparePlexIndex } from './index/plex-index-schema';
import { createPlexIndexReader, POSTER_ROUTE } from './index/plex-index-reader';
import { createPlexIndexWriter } from './index/plex-index-writer';
import { createPlexSearch } from './index/plex-search';
import { toIndexRow } from './index/plex-item-row';

/** How Plex is doing, as the integration layer sees it. */
export interface PlexReachability {
  /** False when health says down or the breaker is open. */
  online(): boolean;
  /** Why not, in words, when it is not. */
  reason(): string | null;
  onChange(listener: () => void): () => void;
}

export interface PlexFeatureDeps {
  /** cache.db: the index lives here (rebuildable: a sync fills it again). */
  readonly cacheDb: Db;
  /** Calls to the linked server (the `plex` upstream), through the gateway. */
  readonly pmsCall: PlexCall;
  /** Calls to plex.tv (the `plex-tv` upstream), through the gateway. */
  readonly plexTvCall: PlexCall;
  readonly identity: { readonly clientIdentifier: string; readonly product: string };
  /** The install's X-Plex-* headers (one client identifier per install). */
  readonly identityHeaders: Readonly<Record<string, string>>;
  readonly account: PlexAccountStore;
  readonly reachability: PlexReachability;
  /** Subscribes to "Plex rejected the token" (HTTP 401 from the gateway). */
  readonly onAuthRejected: (listener: () => void) => () => void;
  /** Where the Plex events go (the contract's, forwarded to the renderer). */
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
  readonly registerBinary: (route: string, handler: BinaryHandler) => () => void;
  readonly posterDir: string;
  readonly posterCacheBytes?: number;
  /** How often the library syncs; 0 turns the schedule off. Default 15 minutes. */
  readonly syncIntervalMs?: number;
  readonly syncFirstDelayMs?: number;
  readonly pageSize?: number;
  readonly signInPollMs?: number;
  readonly probe?: Pick<ProbeOptions, 'lookup' | 'timeoutMs' | 'fetch'>;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface PlexFeature extends FeatureModule<keyof typeof plexInvokes> {
  readonly library: PlexLibraryCapability;
}

const DEFAULT_POSTER_CACHE_BYTES = 500 * 1024 * 1024;
const LAST_SYNC_META = 'last_completed_sync_at';
const SERVER_META = 'server_id';
const USERNAME_META = 'account_username';

/** app.plex.tv's page for an item on a server. */
export function openInPlexUrl(machineIdentifier: string, ratingKey: string): string {
  return `https://app.plex.tv/desktop/#!/server/${encodeURIComponent(machineIdentifier)}/details?key=${encodeURIComponent(`/library/metadata/${ratingKey}`)}`;
}

export function createPlexFeature(deps: PlexFeatureDeps): PlexFeature {
  const logger = deps.logger.child({ module: 'plex' });
  const now = deps.now ?? Date.now;
  preparePlexIndex(deps.cacheDb);
  const writer = createPlexIndexWriter(deps.cacheDb);
  const reader = createPlexIndexReader(deps.cacheDb);
  const search = createPlexSearch(deps.cacheDb);
  const pms = createPmsClient({ call: deps.pmsCall, identityHeaders: deps.identityHeaders });
  const plexTv = createPlexTvClient({ call: deps.plexTvCall, identityHeaders: deps.identityHeaders });
  const { account: store, reachability } = deps;

  let authExpired = false;
  /** Plex was off and the running sign-in turned it on. */
  let enabledForSignIn = false;
  const linked = () => store.linkedServer();
  const signedIn = () => store.accountToken() !== undefined || linked() !== undefined;

  const status = (): PlexStatus => {
    const server = linked();
    const online = server !== undefined && reachability.online();
    const asOf = writer.getMeta(LAST_SYNC_META);
    const itemCount = reader.totalItems();
    return {
      signedIn: signedIn(),
      username: writer.getMeta(USERNAME_META) ?? null,
      server: server ? { machineIdentifier: server.machineIdentifier, name: server.name, uri: server.uri, kind: null } : null,
      online,
      backup: { active: server !== undefined && !online && itemCount > 0, asOf: asOf ? Number(asOf) : null, reason: online ? null : reachability.reason() },
      authExpired,
      itemCount,
      sync: scheduler.progress,
    };
  };
  const announce = (): void => deps.bus.emit('plex:status-changed', status());


  /** A server set up by hand has no machine identifier yet: ask it before its first sync. */
  const withServerId = (syncer: PlexSyncer): PlexSyncer => ({
    async run(options) {
      if (linked()?.machineIdentifier === '') {
        const machineIdentifier = await pms.identity(options?.signal);
        store.rememberServerId(machineIdentifier);
        if (writer.getMeta(SERVER_META) !== machineIdentifier) {
          writer.clear();
          writer.setMeta(SERVER_META, machineIdentifier);
        }
      }
      return syncer.run(options);
    },
  });

  const scheduler = createSyncScheduler({
    makeSyncer: (onProgress) => withServerId(createPlexSyncer({ client: pms, writer, logger, now, ...(deps.pageSize ? { pageSize: deps.pageSize } : {}), onProgress })),
    canSync: () => linked() !== undefined && !authExpired && reachability.online(),
    onProgress: (progress) => deps.bus.emit('plex:sync-progressed', progress),
    onCompleted: (results) => {
      writer.setMeta(LAST_SYNC_META, String(now()));
      logger.info({ sections: results.map(({ sectionKey, mode, fetched, written, deleted }) => ({ sectionKey, mode, fetched, written, deleted })) }, 'the Plex library is in sync');
      announce();
    },
    intervalMs: deps.syncIntervalMs ?? 15 * 60 * 1000,
    ...(deps.syncFirstDelayMs === undefined ? {} : { firstDelayMs: deps.syncFirstDelayMs }),
    logger,
  });

  const expire = (): void => {
    // Without a linked server there is no sign-in to expire (a token typed by hand failed).
    if (authExpired || !linked()) return;
    authExpired = true;
    scheduler.cancel();
    deps.bus.emit('plex:auth-expired', { at: now(), server: linked()?.name ?? null });
    announce();
  };

  const account = createPlexAccount({
    store,
    plexTv,
    probe: { identityHeaders: deps.identityHeaders, ...deps.probe },
    onLinked: (server, changedServer) => {
      logger.info({ server: server.name, changedServer }, 'linked a Plex server');
      // The index belongs to one server: another one starts it afresh.
      if (changedServer && writer.getMeta(SERVER_META) !== server.machineIdentifier) writer.clear();
      writer.setMeta(SERVER_META, server.machineIdentifier);
      authExpired = false;
      announce();
      void scheduler.run({ full: changedServer });
    },
    onUsername: (username) => {
      if (username) logger.info('signed in to Plex');
      writer.setMeta(USERNAME_META, username);
    },
    logger,
  });

  const signIn = createPlexSignIn({
    plexTv,
    authUrl: (code) => signInUrl(store.accountUrl(), { code }, deps.identity),
    onToken: (token) => account.completeSignIn(token),
    onChange: (state: PlexSignIn) => {
      deps.bus.emit('plex:sign-in-changed', state);
      if (state.state === 'signed-in') announce();
      // A sign-in that turned Plex on and ended with nothing to show turns it off again.
      if (enabledForSignIn && state.state !== 'waiting' && state.state !== 'signed-in' && !signedIn()) store.setEnabled(false);
      if (state.state !== 'waiting') enabledForSignIn = false;
    },
    ...(deps.signInPollMs ? { pollMs: deps.signInPollMs } : {}),
    logger,
    now,
  });

  const posters = createPosterService({
    cache: createPosterCache({ dir: deps.posterDir, maxBytes: deps.posterCacheBytes ?? DEFAULT_POSTER_CACHE_BYTES }),
    index: reader,
    fetchPhoto: (path, width, height, signal) => pms.photo(path, width, height, signal),
    online: () => linked() !== undefined && reachability.online(),
  });
  const unregisterPosters = deps.registerBinary(POSTER_ROUTE, posters.handler);

  const library = createPlexLibraryCapability({
    client: pms,
    reader,
    writer,
    machineIdentifier: () => linked()?.machineIdentifier,
    online: () => reachability.online(),
    itemUrl: openInPlexUrl,
    playback: createLocalPlayback({
      sessions: (signal) => pms.sessions(signal),
      serverUri: () => linked()?.uri,
      online: () => reachability.online(),
      logger,
    }),
  });

  let wasOnline = reachability.online();
  let lastShown: string | undefined;
  const stopReachability = reachability.onChange(() => {
    const online = reachability.online();
    // Only a change the page shows is worth an event (health reports every probe).
    const current = status();
    const shown = JSON.stringify([current.online, current.backup]);
    lastShown ??= initialShown;
    if (shown !== lastShown) {
      lastShown = shown;
      deps.bus.emit('plex:status-changed', current);
    }
    // Back from an outage: catch up at once rather than at the next tick.
    if (online && !wasOnline) void scheduler.run();
    wasOnline = online;
  });
  const initialShown = JSON.stringify([status().online, status().backup]);
  const stopAuth = deps.onAuthRejected(expire);
  scheduler.start();

  const requireItem = (ratingKey: string) => {
    const details = reader.details(ratingKey);
    if (!details) throw new AppError('NOT_FOUND', 'That item is not in your library (any more).', { service: 'plex' });
    return details;
  };

  return {
    library,
    handlers: {
      'plex:status': () => status(),
      'plex:sign-in': () => {
        // plex.tv is one of Plex's upstreams: reaching it for a PIN needs Plex on.
        if (!store.enabled()) {
          store.setEnabled(true);
          enabledForSignIn = true;
        }
        return signIn.start();
      },
      'plex:sign-in-state': () => signIn.state(),
      'plex:sign-in-cancel': () => signIn.cancel(),
      'plex:sign-out': () => {
        signIn.cancel();
        scheduler.cancel();
        account.signOut();
        writer.setMeta(SERVER_META, null);
        authExpired = false;
        announce();
        return status();
      },
      'plex:servers': () => account.servers(),
      'plex:choose-server': async ({ machineIdentifier, uri }) => {
        await account.choose(machineIdentifier, uri);
        return status();
      },
      'plex:sync': ({ full }) => {
        if (!linked()) throw new AppError('SERVICE_NOT_CONFIGURED', 'Sign in to Plex and pick a server first.', { service: 'plex' });
        void scheduler.run({ full });
        return scheduler.progress;
      },
      'plex:sync-cancel': () => {
        scheduler.cancel();
        return scheduler.progress;
      },
      'plex:sections': () => reader.sections(),
      'plex:items': (request) => reader.page(request),
      'plex:item': async ({ ratingKey }) => {
        requireItem(ratingKey);
        if (reachability.online()) {
          // Fresh details when Plex answers quickly; the index's copy otherwise.
          try {
            const metadata = await pms.metadata(ratingKey);
            const sectionKey = metadata?.librarySectionID ?? reader.details(ratingKey)?.sectionKey;
            const row = metadata && sectionKey ? toIndexRow(metadata, sectionKey) : undefined;
            if (row) writer.upsert([row]);
          } catch (error) {
            logger.debug({ code: (error as { code?: string }).code }, 'item details came from the index');
          }
        }
        const details = requireItem(ratingKey);
        const server = linked();
        return { ...details, openInPlexUrl: server ? openInPlexUrl(server.machineIdentifier, ratingKey) : null };
      },
      'plex:search': ({ query, sectionKey, limit }) => ({ query, items: search.search(query, { limit, ...(sectionKey ? { sectionKey } : {}) }) }),
      'plex:recently-added': ({ limit, sectionKey }) => reader.recentlyAdded(limit, sectionKey),
      'plex:on-deck': async ({ limit }) => {
        if (!linked() || !reachability.online()) return { available: false, items: [] };
        try {
          const onDeck = await pms.onDeck(limit);
          // The server's resume points are fresher than the index's: store them, then answer from the index.
          writer.upsert(onDeck.flatMap((metadata) => {
            const sectionKey = metadata.librarySectionID ?? reader.details(metadata.ratingKey)?.sectionKey;
            const row = sectionKey ? toIndexRow(metadata, sectionKey) : undefined;
            return row ? [row] : [];
          }));
          return { available: true, items: reader.items(onDeck.map((metadata) => metadata.ratingKey)) };
        } catch {
          return { available: false, items: [] };
        }
      },
      'plex:genres': ({ sectionKey }) => reader.genres(sectionKey),
    },
    dispose() {
      stopReachability();
      stopAuth();
      unregisterPosters();
      signIn.dispose();
      scheduler.dispose();
    },
  };
}
