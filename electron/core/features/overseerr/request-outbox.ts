/**
 * Delivers the outbox to Overseerr exactly once, in order.
 *
 * One entry at a time, oldest first: a failure that says "not now" (down,
 * unreachable, breaker open) stops the drain and retries the same entry with
 * backoff, so later requests never overtake it. Exactly once rests on three
 * rules:
 * - the entry is marked in flight (committed) before the POST, and only a
 *   failure that proves nothing was stored clears it;
 * - an entry in flight is first looked for among Overseerr's requests for
 *   that title, and linked when found, before any new POST;
 * - a 409 (Overseerr already has it) is linked, never a failure.
 * A crash between any two steps leaves the entry in flight, so the next run
 * looks before it posts.
 */
import { isAppError, type AppError } from '../../../../shared/contract/errors';
import type { Logger } from '../../logging/logger';
import { backoffDelay } from '../../resilience/backoff';
import type { CreateRequestBody, OverseerrClient, TitleRequests } from './overseerr-client';
import type { OverseerrRequest } from './overseerr-schemas';
import type { RequestsStore, StateChange, StoredRequest } from './requests-store';

export interface OutboxTiming {
  /** Backoff between attempts of one entry: min(min · 2^n, max) plus up to jitter. */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly jitterMs: number;
}

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = { minDelayMs: 2_000, maxDelayMs: 5 * 60_000, jitterMs: 1_000 };

export interface OutboxDeps {
  readonly store: RequestsStore;
  readonly client: Pick<OverseerrClient, 'createRequest' | 'requestsFor'>;
  readonly now: () => number;
  readonly timing?: OutboxTiming;
  readonly random?: () => number;
  /** A request left the outbox (linked or refused) or its wait changed. */
  readonly onChange: (change: StateChange) => void;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

export interface Outbox {
  /** Drain now (a request was submitted, Overseerr is back, settings changed). */
  kick(): void;
  /** Resolves when the current drain (if any) has stopped. */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

const code = (error: unknown): AppError['code'] | undefined => (isAppError(error) ? error.code : undefined);
const status = (error: unknown): number | undefined => (isAppError(error) ? error.status : undefined);

/** The failure proves Overseerr stored nothing: it was never asked, or it answered with a refusal. */
export function provesNotStored(error: unknown): boolean {
  switch (code(error)) {
    case 'CIRCUIT_OPEN':
    case 'BULKHEAD_FULL':
    case 'RATE_LIMITED':
    case 'SERVICE_DISABLED':
    case 'SERVICE_NOT_CONFIGURED':
    case 'AUTH_FAILED':
      return true;
    case 'UPSTREAM_HTTP': {
      const http = status(error) ?? 500;
      return http < 500 && http !== 408;
    }
    default:
      // Timeouts, dropped connections, 5xx, unreadable answers: the POST may have done its work.
      return false;
  }
}

/** Overseerr answered and will not take this request as it is: not worth retrying by itself. */
function refusal(error: unknown): string | undefined {
  if (code(error) !== 'UPSTREAM_HTTP') return undefined;
  const http = status(error) ?? 500;
  if (http === 403) return (error as AppError).message;
  if (http >= 400 && http < 500 && http !== 408 && http !== 429) return `Overseerr rejected the request (HTTP ${http}).`;
  return undefined;
}

function bodyOf(request: StoredRequest): CreateRequestBody {
  if (request.mediaType === 'movie') return { mediaType: 'movie', mediaId: request.tmdbId, is4k: request.is4k };
  return { mediaType: 'tv', mediaId: request.tmdbId, ...(request.tvdbId === null ? {} : { tvdbId: request.tvdbId }), seasons: request.seasons, is4k: request.is4k };
}

/** Ours among Overseerr's requests for the title: same 4K flag and, for a show, the same seasons. Newest wins. */
export function findOurs(request: StoredRequest, found: TitleRequests): OverseerrRequest | undefined {
  const wanted = request.seasons === 'all' ? found.seasons : request.seasons;
  const sameSeasons = (candidate: OverseerrRequest): boolean => {
    if (request.mediaType === 'movie') return true;
    const numbers = new Set((candidate.seasons ?? []).map((season) => season.seasonNumber));
    return numbers.size === wanted.length && wanted.every((season) => numbers.has(season));
  };
  return [...found.requests].sort((a, b) => b.id - a.id).find((candidate) => (candidate.is4k ?? false) === request.is4k && sameSeasons(candidate));
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, client, now } = deps;
  const timing = deps.timing ?? DEFAULT_OUTBOX_TIMING;
  const random = deps.random ?? Math.random;
  const lifetime = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const schedule = (at: number): void => {
    if (timer) clearTimeout(timer);
    if (lifetime.signal.aborted) return;
    timer = setTimeout(() => {
      timer = undefined;
      kick();
    }, Math.max(0, at - now()));
    timer.unref?.();
  };

  const link = (request: StoredRequest, upstream: OverseerrRequest): void => {
    const change = store.markSent(
      request.id,
      {
        overseerrId: upstream.id,
        requestStatus: upstream.status,
        mediaStatus: request.is4k ? (upstream.media.status4k ?? null) : upstream.media.status,
        updatedAt: Date.parse(upstream.updatedAt) || null,
        plexRatingKey: (request.is4k ? upstream.media.ratingKey4k : upstream.media.ratingKey) ?? null,
      },
      now(),
    );
    deps.logger?.info({ request: request.id, overseerrId: upstream.id }, 'request delivered to Overseerr');
    deps.onChange(change);
  };

  const refuse = (request: StoredRequest, reason: string): void => {
    deps.logger?.warn({ request: request.id }, 'Overseerr refused a request');
    deps.onChange(store.markRefused(request.id, reason, now()));
  };

  /** Records why the head waits; returns false to stop the drain. */
  const wait = (request: StoredRequest, error: unknown, inFlight: boolean): false => {
    const message = isAppError(error) ? error.message : 'Something went wrong while sending it.';
    const previous = store.get(request.id);
    if (code(error) === 'AUTH_FAILED') {
      // The same key would be refused again: wait for new settings or Overseerr coming back.
      store.park(request.id, message, inFlight, now());
    } else {
      const attempts = previous?.outbox?.attempts ?? 1;
      const delay = Math.max(backoffDelay(Math.max(0, attempts - 1), random(), timing), isAppError(error) ? (error.retryAfterMs ?? 0) : 0);
      store.retryLater(request.id, now() + delay, message, inFlight, now());
      schedule(now() + delay);
    }
    deps.onChange({ request: store.get(request.id)!, previous: 'waiting', changed: false });
    return false;
  };

  /** Delivers the head; true to go on with the next entry. */
  const deliver = async (request: StoredRequest): Promise<boolean> => {
    const signal = lifetime.signal;
    if (request.outbox?.inFlight) {
      let found: TitleRequests;
      try {
        found = await client.requestsFor(request.mediaType, request.tmdbId, signal);
      } catch (error) {
        return wait(request, error, true);
      }
      const ours = findOurs(request, found);
      if (ours) {
        link(request, ours);
        return true;
      }
    }
    store.markInFlight(request.id, now());
    try {
      const outcome = await client.createRequest(bodyOf(request), signal);
      if (outcome.kind === 'created') {
        link(request, outcome.request);
        return true;
      }
      // 409 or 202: Overseerr has it already (or every season of it). Link what it has.
      const ours = findOurs(request, await client.requestsFor(request.mediaType, request.tmdbId, signal));
      if (ours) link(request, ours);
      else if (outcome.kind === 'no-seasons') refuse(request, 'Overseerr says every chosen season is already requested.');
      else return wait(request, new Error('Overseerr says it has this request already; MediaNest will look for it again.'), true);
      return true;
    } catch (error) {
      const reason = refusal(error);
      if (reason) {
        refuse(request, reason);
        return true;
      }
      return wait(request, error, !provesNotStored(error));
    }
  };

  const drain = async (): Promise<void> => {
    do {
      again = false;
      for (;;) {
        if (lifetime.signal.aborted) return;
        const head = store.outboxHead();
        if (!head?.outbox || head.outbox.parked) break;
        if (head.outbox.nextAttemptAt > now()) {
          schedule(head.outbox.nextAttemptAt);
          break;
        }
        if (!(await deliver(head))) break;
      }
    } while (again && !lifetime.signal.aborted);
  };

  function kick(): void {
    if (lifetime.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => deps.logger?.warn({ err: error }, 'the outbox stopped on an unexpected error'))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    kick,
    idle: async () => {
      while (running) await running;
    },
    async dispose() {
      lifetime.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
