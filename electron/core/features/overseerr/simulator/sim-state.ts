/**
 * The Overseerr simulator's data: media, requests and users, and the rules
 * Overseerr 1.34 applies to them (server/routes/request.ts, entity/Media.ts,
 * subscriber/MediaSubscriber.ts), answered in the shapes a real server sends
 * (see the recorded answers).
 *
 * What matters for MediaNest and is kept faithful:
 * - the movie duplicate check compares `is4k`, so a request without it is never a duplicate;
 * - TV seasons already requested are dropped; none left is a 202;
 * - the API key's user auto-approves only with ADMIN or AUTO_APPROVE;
 * - a media status change (processing, available) does not touch the
 *   request's `updatedAt`, except that pending requests become approved;
 * - times have second precision, as Overseerr's database keeps them.
 */
import { MEDIA_STATUS, REQUEST_STATUS } from '../overseerr-statuses';
import type { NotificationType } from '../webhook-template';
import { requestableSeasons, titleKey, type SimTitle } from './sim-catalogue';

export const PERMISSION = { ADMIN: 2, MANAGE_USERS: 8, MANAGE_REQUESTS: 16, REQUEST: 32, AUTO_APPROVE: 128 } as const;

export interface SimUser {
  readonly id: number;
  readonly email: string;
  readonly username: string;
  permissions: number;
  movieQuotaLimit: number | null;
  movieQuotaDays: number | null;
  tvQuotaLimit: number | null;
  tvQuotaDays: number | null;
  readonly createdAt: string;
}

interface SimSeasonStatus {
  readonly id: number;
  readonly seasonNumber: number;
  status: number;
  status4k: number;
  readonly createdAt: string;
  updatedAt: string;
}

export interface SimMedia {
  readonly id: number;
  readonly key: string;
  readonly title: SimTitle;
  status: number;
  status4k: number;
  ratingKey: string | null;
  ratingKey4k: string | null;
  readonly seasons: Map<number, SimSeasonStatus>;
  readonly createdAt: string;
  updatedAt: string;
}

export interface SimRequest {
  readonly id: number;
  status: number;
  readonly is4k: boolean;
  readonly media: SimMedia;
  readonly requestedBy: SimUser;
  modifiedBy: SimUser | null;
  readonly seasons: { readonly id: number; readonly seasonNumber: number; status: number; readonly createdAt: string; updatedAt: string }[];
  readonly createdAt: string;
  updatedAt: string;
  /** How often `POST /request/{id}/retry` was called. */
  retries: number;
}

export interface SimNotification {
  readonly type: NotificationType;
  readonly request: SimRequest;
}

export type CreateResult =
  | { readonly status: 201; readonly request: SimRequest }
  | { readonly status: 202 | 403 | 404 | 409 | 500; readonly message: string };

export interface CreateBody {
  readonly mediaType: 'movie' | 'tv';
  readonly mediaId: number;
  readonly tvdbId?: number;
  readonly seasons?: readonly number[] | 'all';
  readonly is4k?: boolean;
}

export type ListFilter = 'all' | 'approved' | 'available' | 'pending' | 'processing' | 'unavailable' | 'failed';

export interface SimStateOptions {
  readonly catalogue: ReadonlyMap<string, SimTitle>;
  readonly now: () => number;
  /** Raised for everything Overseerr would notify about. */
  readonly notify: (notification: SimNotification) => void;
  /** The rating key Plex gives a title once it is available; default a made-up one. */
  readonly onAvailable?: (media: SimMedia) => string | null | undefined;
}

export const MEDIA_STATUS_NAMES: Readonly<Record<number, string>> = { 1: 'UNKNOWN', 2: 'PENDING', 3: 'PROCESSING', 4: 'PARTIALLY_AVAILABLE', 5: 'AVAILABLE' };

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function createSimState(options: SimStateOptions) {
  const { catalogue, now, notify } = options;
  const stamp = (): string => isoSeconds(now());
  const users = new Map<number, SimUser>();
  const media = new Map<string, SimMedia>();
  const requests = new Map<number, SimRequest>();
  let nextMediaId = 1;
  let nextRequestId = 1;
  let nextSeasonId = 1;

  const addUser = (user: Omit<SimUser, 'createdAt' | 'movieQuotaLimit' | 'movieQuotaDays' | 'tvQuotaLimit' | 'tvQuotaDays'> & Partial<SimUser>): SimUser => {
    const full: SimUser = { movieQuotaLimit: null, movieQuotaDays: null, tvQuotaLimit: null, tvQuotaDays: null, createdAt: '2026-01-01T00:00:00.000Z', ...user };
    users.set(full.id, full);
    return full;
  };
  addUser({ id: 1, email: 'admin@medianest.local', username: 'admin', permissions: PERMISSION.ADMIN });

  const hasPermission = (user: SimUser, permission: number): boolean => (user.permissions & PERMISSION.ADMIN) !== 0 || (user.permissions & permission) !== 0;
  const autoApproves = (user: SimUser): boolean => hasPermission(user, PERMISSION.AUTO_APPROVE);

  const mediaFor = (title: SimTitle): SimMedia => {
    const key = titleKey(title.mediaType, title.tmdbId);
    let found = media.get(key);
    if (!found) {
      const at = stamp();
      found = { id: nextMediaId++, key, title, status: MEDIA_STATUS.UNKNOWN, status4k: MEDIA_STATUS.UNKNOWN, ratingKey: null, ratingKey4k: null, seasons: new Map(), createdAt: at, updatedAt: at };
      media.set(key, found);
    }
    return found;
  };

  const requestsOf = (item: SimMedia): SimRequest[] => [...requests.values()].filter((request) => request.media === item);

  const quotaUsed = (user: SimUser, type: 'movie' | 'tv', days: number | null): number => {
    const since = days === null ? 0 : now() - days * 86_400_000;
    return [...requests.values()].filter((request) => request.requestedBy === user && request.media.title.mediaType === type && Date.parse(request.createdAt) >= since).length;
  };

  const quota = (user: SimUser) => {
    const part = (type: 'movie' | 'tv', limit: number | null, days: number | null) => {
      const used = quotaUsed(user, type, days);
      if (limit === null || hasPermission(user, PERMISSION.ADMIN)) return { used, restricted: false };
      return { days: days ?? 0, limit, used, remaining: Math.max(0, limit - used), restricted: used >= limit };
    };
    return { movie: part('movie', user.movieQuotaLimit, user.movieQuotaDays), tv: part('tv', user.tvQuotaLimit, user.tvQuotaDays) };
  };

  const touchMedia = (item: SimMedia): void => {
    item.updatedAt = stamp();
  };

  /** Sets a media status as Overseerr's scanners do, with the subscriber's side effects. */
  const setMediaStatus = (item: SimMedia, status: number, is4k = false): void => {
    const before = is4k ? item.status4k : item.status;
    if (before === status) return;
    if (is4k) item.status4k = status;
    else item.status = status;
    touchMedia(item);
    if (status !== MEDIA_STATUS.AVAILABLE && status !== MEDIA_STATUS.PARTIALLY_AVAILABLE) return;
    const ratingKey = options.onAvailable?.(item) ?? `${item.id + 1000}`;
    if (is4k) item.ratingKey4k ??= ratingKey;
    else item.ratingKey ??= ratingKey;
    for (const request of requestsOf(item)) {
      if (request.is4k !== is4k) continue;
      // MediaSubscriber: pending requests of a title that became available are approved.
      if (request.status === REQUEST_STATUS.PENDING) {
        request.status = REQUEST_STATUS.APPROVED;
        request.updatedAt = stamp();
      }
      if (request.status !== REQUEST_STATUS.DECLINED && status === MEDIA_STATUS.AVAILABLE) notify({ type: 'MEDIA_AVAILABLE', request });
    }
  };

  const create = (body: CreateBody, user: SimUser): CreateResult => {
    const title = catalogue.get(titleKey(body.mediaType, body.mediaId));
    // Overseerr asks TMDB first; an unknown id fails there.
    if (!title) return { status: 500, message: `Unable to retrieve ${body.mediaType === 'movie' ? 'movie' : 'series'} details` };
    if (!hasPermission(user, PERMISSION.REQUEST)) return { status: 403, message: 'You do not have permission to make a request.' };
    const limits = quota(user)[body.mediaType];
    if (limits.restricted) return { status: 403, message: `${body.mediaType === 'movie' ? 'Movie' : 'Series'} Quota exceeded.` };
    const item = mediaFor(title);
    // `is4k` undefined matches no stored row: the check is skipped (recorded on a real server).
    if (body.mediaType === 'movie' && body.is4k !== undefined && requestsOf(item).some((request) => request.is4k === body.is4k)) {
      return { status: 409, message: 'Request for this media already exists.' };
    }
    const is4k = body.is4k ?? false;
    let seasonNumbers: number[] = [];
    if (body.mediaType === 'tv') {
      const wanted = body.seasons === 'all' || body.seasons === undefined ? requestableSeasons(title) : [...new Set(body.seasons)];
      const taken = new Set(
        requestsOf(item)
          .filter((request) => request.is4k === is4k && request.status !== REQUEST_STATUS.DECLINED)
          .flatMap((request) => request.seasons.map((season) => season.seasonNumber)),
      );
      seasonNumbers = wanted.filter((season) => !taken.has(season) && title.seasons.some((known) => known.seasonNumber === season));
      if (seasonNumbers.length === 0) return { status: 202, message: 'No seasons available to request' };
    }
    if (is4k ? item.status4k === MEDIA_STATUS.UNKNOWN : item.status === MEDIA_STATUS.UNKNOWN) {
      if (is4k) item.status4k = MEDIA_STATUS.PENDING;
      else item.status = MEDIA_STATUS.PENDING;
      touchMedia(item);
    }
    const approved = autoApproves(user);
    const at = stamp();
    const request: SimRequest = {
      id: nextRequestId++,
      status: approved ? REQUEST_STATUS.APPROVED : REQUEST_STATUS.PENDING,
      is4k,
      media: item,
      requestedBy: user,
      modifiedBy: approved ? user : null,
      seasons: seasonNumbers.map((seasonNumber) => ({ id: nextSeasonId++, seasonNumber, status: approved ? REQUEST_STATUS.APPROVED : REQUEST_STATUS.PENDING, createdAt: at, updatedAt: at })),
      createdAt: at,
      updatedAt: at,
      retries: 0,
    };
    for (const seasonNumber of seasonNumbers) {
      if (!item.seasons.has(seasonNumber)) item.seasons.set(seasonNumber, { id: nextSeasonId++, seasonNumber, status: MEDIA_STATUS.UNKNOWN, status4k: MEDIA_STATUS.UNKNOWN, createdAt: at, updatedAt: at });
    }
    requests.set(request.id, request);
    notify({ type: approved ? 'MEDIA_AUTO_APPROVED' : 'MEDIA_PENDING', request });
    return { status: 201, request };
  };

  const setRequestStatus = (request: SimRequest, status: number, by: SimUser | null): void => {
    if (request.status === status) return;
    request.status = status;
    request.modifiedBy = by;
    request.updatedAt = stamp();
    for (const season of request.seasons) {
      season.status = status;
      season.updatedAt = request.updatedAt;
    }
    if (status === REQUEST_STATUS.APPROVED) notify({ type: 'MEDIA_APPROVED', request });
    if (status === REQUEST_STATUS.DECLINED) notify({ type: 'MEDIA_DECLINED', request });
    if (status === REQUEST_STATUS.FAILED) notify({ type: 'MEDIA_FAILED', request });
  };

  /** Makes the request's seasons (or the movie) available; the show as a whole when no season is missing. */
  const makeAvailable = (request: SimRequest): void => {
    const item = request.media;
    if (item.title.mediaType === 'movie') return setMediaStatus(item, MEDIA_STATUS.AVAILABLE, request.is4k);
    for (const { seasonNumber } of request.seasons) {
      const season = item.seasons.get(seasonNumber);
      if (!season) continue;
      if (request.is4k) season.status4k = MEDIA_STATUS.AVAILABLE;
      else season.status = MEDIA_STATUS.AVAILABLE;
      season.updatedAt = stamp();
    }
    const all = requestableSeasons(item.title).every((number) => (request.is4k ? item.seasons.get(number)?.status4k : item.seasons.get(number)?.status) === MEDIA_STATUS.AVAILABLE);
    setMediaStatus(item, all ? MEDIA_STATUS.AVAILABLE : MEDIA_STATUS.PARTIALLY_AVAILABLE, request.is4k);
  };

  /** One step along pending → approved → processing → available; false when there is nothing further. */
  const advance = (request: SimRequest): boolean => {
    const status = request.is4k ? request.media.status4k : request.media.status;
    if (request.status === REQUEST_STATUS.PENDING) setRequestStatus(request, REQUEST_STATUS.APPROVED, users.get(1) ?? null);
    else if (request.status !== REQUEST_STATUS.APPROVED) return false;
    else if (status === MEDIA_STATUS.PENDING || status === MEDIA_STATUS.UNKNOWN) setMediaStatus(request.media, MEDIA_STATUS.PROCESSING, request.is4k);
    else if (status === MEDIA_STATUS.PROCESSING) makeAvailable(request);
    else return false;
    return true;
  };

  const list = (options: { take: number; skip: number; filter: ListFilter; sort: 'added' | 'modified' }) => {
    const mediaStatus = (request: SimRequest) => (request.is4k ? request.media.status4k : request.media.status);
    const keep = (request: SimRequest): boolean => {
      switch (options.filter) {
        case 'approved':
          return request.status === REQUEST_STATUS.APPROVED;
        case 'pending':
          return request.status === REQUEST_STATUS.PENDING;
        case 'failed':
          return request.status === REQUEST_STATUS.FAILED;
        case 'available':
          return mediaStatus(request) === MEDIA_STATUS.AVAILABLE;
        case 'processing':
          return request.status === REQUEST_STATUS.APPROVED && mediaStatus(request) === MEDIA_STATUS.PROCESSING;
        case 'unavailable':
          return (request.status === REQUEST_STATUS.PENDING || request.status === REQUEST_STATUS.APPROVED) && mediaStatus(request) !== MEDIA_STATUS.AVAILABLE;
        case 'all':
          return true;
      }
    };
    const matching = [...requests.values()].filter(keep);
    matching.sort((a, b) => (options.sort === 'modified' ? Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.id - a.id : b.id - a.id));
    return { total: matching.length, page: matching.slice(options.skip, options.skip + options.take) };
  };

  return {
    users,
    media,
    requests,
    addUser,
    hasPermission,
    quota,
    create,
    advance,
    setRequestStatus,
    setMediaStatus,
    makeAvailable,
    list,
    mediaOf: (mediaType: 'movie' | 'tv', tmdbId: number): SimMedia | undefined => media.get(titleKey(mediaType, tmdbId)),
    requestsOf,
    remove(request: SimRequest): void {
      requests.delete(request.id);
    },
  };
}

export type SimState = ReturnType<typeof createSimState>;
