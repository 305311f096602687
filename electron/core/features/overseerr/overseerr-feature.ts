/**
 * The Overseerr feature: search and request titles, the requests store and
 * its outbox, reconciliation, the webhook receiver, posters, and the
 * contract's `overseerr:*` channels. Built from narrow deps; Plex arrives as
 * a `PlexTitlesPort` the composition root adapts, never as the Plex feature.
 */
import { randomBytes } from 'node:crypto';
import type { overseerrInvokes, Quota, RequestView, WebhookSetup } from '../../../../shared/contract/areas/overseerr';
import type { Settings } from '../../../../shared/contract/areas/settings';
import { AppError } from '../../../../shared/contract/errors';
import { secretNameOf } from '../../../../shared/contract/services';
import type { BinaryRoutes } from '../../binary/binary-routes';
import type { Db } from '../../db/database';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { Gateway } from '../../gateway/gateway';
import type { HttpListenerHost } from '../../hosting/http-listeners';
import type { Logger } from '../../logging/logger';
import type { SecretStore } from '../../secrets/secret-store';
import type { FeatureModule } from '../feature-module';
import { createOverseerrClient, type OverseerrClient } from './overseerr-client';
import type { OverseerrQuota } from './overseerr-schemas';
import type { PlexTitlesPort } from './plex-titles-port';
import { createOutbox, type Outbox, type OutboxTiming } from './request-outbox';
import { createReconciler, factsOf, type Reconciler } from './request-reconciler';
import { createRequestTracker, type RequestTracker } from './request-tracker';
import { POSTER_ROUTE, toRequestView } from './request-views';
import { createRequestsStore, type RequestsStore, type Seasons } from './requests-store';
import { createTitleMemory, searchTitles, titleDetails } from './title-details';
import { createTmdbPosters } from './tmdb-posters';
import { applyDelivery, webhookTargets } from './webhook-events';
import { createWebhookHealthSource, type WebhookHealthSource } from './webhook-health-source';
import { createWebhookListener, type WebhookBinding } from './webhook-listener';
import { createWebhookReceiver } from './webhook-receiver';
import { DEFAULT_WEBHOOK_TEMPLATE, WANTED_NOTIFICATION_TYPES } from './webhook-template';

export type OverseerrChannel = keyof typeof overseerrInvokes;

/** The API key's user's quota, as the contract has it. */
export async function quotaView(client: Pick<OverseerrClient, 'quota'>): Promise<Quota> {
  const quota = await client.quota();
  const part = (value: OverseerrQuota['movie']) => (value ? { limit: value.limit ?? null, remaining: value.remaining ?? null, days: value.days ?? null, restricted: value.restricted ?? false } : null);
  return { movie: part(quota.movie), tv: part(quota.tv) };
}

export interface OverseerrTiming {
  readonly outbox?: OutboxTiming;
  /** Overrides settings' `reconcileMinutes` (tests). */
  readonly reconcileEveryMs?: number;
  /** Overrides settings' `stuckAfterHours` (tests). */
  readonly stuckAfterMs?: number;
}

export interface OverseerrFeatureDeps {
  /** The precious database: requests and the outbox must survive restarts and crashes. */
  readonly db: Db;
  readonly gateway: Pick<Gateway, 'call'>;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit' | 'on'>;
  readonly settings: () => Settings['requests'];
  readonly secrets: Pick<SecretStore, 'get' | 'set'>;
  readonly listeners: Pick<HttpListenerHost, 'listen'>;
  readonly binary: Pick<BinaryRoutes, 'register'>;
  readonly plex: PlexTitlesPort;
  /** Where posters are kept (a rebuildable cache folder). */
  readonly posterDir: string;
  /** Desktop notifications on (read at each alert). */
  readonly alertsEnabled: () => boolean;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'debug' | 'error'>;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly timing?: OverseerrTiming;
  readonly fetch?: typeof fetch;
  /** This computer's network addresses, for the webhook URL (tests pin them). */
  readonly addresses?: () => string[];
}

export interface OverseerrFeature extends FeatureModule<OverseerrChannel> {
  readonly store: RequestsStore;
  readonly client: OverseerrClient;
  readonly outbox: Outbox;
  readonly reconciler: Reconciler;
  readonly tracker: RequestTracker;
  /** The webhook receiver's card on the Health page. */
  readonly healthSource: WebhookHealthSource;
  /** Listens for webhooks, drains the outbox, reconciles once and on a schedule. */
  start(): Promise<void>;
}

const WEBHOOK_SECRET = secretNameOf('overseerr', 'webhookSecret');
/** How long a request waits to learn its title's name before it is kept anyway. */
const NAME_LOOKUP_MS = 1_500;

export function createOverseerrFeature(deps: OverseerrFeatureDeps): OverseerrFeature {
  const now = deps.now ?? Date.now;
  const { bus, logger } = deps;
  const client = createOverseerrClient(deps.gateway);
  const store = createRequestsStore(deps.db);
  const memory = createTitleMemory();
  const tracker = createRequestTracker({ store, client, plex: deps.plex, bus, alertsEnabled: deps.alertsEnabled, logger });
  const outbox = createOutbox({
    store,
    client,
    now,
    ...(deps.timing?.outbox ? { timing: deps.timing.outbox } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    onChange: (change) => tracker.changed(change),
    logger,
  });
  const stuckAfterMs = (): number => deps.timing?.stuckAfterMs ?? deps.settings().stuckAfterHours * 3_600_000;
  const reconciler = createReconciler({ store, client, now, stuckAfterMs, onChange: (change) => tracker.changed(change), logger });
  const disposers: (() => void)[] = [];
  let reconcileTimer: ReturnType<typeof setInterval> | undefined;
  let disposed = false;

  const webhookSecret = (): string => {
    let secret = deps.secrets.get(WEBHOOK_SECRET);
    if (!secret) {
      secret = randomBytes(24).toString('base64url');
      deps.secrets.set(WEBHOOK_SECRET, secret);
    }
    return secret;
  };
  const authorization = (): string | undefined => {
    const secret = deps.secrets.get(WEBHOOK_SECRET);
    return secret ? `Bearer ${secret}` : undefined;
  };

  const receiver = createWebhookReceiver({
    authorization,
    logger,
    onDelivery(type, payload) {
      const at = now();
      store.setMeta('webhook-last-delivery', String(at));
      if (type === 'TEST_NOTIFICATION') store.setMeta('webhook-last-test', String(at));
      else for (const request of webhookTargets(store, payload)) tracker.changed(applyDelivery(store, request, type, payload, at));
      bus.emit('overseerr:webhook-received', { type, at });
      healthSource.refresh();
    },
  });
  const listener = createWebhookListener({ listeners: deps.listeners, handler: receiver, logger, ...(deps.addresses ? { addresses: deps.addresses } : {}) });
  const lastDelivery = (): number | null => {
    const at = store.getMeta('webhook-last-delivery');
    return at ? Number(at) : null;
  };
  const healthSource = createWebhookHealthSource({ enabled: () => deps.settings().webhookEnabled, state: () => listener.state(), lastDeliveryAt: lastDelivery, now });
  const applyBinding = async (): Promise<void> => {
    await listener.apply(binding());
    healthSource.refresh();
  };
  const binding = (): WebhookBinding => {
    const settings = deps.settings();
    return { enabled: settings.webhookEnabled, host: settings.webhookHost, port: settings.webhookPort };
  };

  const posters = createTmdbPosters({ dir: deps.posterDir, imageBase: () => deps.settings().tmdbImageBase, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  disposers.push(deps.binary.register(POSTER_ROUTE, posters.handler));

  const reconcileQuietly = (): void => {
    if (disposed) return;
    void reconciler.reconcile().catch((error: unknown) => logger.debug({ err: error }, 'requests could not be reconciled now'));
  };
  const schedule = (): void => {
    if (reconcileTimer) clearInterval(reconcileTimer);
    if (disposed) return;
    reconcileTimer = setInterval(reconcileQuietly, deps.timing?.reconcileEveryMs ?? deps.settings().reconcileMinutes * 60_000);
    reconcileTimer.unref?.();
  };

  const setup = async (): Promise<WebhookSetup> => {
    // A settings change may still be moving the listener.
    await listener.idle();
    const settings = deps.settings();
    const state = listener.state();
    const lastTest = store.getMeta('webhook-last-test');
    return {
      enabled: settings.webhookEnabled,
      listening: state.listening,
      url: state.url,
      otherUrls: [...state.otherUrls],
      authorization: settings.webhookEnabled ? `Bearer ${webhookSecret()}` : null,
      template: DEFAULT_WEBHOOK_TEMPLATE,
      types: [...WANTED_NOTIFICATION_TYPES],
      lastTestAt: lastTest ? Number(lastTest) : null,
      lastDeliveryAt: lastDelivery(),
      problem: settings.webhookEnabled ? state.problem : null,
    };
  };

  /** Every request, newest first; those behind a waiting head say why they wait. */
  const views = (): RequestView[] => {
    const note = store.outboxHead()?.outbox?.lastError ?? null;
    return store.list().map((request) => toRequestView(request, note));
  };

  const found = (id: string) => {
    const request = store.get(id);
    if (!request) throw new AppError('NOT_FOUND', 'That request is no longer in MediaNest.');
    return request;
  };

  const retry = async (id: string): Promise<RequestView> => {
    const request = found(id);
    if (request.phase === 'refused') {
      store.requeue(id, now());
      outbox.kick();
    } else if (request.phase === 'outbox') {
      store.release(now());
      outbox.kick();
    } else if (request.phase === 'sent' && request.overseerrId !== null && (request.stuckReason !== null || request.state === 'failed')) {
      const upstream = await client.retryRequest(request.overseerrId);
      const change = store.applyUpstream(id, factsOf(request, upstream), now());
      store.restartStateClock(id, now());
      tracker.changed(change && { ...change, request: store.get(id)! });
    } else throw new AppError('INVALID_PAYLOAD', 'There is nothing to retry: this request is on its way.');
    return toRequestView(store.get(id)!);
  };

  const handlers: OverseerrFeature['handlers'] = {
    'overseerr:search': ({ query, page }) => searchTitles({ client, plex: deps.plex, store }, memory, query, page),
    'overseerr:details': ({ mediaType, tmdbId }) => titleDetails({ client, plex: deps.plex, store }, memory, mediaType, tmdbId),
    async 'overseerr:request'({ mediaType, tmdbId, seasons, is4k }) {
      // Name the title from what was seen lately, or from the chain; never wait for Overseerr to accept it.
      let facts = memory.recall(mediaType, tmdbId);
      if (!facts) {
        try {
          // Briefly: a request is kept at once, even when Overseerr cannot name the title now.
          await titleDetails({ client, plex: deps.plex, store }, memory, mediaType, tmdbId, AbortSignal.timeout(NAME_LOOKUP_MS));
          facts = memory.recall(mediaType, tmdbId);
        } catch {
          // Unknown for now: Overseerr will name it once it has it.
        }
      }
      const { request, created } = store.submit(
        { mediaType, tmdbId, tvdbId: facts?.tvdbId ?? null, title: facts?.title ?? `TMDB ${tmdbId}`, year: facts?.year ?? null, posterPath: facts?.posterPath ?? null, seasons: (seasons ?? []) as Seasons, is4k },
        now(),
      );
      if (created) {
        bus.emit('media:requested', { mediaType, tmdbId, title: request.title });
        tracker.changed({ request, previous: 'waiting', changed: false });
        outbox.kick();
      }
      return toRequestView(store.get(request.id) ?? request);
    },
    'overseerr:requests': () => views(),
    'overseerr:cancel'({ id }) {
      const request = found(id);
      if (request.phase === 'sent') throw new AppError('INVALID_PAYLOAD', 'Overseerr already has this request: withdraw it in Overseerr.');
      const cancelled = store.cancel(id);
      if (!cancelled) throw new AppError('INVALID_PAYLOAD', 'MediaNest is sending this request right now, so it cannot promise to stop it. Try again in a moment.');
      bus.emit('overseerr:request-removed', { id });
      return { cancelled };
    },
    'overseerr:retry': ({ id }) => retry(id),
    async 'overseerr:refresh'() {
      await reconciler.reconcile();
      return views();
    },
    'overseerr:quota': () => quotaView(client),
    'overseerr:webhook': () => setup(),
    async 'overseerr:webhook-new-secret'() {
      deps.secrets.set(WEBHOOK_SECRET, randomBytes(24).toString('base64url'));
      return setup();
    },
  };

  return {
    handlers,
    store,
    client,
    outbox,
    reconciler,
    tracker,
    healthSource,
    async start() {
      if (deps.settings().webhookEnabled) webhookSecret();
      await applyBinding();
      disposers.push(
        bus.on('service:up', ({ upstream }) => {
          if (upstream !== 'overseerr') return;
          // Back: whatever waited goes now, in order, and statuses catch up.
          store.release(now());
          outbox.kick();
          reconcileQuietly();
        }),
        bus.on('settings:changed', () => {
          if (deps.settings().webhookEnabled) webhookSecret();
          void applyBinding();
          schedule();
          // A new key or address may be what the parked entries waited for.
          store.release(now());
          outbox.kick();
        }),
      );
      outbox.kick();
      reconcileQuietly();
      schedule();
    },
    async dispose() {
      disposed = true;
      if (reconcileTimer) clearInterval(reconcileTimer);
      for (const dispose of disposers.splice(0)) dispose();
      await outbox.dispose();
      await listener.dispose();
      await tracker.settled();
    },
  };
}
