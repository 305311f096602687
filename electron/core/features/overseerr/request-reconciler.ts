/**
 * Keeps every tracked request's state true whether or not a webhook arrived
 * (Overseerr sends each webhook once; whatever happened while MediaNest was
 * closed is never delivered).
 *
 * One pass:
 * 1. `GET /request?sort=modified`, newest change first, page by page until
 *    the changes are older than the last one seen (with a little overlap:
 *    Overseerr keeps whole seconds);
 * 2. requests not in those pages are read one by one, least recently
 *    checked first: Overseerr does not touch an approved request's own
 *    `updatedAt` when its media becomes processing or available;
 * 3. a request pending or approved for longer than the threshold is marked
 *    stuck, with what Overseerr says about it.
 */
import type { Logger } from '../../logging/logger';
import type { OverseerrClient } from './overseerr-client';
import type { OverseerrRequest } from './overseerr-schemas';
import type { RequestsStore, StateChange, StoredRequest } from './requests-store';

export interface ReconcilerDeps {
  readonly store: RequestsStore;
  readonly client: Pick<OverseerrClient, 'listRequests' | 'getRequest'>;
  readonly now: () => number;
  /** Pending or approved longer than this is stuck. */
  readonly stuckAfterMs: () => number;
  readonly onChange: (change: StateChange | undefined) => void;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** Requests per page of changes (default 50). */
  readonly pageSize?: number;
  /** At most this many pages of changes per pass (default 10). */
  readonly maxPages?: number;
  /** At most this many requests read one by one per pass (default 50). */
  readonly followUps?: number;
}

export interface ReconcileResult {
  readonly changes: number;
  readonly checked: number;
}

const CURSOR = 'reconcile-cursor';
/** Overseerr stores seconds; a change in the same second as the cursor must not be skipped. */
const OVERLAP_MS = 2_000;

/** What Overseerr says, for the store. */
export function factsOf(request: StoredRequest, upstream: OverseerrRequest) {
  return {
    overseerrId: upstream.id,
    requestStatus: upstream.status,
    mediaStatus: request.is4k ? (upstream.media.status4k ?? null) : upstream.media.status,
    updatedAt: Date.parse(upstream.updatedAt) || null,
    plexRatingKey: (request.is4k ? upstream.media.ratingKey4k : upstream.media.ratingKey) ?? null,
  };
}

/** Why a request has not moved, from what Overseerr shows. */
export function stuckReason(request: StoredRequest, upstream: OverseerrRequest | undefined): string | null {
  const fetcher = request.mediaType === 'movie' ? 'Radarr' : 'Sonarr';
  if (request.state === 'pending') return 'Overseerr still lists it as waiting for approval. Someone who manages requests in Overseerr has to approve it.';
  if (request.state !== 'approved') return null;
  const downloads = (request.is4k ? upstream?.media.downloadStatus4k : upstream?.media.downloadStatus) ?? [];
  return downloads.length === 0
    ? `Overseerr approved it, but ${fetcher} has not started it (Overseerr shows no download). Retry asks Overseerr to send it to ${fetcher} again.`
    : `Overseerr approved it and ${fetcher} lists a download, but it has not arrived yet.`;
}

export function createReconciler(deps: ReconcilerDeps) {
  const { store, client, now } = deps;
  const pageSize = deps.pageSize ?? 50;
  let running: Promise<ReconcileResult> | undefined;

  const apply = (request: StoredRequest, upstream: OverseerrRequest, seen: Map<string, OverseerrRequest>): number => {
    seen.set(request.id, upstream);
    const change = store.applyUpstream(request.id, factsOf(request, upstream), now());
    if (change && (change.changed || change.request.plexRatingKey !== request.plexRatingKey)) deps.onChange(change);
    return change?.changed ? 1 : 0;
  };

  const markStuck = (seen: ReadonlyMap<string, OverseerrRequest>): number => {
    let marked = 0;
    const threshold = deps.stuckAfterMs();
    for (const request of store.list()) {
      if (request.phase !== 'sent' || request.stuckReason !== null) continue;
      if (request.state !== 'pending' && request.state !== 'approved') continue;
      if (now() - request.stateSince < threshold) continue;
      const reason = stuckReason(request, seen.get(request.id));
      if (!reason) continue;
      store.setStuck(request.id, reason, now());
      deps.onChange({ request: store.get(request.id)!, previous: request.state, changed: false });
      marked++;
    }
    return marked;
  };

  const pass = async (signal?: AbortSignal): Promise<ReconcileResult> => {
    const cursor = Number(store.getMeta(CURSOR) ?? Number.NaN);
    const seen = new Map<string, OverseerrRequest>();
    let changes = 0;
    let newest = Number.isFinite(cursor) ? cursor : 0;
    for (let page = 0; page < (deps.maxPages ?? 10); page++) {
      const result = await client.listRequests({ take: pageSize, skip: page * pageSize, sort: 'modified', filter: 'all' }, signal);
      let oldest = Number.POSITIVE_INFINITY;
      for (const upstream of result.results) {
        const at = Date.parse(upstream.updatedAt);
        if (Number.isFinite(at)) {
          newest = Math.max(newest, at);
          oldest = Math.min(oldest, at);
        }
        const tracked = store.byOverseerrId(upstream.id);
        if (tracked) changes += apply(tracked, upstream, seen);
      }
      // A first pass has no cursor: one page sets it, and step 2 reads what we track.
      if (!Number.isFinite(cursor) || result.results.length < pageSize || oldest < cursor - OVERLAP_MS) break;
    }
    store.setMeta(CURSOR, String(newest));

    let checked = 0;
    for (const request of store.unsettled(deps.followUps ?? 50)) {
      if (seen.has(request.id) || request.overseerrId === null) continue;
      const upstream = await client.getRequest(request.overseerrId, signal);
      checked++;
      if (upstream) changes += apply(request, upstream, seen);
      else {
        deps.onChange(store.markRemoved(request.id, now()));
        changes++;
      }
    }
    changes += markStuck(seen);
    deps.logger?.debug({ changes, checked }, 'requests reconciled with Overseerr');
    return { changes, checked };
  };

  return {
    /** One pass; a call while one runs joins it. */
    reconcile(signal?: AbortSignal): Promise<ReconcileResult> {
      running ??= pass(signal).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
