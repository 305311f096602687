/**
 * Requests and titles as the renderer sees them: states in words, what can
 * be done next, posters as the core's own addresses.
 */
import type { Availability, RequestView } from '../../../../shared/contract/areas/overseerr';
import { mediaAvailability } from './overseerr-statuses';
import type { RequestState, StoredRequest } from './requests-store';

export const POSTER_ROUTE = 'overseerr-poster';
/** TMDB's poster sizes the renderer may ask for. */
export const POSTER_SIZES = ['w92', 'w154', 'w185', 'w342', 'w500', 'w780'] as const;
const POSTER_FILE = /^\/?([A-Za-z0-9_-]{1,80}\.(?:jpg|jpeg|png|webp))$/;

/** The core's address for a TMDB poster path (`/abc.jpg`), or null when it is not one. */
export function posterAddress(posterPath: string | null | undefined, size: (typeof POSTER_SIZES)[number] = 'w342'): string | null {
  const file = POSTER_FILE.exec(posterPath ?? '')?.[1];
  return file ? `binary/${POSTER_ROUTE}/${size}/${encodeURIComponent(file)}` : null;
}

export function isPosterFile(file: string): boolean {
  return POSTER_FILE.test(file) && !file.startsWith('/');
}

const STATE_WORDS: Readonly<Record<Exclude<RequestState, 'unknown'>, string>> = {
  waiting: 'Waiting to send',
  refused: 'Not sent',
  removed: 'Removed in Overseerr',
  pending: 'Pending approval',
  approved: 'Approved',
  declined: 'Declined',
  failed: 'Failed',
  processing: 'Processing',
  'partially-available': 'Partly available',
  available: 'Available',
};

export function stateLabel(state: RequestState, unknownCode: number | null): string {
  return state === 'unknown' ? `unknown status ${unknownCode ?? '?'}` : STATE_WORDS[state];
}

const AVAILABILITY_WORDS: Readonly<Record<Exclude<Availability, 'unknown' | 'none'>, string>> = {
  pending: 'Requested',
  processing: 'Processing',
  'partially-available': 'Partly available',
  available: 'Available',
};

/** A media status code as availability and its words (null words: Overseerr knows nothing of it). */
export function availabilityOf(code: number | null | undefined): { availability: Availability; label: string | null; unknownCode: number | null } {
  const mapped = mediaAvailability(code);
  if (mapped.value === 'unknown') return { availability: 'unknown', label: `unknown status ${mapped.unknownCode}`, unknownCode: mapped.unknownCode };
  return { availability: mapped.value, label: mapped.value === 'none' ? null : AVAILABILITY_WORDS[mapped.value], unknownCode: null };
}

/** Why the outbox waits, for entries behind its head (they were not tried themselves). */
export type OutboxNote = string | null;

function detail(request: StoredRequest, note: OutboxNote): string | null {
  if (request.stuckReason) return request.stuckReason;
  if (request.phase === 'refused') return request.refusal;
  if (request.phase === 'removed') return 'Overseerr no longer has this request; someone removed it there.';
  if (request.phase !== 'outbox') return null;
  const outbox = request.outbox;
  if (!outbox?.lastError) return note ? `${note} It waits its turn and goes as soon as Overseerr answers.` : 'MediaNest is sending it to Overseerr.';
  if (outbox.parked) return `${outbox.lastError} It will be sent once Overseerr accepts MediaNest again.`;
  return `${outbox.lastError} MediaNest keeps it and sends it when Overseerr answers.`;
}

export function toRequestView(request: StoredRequest, note: OutboxNote = null): RequestView {
  const waiting = request.phase === 'outbox';
  return {
    id: request.id,
    mediaType: request.mediaType,
    tmdbId: request.tmdbId,
    title: request.title,
    year: request.year,
    poster: posterAddress(request.posterPath),
    seasons: request.seasons === 'all' ? 'all' : [...request.seasons],
    is4k: request.is4k,
    state: request.state,
    label: stateLabel(request.state, request.unknownCode),
    unknownCode: request.unknownCode,
    detail: detail(request, note),
    stuck: request.stuckReason ? { since: request.stateSince, reason: request.stuckReason } : null,
    nextAttemptAt: waiting && request.outbox && !request.outbox.parked ? request.outbox.nextAttemptAt : null,
    overseerrId: request.overseerrId,
    inPlex: request.plexRatingKey ? { ratingKey: request.plexRatingKey } : null,
    createdAt: request.createdAt,
    changedAt: request.stateSince,
    canCancel: waiting && !request.outbox?.inFlight,
    canRetry: request.phase === 'refused' || request.stuckReason !== null || request.state === 'failed' || (waiting && request.outbox?.inFlight === false && request.outbox.lastError !== null),
  };
}
