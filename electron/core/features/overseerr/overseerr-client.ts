/**
 * Overseerr's API as MediaNest uses it, through the gateway (breaker,
 * retries for reads, bulkhead, timeouts). The API key travels as `X-Api-Key`
 * (the service table); every answer is parsed with zod.
 *
 * 401 and 403 are auth failures (the gateway never retries them), except a
 * 403 on `POST /request`: there Overseerr means the user's quota or
 * permission, which is said in those words and is not an auth failure.
 * Reference: the API document at {server}/api-docs, paths under /api/v1.
 */
import { HTTPError } from 'ky';
import { AppError } from '../../../../shared/contract/errors';
import type { CallResult } from '../../cache/call-result';
import type { CallContext, Gateway } from '../../gateway/gateway';
import { parseResponse } from '../../upstream/parse-response';
import { httpStatusError } from '../../upstream/upstream-errors';
import { encodeSearchQuery } from './overseerr-query';
import {
  AuthMeSchema,
  MediaRequestSchema,
  MovieDetailsSchema,
  QuotaSchema,
  RequestPageSchema,
  RouteErrorSchema,
  SearchPageSchema,
  StatusSchema,
  TitleResultSchema,
  TvDetailsSchema,
  type OverseerrMovieDetails,
  type OverseerrQuota,
  type OverseerrRequest,
  type OverseerrRequestPage,
  type OverseerrTitleResult,
  type OverseerrTvDetails,
} from './overseerr-schemas';

const SERVICE = 'overseerr';
const API = 'api/v1';
/** Details change rarely and stand in while Overseerr is down. */
const DETAILS_TTL_MS = 10 * 60_000;
const DETAILS_STALE_MS = 30 * 24 * 60 * 60_000;

export type MediaType = 'movie' | 'tv';

export interface CreateRequestBody {
  readonly mediaType: MediaType;
  /** The TMDB id. */
  readonly mediaId: number;
  readonly tvdbId?: number;
  readonly seasons?: readonly number[] | 'all';
  /** Always sent: without it Overseerr skips its duplicate check. */
  readonly is4k: boolean;
}

export type CreateOutcome =
  | { readonly kind: 'created'; readonly request: OverseerrRequest }
  /** 409: Overseerr already has this request. */
  | { readonly kind: 'duplicate' }
  /** 202: every chosen season is already requested. */
  | { readonly kind: 'no-seasons' };

export interface SearchPage {
  readonly page: number;
  readonly totalPages: number;
  readonly totalResults: number;
  /** Movies and shows; people and collections are left out. */
  readonly results: readonly OverseerrTitleResult[];
}

export interface TitleRequests {
  readonly requests: readonly OverseerrRequest[];
  /** The show's seasons but the specials, what "all" means (empty for a movie). */
  readonly seasons: readonly number[];
}

export type RequestFilter = 'all' | 'approved' | 'available' | 'pending' | 'processing' | 'unavailable' | 'failed';

export interface ListRequestsOptions {
  readonly take?: number;
  readonly skip?: number;
  readonly filter?: RequestFilter;
  readonly sort?: 'added' | 'modified';
}

export interface OverseerrClient {
  status(signal?: AbortSignal): Promise<{ readonly version: string }>;
  search(query: string, page?: number, signal?: AbortSignal): Promise<SearchPage>;
  movie(tmdbId: number, signal?: AbortSignal): Promise<CallResult<OverseerrMovieDetails>>;
  tv(tmdbId: number, signal?: AbortSignal): Promise<CallResult<OverseerrTvDetails>>;
  createRequest(body: CreateRequestBody, signal?: AbortSignal): Promise<CreateOutcome>;
  /** Overseerr's requests for one title, read fresh (never from the cache): is ours among them? */
  requestsFor(mediaType: MediaType, tmdbId: number, signal?: AbortSignal): Promise<TitleRequests>;
  listRequests(options?: ListRequestsOptions, signal?: AbortSignal): Promise<OverseerrRequestPage>;
  /** Null when Overseerr no longer has it (404). */
  getRequest(id: number, signal?: AbortSignal): Promise<OverseerrRequest | null>;
  /** `POST /request/{id}/retry`: Overseerr sends it to Radarr or Sonarr again. */
  retryRequest(id: number, signal?: AbortSignal): Promise<OverseerrRequest>;
  /** The API key's user's quota. */
  quota(signal?: AbortSignal): Promise<OverseerrQuota>;
}

/** Words for a 403 on `POST /request`: quota when Overseerr says so, otherwise quota or permission. */
export function requestRefusedError(message: string | undefined): AppError {
  const words = /quota/i.test(message ?? '')
    ? "Overseerr refused the request: the Overseerr user's request quota is used up."
    : "Overseerr refused the request: the Overseerr user's quota is used up or it may not request this.";
  return new AppError('UPSTREAM_HTTP', words, { service: SERVICE, status: 403 });
}

async function routeMessage(response: Response): Promise<string | undefined> {
  try {
    const parsed = RouteErrorSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.message : undefined;
  } catch {
    return undefined;
  }
}

export function createOverseerrClient(gateway: Pick<Gateway, 'call'>): OverseerrClient {
  const read = async <T>(operation: string, fn: (context: CallContext) => Promise<T>, signal?: AbortSignal): Promise<T> =>
    (await gateway.call(SERVICE, operation, fn, { idempotent: true, ...(signal ? { signal } : {}) })).value;

  /** null on 404, the parsed body otherwise. */
  const readOrNull = async <T>(context: CallContext, path: string, parse: (body: unknown) => T): Promise<T | null> => {
    try {
      return parse(await context.http.get(path).json());
    } catch (error) {
      if (error instanceof HTTPError && error.response.status === 404) {
        void error.response.body?.cancel().catch(() => undefined);
        return null;
      }
      throw error;
    }
  };

  const details = <T>(operation: string, path: string, parse: (body: unknown) => T, key: string, signal?: AbortSignal): Promise<CallResult<T>> =>
    gateway.call(SERVICE, operation, async ({ http }) => parse(await http.get(path).json()), {
      idempotent: true,
      cacheKey: key,
      cacheTtlMs: DETAILS_TTL_MS,
      staleIfErrorMs: DETAILS_STALE_MS,
      ...(signal ? { signal } : {}),
    });

  return {
    status: (signal) => read('status', async ({ http }) => parseResponse(StatusSchema, await http.get(`${API}/status`).json(), SERVICE), signal),

    search: (query, page = 1, signal) =>
      read(
        'search',
        async ({ http }) => {
          // Built by hand: ky's searchParams would send a space as `+`, which Overseerr refuses.
          const body = parseResponse(SearchPageSchema, await http.get(`${API}/search?query=${encodeSearchQuery(query)}&page=${page}`).json(), SERVICE);
          const results = body.results.flatMap((result) => {
            const parsed = TitleResultSchema.safeParse(result);
            return parsed.success ? [parsed.data] : [];
          });
          return { page: body.page, totalPages: body.totalPages, totalResults: body.totalResults, results };
        },
        signal,
      ),

    movie: (tmdbId, signal) =>
      details('movie', `${API}/movie/${tmdbId}`, (body) => parseResponse(MovieDetailsSchema, body, SERVICE), `movie:${tmdbId}`, signal),
    tv: (tmdbId, signal) => details('tv', `${API}/tv/${tmdbId}`, (body) => parseResponse(TvDetailsSchema, body, SERVICE), `tv:${tmdbId}`, signal),

    async createRequest(body, signal) {
      const result = await gateway.call(
        SERVICE,
        'create-request',
        async ({ http }): Promise<CreateOutcome> => {
          const response = await http.post(`${API}/request`, { json: body, throwHttpErrors: false });
          switch (response.status) {
            case 201:
              return { kind: 'created', request: parseResponse(MediaRequestSchema, await response.json(), SERVICE) };
            case 202:
              void response.body?.cancel().catch(() => undefined);
              return { kind: 'no-seasons' };
            case 409:
              void response.body?.cancel().catch(() => undefined);
              return { kind: 'duplicate' };
            case 403:
              throw requestRefusedError(await routeMessage(response));
            default:
              void response.body?.cancel().catch(() => undefined);
              throw httpStatusError(SERVICE, response.status);
          }
        },
        // Never repeated by the gateway: the outbox decides, after looking first.
        { idempotent: false, ...(signal ? { signal } : {}) },
      );
      return result.value;
    },

    requestsFor: (mediaType, tmdbId, signal) =>
      read(
        'requests-for',
        async ({ http }) => {
          const body: unknown = await http.get(`${API}/${mediaType}/${tmdbId}`).json();
          if (mediaType === 'movie') return { requests: parseResponse(MovieDetailsSchema, body, SERVICE).mediaInfo?.requests ?? [], seasons: [] };
          const show = parseResponse(TvDetailsSchema, body, SERVICE);
          return {
            requests: show.mediaInfo?.requests ?? [],
            seasons: (show.seasons ?? []).map((season) => season.seasonNumber).filter((season) => season > 0),
          };
        },
        signal,
      ),

    listRequests: (options = {}, signal) =>
      read(
        'list-requests',
        async ({ http }) => {
          const query = `take=${options.take ?? 20}&skip=${options.skip ?? 0}&filter=${options.filter ?? 'all'}&sort=${options.sort ?? 'added'}`;
          return parseResponse(RequestPageSchema, await http.get(`${API}/request?${query}`).json(), SERVICE);
        },
        signal,
      ),

    getRequest: (id, signal) =>
      read('get-request', (context) => readOrNull(context, `${API}/request/${id}`, (body) => parseResponse(MediaRequestSchema, body, SERVICE)), signal),

    async retryRequest(id, signal) {
      const result = await gateway.call(
        SERVICE,
        'retry-request',
        async ({ http }) => parseResponse(MediaRequestSchema, await http.post(`${API}/request/${id}/retry`).json(), SERVICE),
        // Asking Overseerr to resend is harmless to repeat.
        { idempotent: true, ...(signal ? { signal } : {}) },
      );
      return result.value;
    },

    quota: (signal) =>
      read(
        'quota',
        async ({ http }) => {
          const me = parseResponse(AuthMeSchema, await http.get(`${API}/auth/me`).json(), SERVICE);
          return parseResponse(QuotaSchema, await http.get(`${API}/user/${me.id}/quota`).json(), SERVICE);
        },
        signal,
      ),
  };
}
