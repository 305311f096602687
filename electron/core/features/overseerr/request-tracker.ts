/**
 * What happens when a tracked request changes, wherever the news came from
 * (the outbox, reconciliation, a webhook): the renderer hears of it, and a
 * title that became available is synced into the Plex index (that one item,
 * never a section scan: Overseerr calls it available after its own Plex scan
 * found it), announced as `media:available`, and notified.
 */
import type { RequestAlert } from '../../../../shared/contract/areas/overseerr';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { Logger } from '../../logging/logger';
import type { OverseerrClient } from './overseerr-client';
import type { PlexTitlesPort } from './plex-titles-port';
import { toRequestView } from './request-views';
import type { RequestState, RequestsStore, StateChange, StoredRequest } from './requests-store';

export interface RequestTrackerDeps {
  readonly store: RequestsStore;
  readonly client: Pick<OverseerrClient, 'getRequest'>;
  readonly plex: PlexTitlesPort;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
  /** Read on every alert, so turning notifications off applies at once. */
  readonly alertsEnabled: () => boolean;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

export interface RequestTracker {
  /** Reacts to a change: the view always, the rest when the state moved. */
  changed(change: StateChange | undefined): void;
  /** Resolves once every Plex sync started so far has finished. */
  settled(): Promise<void>;
}

const ARRIVED: readonly RequestState[] = ['available', 'partially-available'];

function fetcher(request: StoredRequest): string {
  return request.mediaType === 'movie' ? 'Radarr' : 'Sonarr';
}

export function createRequestTracker(deps: RequestTrackerDeps): RequestTracker {
  const { store, bus } = deps;
  const syncing = new Set<Promise<void>>();

  const alert = (payload: RequestAlert): void => {
    if (deps.alertsEnabled()) bus.emit('overseerr:alerted', payload);
  };
  const toRequests = (request: StoredRequest): RequestAlert['target'] => ({ kind: 'requests', requestId: request.id });

  /** The item's rating key: ours, Overseerr's (it learns it from its Plex scan), or the index's by guid. */
  const syncIntoPlex = async (request: StoredRequest): Promise<string | undefined> => {
    let ratingKey = request.plexRatingKey ?? undefined;
    if (!ratingKey && request.overseerrId !== null) {
      try {
        const upstream = await deps.client.getRequest(request.overseerrId);
        ratingKey = (request.is4k ? upstream?.media.ratingKey4k : upstream?.media.ratingKey) ?? undefined;
      } catch (error) {
        deps.logger?.warn({ err: error, request: request.id }, "could not read the title's Plex key from Overseerr");
      }
    }
    let found = undefined;
    if (ratingKey) {
      try {
        found = await deps.plex.syncItem(ratingKey);
      } catch (error) {
        deps.logger?.warn({ err: error, request: request.id }, 'could not sync the new title into the Plex index');
      }
    }
    found ??= deps.plex.findByGuid({ tmdb: String(request.tmdbId), ...(request.tvdbId === null ? {} : { tvdb: String(request.tvdbId) }) });
    if (!found) return undefined;
    if (found.ratingKey !== request.plexRatingKey) {
      store.setPlexRatingKey(request.id, found.ratingKey);
      const updated = store.get(request.id);
      if (updated) bus.emit('overseerr:request-changed', toRequestView(updated));
    }
    return found.ratingKey;
  };

  const arrived = (request: StoredRequest): void => {
    bus.emit('media:available', { mediaType: request.mediaType, tmdbId: request.tmdbId, title: request.title });
    const work = syncIntoPlex(request)
      .then((ratingKey) => {
        const partly = request.state === 'partially-available';
        alert({
          title: partly ? `Part of ${request.title} is available` : `${request.title} is available`,
          body: ratingKey ? 'Open it in your library.' : 'Plex has it; it shows in your library after the next sync.',
          target: ratingKey ? { kind: 'library', ratingKey } : toRequests(request),
        });
      })
      .catch((error: unknown) => deps.logger?.warn({ err: error }, 'announcing an available title failed'))
      .finally(() => syncing.delete(work));
    syncing.add(work);
  };

  return {
    changed(change) {
      if (!change) return;
      const { request, previous } = change;
      bus.emit('overseerr:request-changed', toRequestView(request));
      if (!change.changed) return;
      if (ARRIVED.includes(request.state) && !ARRIVED.includes(previous)) return arrived(request);
      if (request.state === 'approved' && previous === 'pending') alert({ title: `${request.title} was approved`, body: `Overseerr passed it on to ${fetcher(request)}.`, target: toRequests(request) });
      if (request.state === 'declined') alert({ title: `${request.title} was declined`, body: 'Overseerr declined the request.', target: toRequests(request) });
      if (request.state === 'failed') alert({ title: `${request.title} failed`, body: `Overseerr could not pass it on to ${fetcher(request)}. Retry it from Requests.`, target: toRequests(request) });
    },
    async settled() {
      while (syncing.size > 0) await Promise.all([...syncing]);
    },
  };
}
