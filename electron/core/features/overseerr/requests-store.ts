/**
 * Requests MediaNest made and their outbox, in the precious database.
 *
 * A submit writes the request and its outbox entry in one transaction; a
 * delivery's outcome (linked, refused) updates the request and removes the
 * entry in one transaction. So after a crash at any point there is either a
 * request still to deliver, or a delivered one, never both or neither.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database';
import { requestState, type UpstreamRequestState } from './overseerr-statuses';

export type MediaType = 'movie' | 'tv';
export type Seasons = readonly number[] | 'all';

/** outbox: still to reach Overseerr; sent: Overseerr has it; refused: Overseerr would not take it; removed: Overseerr no longer has it. */
export type RequestPhase = 'outbox' | 'sent' | 'refused' | 'removed';

/** What the household sees: "waiting to send", "not sent", "removed in Overseerr", or Overseerr's own state. */
export type RequestState = 'waiting' | 'refused' | 'removed' | UpstreamRequestState;

export interface OutboxEntry {
  readonly seq: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  /** A POST may have reached Overseerr: look there before posting again. */
  readonly inFlight: boolean;
  /** Held until something changes (the key was rejected). */
  readonly parked: boolean;
  readonly lastError: string | null;
}

export interface StoredRequest {
  readonly id: string;
  readonly mediaType: MediaType;
  readonly tmdbId: number;
  readonly tvdbId: number | null;
  readonly title: string;
  readonly year: number | null;
  readonly posterPath: string | null;
  /** Movies: []. */
  readonly seasons: Seasons;
  readonly is4k: boolean;
  readonly identity: string;
  readonly phase: RequestPhase;
  readonly overseerrId: number | null;
  readonly requestStatus: number | null;
  readonly mediaStatus: number | null;
  readonly plexRatingKey: string | null;
  /** Why Overseerr would not take it, in words. */
  readonly refusal: string | null;
  readonly upstreamUpdatedAt: number | null;
  readonly state: RequestState;
  /** A status code we do not know, for "unknown status N". */
  readonly unknownCode: number | null;
  /** When the current state began (stuck is measured from here). */
  readonly stateSince: number;
  readonly stuckReason: string | null;
  /** When reconciliation last read it from Overseerr. */
  readonly checkedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly outbox: OutboxEntry | null;
}

export interface NewRequest {
  readonly mediaType: MediaType;
  readonly tmdbId: number;
  readonly tvdbId?: number | null;
  readonly title: string;
  readonly year?: number | null;
  readonly posterPath?: string | null;
  readonly seasons: Seasons;
  readonly is4k: boolean;
}

/** What Overseerr says about a request now. */
export interface UpstreamFacts {
  readonly overseerrId?: number;
  readonly requestStatus: number;
  readonly mediaStatus: number | null;
  readonly updatedAt?: number | null;
  readonly plexRatingKey?: string | null;
}

export interface StateChange {
  readonly request: StoredRequest;
  readonly previous: RequestState;
  readonly changed: boolean;
}

/** (media type, TMDB id, 4K, seasons): two requests with one identity are the same request. */
export function requestIdentity(request: Pick<NewRequest, 'mediaType' | 'tmdbId' | 'is4k' | 'seasons'>): string {
  const seasons = request.mediaType === 'movie' ? '-' : request.seasons === 'all' ? 'all' : [...new Set(request.seasons)].sort((a, b) => a - b).join(',');
  return `${request.mediaType}:${request.tmdbId}:${request.is4k ? '4k' : 'hd'}:${seasons}`;
}

interface Row {
  id: string;
  media_type: MediaType;
  tmdb_id: number;
  tvdb_id: number | null;
  title: string;
  year: number | null;
  poster_path: string | null;
  seasons: string;
  is4k: number;
  identity: string;
  phase: RequestPhase;
  overseerr_id: number | null;
  request_status: number | null;
  media_status: number | null;
  plex_rating_key: string | null;
  refusal: string | null;
  upstream_updated_at: number | null;
  state: RequestState;
  state_since: number;
  stuck_reason: string | null;
  checked_at: number | null;
  created_at: number;
  updated_at: number;
  seq: number | null;
  attempts: number | null;
  next_attempt_at: number | null;
  in_flight: number | null;
  parked: number | null;
  last_error: string | null;
}

const SELECT = `SELECT r.*, o.seq, o.attempts, o.next_attempt_at, o.in_flight, o.parked, o.last_error
  FROM overseerr_requests r LEFT JOIN overseerr_outbox o ON o.request_id = r.id`;

function derive(phase: RequestPhase, requestStatus: number | null, mediaStatus: number | null): { state: RequestState; unknownCode: number | null } {
  if (phase === 'outbox') return { state: 'waiting', unknownCode: null };
  if (phase === 'refused' || phase === 'removed') return { state: phase, unknownCode: null };
  const mapped = requestState(requestStatus ?? 1, mediaStatus);
  return { state: mapped.value, unknownCode: mapped.unknownCode };
}

function toRequest(row: Row): StoredRequest {
  return {
    id: row.id,
    mediaType: row.media_type,
    tmdbId: row.tmdb_id,
    tvdbId: row.tvdb_id,
    title: row.title,
    year: row.year,
    posterPath: row.poster_path,
    seasons: JSON.parse(row.seasons) as Seasons,
    is4k: row.is4k === 1,
    identity: row.identity,
    phase: row.phase,
    overseerrId: row.overseerr_id,
    requestStatus: row.request_status,
    mediaStatus: row.media_status,
    plexRatingKey: row.plex_rating_key,
    refusal: row.refusal,
    upstreamUpdatedAt: row.upstream_updated_at,
    ...derive(row.phase, row.request_status, row.media_status),
    stateSince: row.state_since,
    stuckReason: row.stuck_reason,
    checkedAt: row.checked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    outbox:
      row.seq === null
        ? null
        : { seq: row.seq, attempts: row.attempts ?? 0, nextAttemptAt: row.next_attempt_at ?? 0, inFlight: row.in_flight === 1, parked: row.parked === 1, lastError: row.last_error },
  };
}

/** States Overseerr will not move on its own: no need to keep asking. */
const SETTLED: readonly RequestState[] = ['available', 'declined', 'refused', 'removed'];

export function isSettled(request: Pick<StoredRequest, 'state'>): boolean {
  return SETTLED.includes(request.state);
}

export interface RequestsStore {
  /** Records a request and its outbox entry at once; an identical live request is returned instead of a second one. */
  submit(request: NewRequest, now: number): { readonly request: StoredRequest; readonly created: boolean };
  get(id: string): StoredRequest | undefined;
  byOverseerrId(overseerrId: number): StoredRequest | undefined;
  byMedia(mediaType: MediaType, tmdbId: number): StoredRequest[];
  /** Newest first. */
  list(): StoredRequest[];
  /** Requests Overseerr has that may still change, least recently checked first. */
  unsettled(limit: number): StoredRequest[];
  /** The oldest outbox entry: the outbox drains strictly in order. */
  outboxHead(): StoredRequest | undefined;
  outboxSize(): number;
  /** Before a POST: from now on its outcome is unknown until recorded. */
  markInFlight(id: string, now: number): void;
  /** The attempt failed; try again at `at`. `inFlight` says whether it may have reached Overseerr. */
  retryLater(id: string, at: number, error: string, inFlight: boolean, now: number): void;
  /** Held until `release` (the key was rejected: a retry with the same key is pointless). */
  park(id: string, error: string, inFlight: boolean, now: number): void;
  /** Parked and waiting entries become due now (Overseerr is back, settings changed). */
  release(now: number): number;
  /** Overseerr has it (created, or found after an ambiguous failure or a 409): link and leave the outbox. */
  markSent(id: string, facts: UpstreamFacts & { readonly overseerrId: number }, now: number): StateChange;
  /** Overseerr will not take it: say why and leave the outbox. */
  markRefused(id: string, reason: string, now: number): StateChange;
  /** A not-sent request goes back into the outbox (its Retry). */
  requeue(id: string, now: number): StoredRequest | undefined;
  /** A waiting request is withdrawn before it reached Overseerr; false when that can no longer be promised. */
  cancel(id: string): boolean;
  /** Applies what Overseerr says now; `changed` when the state moved. */
  applyUpstream(id: string, facts: UpstreamFacts, now: number): StateChange | undefined;
  markRemoved(id: string, now: number): StateChange | undefined;
  setStuck(id: string, reason: string | null, now: number): void;
  /** Restarts the stuck clock (after Retry). */
  restartStateClock(id: string, now: number): void;
  setPlexRatingKey(id: string, ratingKey: string): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

/** `db` is medianest.db, with its migrations applied (db/data-migrations.ts). */
export function createRequestsStore(db: Db): RequestsStore {
  const one = db.prepare<[string], Row>(`${SELECT} WHERE r.id = ?`);
  const byIdentity = db.prepare<[string], Row>(`${SELECT} WHERE r.identity = ? AND r.phase IN ('outbox', 'sent')`);
  const byOverseerr = db.prepare<[number], Row>(`${SELECT} WHERE r.overseerr_id = ?`);
  const byMediaQuery = db.prepare<[string, number], Row>(`${SELECT} WHERE r.media_type = ? AND r.tmdb_id = ? ORDER BY r.created_at`);
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY r.created_at DESC, r.rowid DESC`);
  const unsettledQuery = db.prepare<[number], Row>(
    `${SELECT} WHERE r.phase = 'sent' AND r.state NOT IN ('available', 'declined') ORDER BY COALESCE(r.checked_at, 0), r.created_at LIMIT ?`,
  );
  const head = db.prepare<[], Row>(`${SELECT} WHERE o.seq = (SELECT MIN(seq) FROM overseerr_outbox)`);
  const insertRequest = db.prepare(
    `INSERT INTO overseerr_requests (id, media_type, tmdb_id, tvdb_id, title, year, poster_path, seasons, is4k, identity, phase, state, state_since, created_at, updated_at)
     VALUES (@id, @mediaType, @tmdbId, @tvdbId, @title, @year, @posterPath, @seasons, @is4k, @identity, 'outbox', 'waiting', @now, @now, @now)`,
  );
  const insertOutbox = db.prepare(`INSERT INTO overseerr_outbox (request_id, next_attempt_at, created_at) VALUES (?, ?, ?)`);
  const deleteOutbox = db.prepare(`DELETE FROM overseerr_outbox WHERE request_id = ?`);
  const getMeta = db.prepare<[string], { value: string }>(`SELECT value FROM overseerr_meta WHERE key = ?`);
  const setMeta = db.prepare(`INSERT INTO overseerr_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);

  const get = (id: string): StoredRequest | undefined => {
    const row = one.get(id);
    return row ? toRequest(row) : undefined;
  };

  /** Writes phase and statuses, keeping the cached state and its clock right; returns the change. */
  const update = (id: string, patch: { phase?: RequestPhase; overseerrId?: number; requestStatus?: number; mediaStatus?: number | null; updatedAt?: number | null; refusal?: string | null; plexRatingKey?: string | null }, now: number): StateChange | undefined => {
    const before = get(id);
    if (!before) return undefined;
    const phase = patch.phase ?? before.phase;
    const requestStatus = patch.requestStatus ?? before.requestStatus;
    const mediaStatus = patch.mediaStatus === undefined ? before.mediaStatus : patch.mediaStatus;
    const { state } = derive(phase, requestStatus, mediaStatus);
    const changed = state !== before.state;
    db.prepare(
      `UPDATE overseerr_requests SET phase = ?, overseerr_id = ?, request_status = ?, media_status = ?, upstream_updated_at = ?, refusal = ?, plex_rating_key = ?,
         state = ?, state_since = ?, stuck_reason = ?, updated_at = ? WHERE id = ?`,
    ).run(
      phase,
      patch.overseerrId ?? before.overseerrId,
      requestStatus,
      mediaStatus,
      patch.updatedAt === undefined || patch.updatedAt === null ? before.upstreamUpdatedAt : Math.max(patch.updatedAt, before.upstreamUpdatedAt ?? 0),
      patch.refusal === undefined ? before.refusal : patch.refusal,
      patch.plexRatingKey ?? before.plexRatingKey,
      state,
      changed ? now : before.stateSince,
      // A state change ends "stuck": the clock starts again.
      changed ? null : before.stuckReason,
      changed || patch.phase !== undefined ? now : before.updatedAt,
      id,
    );
    return { request: get(id)!, previous: before.state, changed };
  };

  return {
    submit: db.transaction((request: NewRequest, now: number) => {
      const identity = requestIdentity(request);
      const existing = byIdentity.get(identity);
      if (existing) return { request: toRequest(existing), created: false };
      const id = randomUUID();
      insertRequest.run({
        id,
        mediaType: request.mediaType,
        tmdbId: request.tmdbId,
        tvdbId: request.tvdbId ?? null,
        title: request.title,
        year: request.year ?? null,
        posterPath: request.posterPath ?? null,
        seasons: JSON.stringify(request.mediaType === 'movie' ? [] : request.seasons === 'all' ? 'all' : [...new Set(request.seasons)].sort((a, b) => a - b)),
        is4k: request.is4k ? 1 : 0,
        identity,
        now,
      });
      insertOutbox.run(id, now, now);
      return { request: get(id)!, created: true };
    }),
    get,
    byOverseerrId(overseerrId) {
      const row = byOverseerr.get(overseerrId);
      return row ? toRequest(row) : undefined;
    },
    byMedia: (mediaType, tmdbId) => byMediaQuery.all(mediaType, tmdbId).map(toRequest),
    list: () => all.all().map(toRequest),
    unsettled: (limit) => unsettledQuery.all(limit).map(toRequest),
    outboxHead() {
      const row = head.get();
      return row ? toRequest(row) : undefined;
    },
    outboxSize: () => (db.prepare('SELECT COUNT(*) AS n FROM overseerr_outbox').get() as { n: number }).n,
    markInFlight(id, now) {
      db.prepare('UPDATE overseerr_outbox SET in_flight = 1, attempts = attempts + 1 WHERE request_id = ?').run(id);
      db.prepare('UPDATE overseerr_requests SET updated_at = ? WHERE id = ?').run(now, id);
    },
    retryLater(id, at, error, inFlight, now) {
      db.prepare('UPDATE overseerr_outbox SET next_attempt_at = ?, last_error = ?, in_flight = ?, parked = 0 WHERE request_id = ?').run(at, error, inFlight ? 1 : 0, id);
      db.prepare('UPDATE overseerr_requests SET updated_at = ? WHERE id = ?').run(now, id);
    },
    park(id, error, inFlight, now) {
      db.prepare('UPDATE overseerr_outbox SET parked = 1, in_flight = ?, last_error = ? WHERE request_id = ?').run(inFlight ? 1 : 0, error, id);
      db.prepare('UPDATE overseerr_requests SET updated_at = ? WHERE id = ?').run(now, id);
    },
    release: (now) => db.prepare('UPDATE overseerr_outbox SET parked = 0, next_attempt_at = MIN(next_attempt_at, ?)').run(now).changes,
    markSent: db.transaction((id: string, facts: UpstreamFacts & { overseerrId: number }, now: number) => {
      // Another row may already hold this Overseerr id (linked by an earlier run): keep one.
      const holder = byOverseerr.get(facts.overseerrId);
      if (holder && holder.id !== id) db.prepare('UPDATE overseerr_requests SET overseerr_id = NULL WHERE id = ?').run(holder.id);
      deleteOutbox.run(id);
      const change = update(id, { phase: 'sent', ...facts, refusal: null, updatedAt: facts.updatedAt ?? null }, now)!;
      db.prepare('UPDATE overseerr_requests SET checked_at = ? WHERE id = ?').run(now, id);
      return change;
    }),
    markRefused: db.transaction((id: string, reason: string, now: number) => {
      deleteOutbox.run(id);
      return update(id, { phase: 'refused', refusal: reason }, now)!;
    }),
    requeue: db.transaction((id: string, now: number) => {
      const request = get(id);
      if (!request || request.phase !== 'refused') return request;
      // Another live request with the same identity wins; this one stays as it was.
      if (byIdentity.get(request.identity)) return request;
      update(id, { phase: 'outbox', refusal: null }, now);
      insertOutbox.run(id, now, now);
      return get(id);
    }),
    cancel: db.transaction((id: string) => {
      const request = get(id);
      if (!request || request.phase === 'sent' || request.outbox?.inFlight) return false;
      db.prepare('DELETE FROM overseerr_requests WHERE id = ?').run(id);
      return true;
    }),
    applyUpstream(id, facts, now) {
      const change = update(id, facts, now);
      db.prepare('UPDATE overseerr_requests SET checked_at = ? WHERE id = ?').run(now, id);
      return change;
    },
    markRemoved: (id, now) => update(id, { phase: 'removed' }, now),
    setStuck(id, reason, now) {
      db.prepare('UPDATE overseerr_requests SET stuck_reason = ?, updated_at = ? WHERE id = ?').run(reason, now, id);
    },
    restartStateClock(id, now) {
      db.prepare('UPDATE overseerr_requests SET state_since = ?, stuck_reason = NULL, updated_at = ? WHERE id = ?').run(now, now, id);
    },
    setPlexRatingKey(id, ratingKey) {
      db.prepare('UPDATE overseerr_requests SET plex_rating_key = ? WHERE id = ?').run(ratingKey, id);
    },
    getMeta: (key) => getMeta.get(key)?.value,
    setMeta(key, value) {
      setMeta.run(key, value);
    },
  };
}
