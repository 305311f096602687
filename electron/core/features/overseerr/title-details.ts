/**
 * Titles for the Requests page: search results with availability and
 * "already in Plex", and details through the design's degradation chain:
 * Plex first (matched by its tmdb/tvdb/imdb guid, from the index, so it
 * works while Plex is down), then Overseerr, then the last copy cached, and
 * always saying which it was.
 */
import type { SearchPage, SearchResult, TitleDetails } from '../../../../shared/contract/areas/overseerr';
import type { CallResult } from '../../cache/call-result';
import type { MediaType, OverseerrClient } from './overseerr-client';
import type { OverseerrMovieDetails, OverseerrTitleResult, OverseerrTvDetails } from './overseerr-schemas';
import type { PlexTitleRef, PlexTitlesPort } from './plex-titles-port';
import { availabilityOf, posterAddress } from './request-views';
import type { RequestsStore } from './requests-store';

/** What a request needs to show a title before Overseerr confirms it. */
export interface TitleFacts {
  readonly title: string;
  readonly year: number | null;
  readonly posterPath: string | null;
  readonly tvdbId: number | null;
}

export interface TitlesDeps {
  readonly client: Pick<OverseerrClient, 'search' | 'movie' | 'tv'>;
  readonly plex: PlexTitlesPort;
  readonly store: Pick<RequestsStore, 'byMedia'>;
}

/** Remembers the titles seen lately (search results, details), so a request made while Overseerr is down still has a name. */
export function createTitleMemory(limit = 1000) {
  const facts = new Map<string, TitleFacts>();
  return {
    remember(mediaType: MediaType, tmdbId: number, value: TitleFacts): void {
      const key = `${mediaType}:${tmdbId}`;
      facts.delete(key);
      facts.set(key, value);
      if (facts.size > limit) facts.delete(facts.keys().next().value!);
    },
    recall: (mediaType: MediaType, tmdbId: number): TitleFacts | undefined => facts.get(`${mediaType}:${tmdbId}`),
  };
}
export type TitleMemory = ReturnType<typeof createTitleMemory>;

export function yearOf(date: string | null | undefined): number | null {
  const year = Number((date ?? '').slice(0, 4));
  return Number.isInteger(year) && year > 1800 ? year : null;
}

function liveRequestId(store: TitlesDeps['store'], mediaType: MediaType, tmdbId: number): string | null {
  return store.byMedia(mediaType, tmdbId).find((request) => request.phase === 'outbox' || request.phase === 'sent')?.id ?? null;
}

/** The library item for a title: by its ids, or by the rating key Overseerr learned from its own Plex scan. */
function inPlex(plex: PlexTitlesPort, tmdbId: number, tvdbId?: number | null, imdbId?: string | null, ratingKey?: string | null): PlexTitleRef | undefined {
  return plex.findByGuid({ tmdb: String(tmdbId), ...(tvdbId ? { tvdb: String(tvdbId) } : {}), ...(imdbId ? { imdb: imdbId } : {}) }) ?? (ratingKey ? plex.details(ratingKey) : undefined);
}

export async function searchTitles(deps: TitlesDeps, memory: TitleMemory, query: string, page: number, signal?: AbortSignal): Promise<SearchPage> {
  const found = await deps.client.search(query, page, signal);
  const results = found.results.map((result: OverseerrTitleResult): SearchResult => {
    const title = result.mediaType === 'movie' ? result.title : result.name;
    const year = yearOf(result.mediaType === 'movie' ? result.releaseDate : result.firstAirDate);
    memory.remember(result.mediaType, result.id, { title, year, posterPath: result.posterPath ?? null, tvdbId: result.mediaInfo?.tvdbId ?? null });
    const availability = availabilityOf(result.mediaInfo?.status);
    const plex = inPlex(deps.plex, result.id, result.mediaInfo?.tvdbId, result.mediaInfo?.imdbId, result.mediaInfo?.ratingKey);
    return {
      mediaType: result.mediaType,
      tmdbId: result.id,
      title,
      year,
      overview: result.overview ?? null,
      poster: posterAddress(result.posterPath),
      availability: availability.availability,
      availabilityLabel: availability.label,
      unknownCode: availability.unknownCode,
      inPlex: plex ? { ratingKey: plex.ratingKey } : null,
      requestId: liveRequestId(deps.store, result.mediaType, result.id),
    };
  });
  return { query, page: found.page, totalPages: found.totalPages, totalResults: found.totalResults, results };
}

type Details = OverseerrMovieDetails | OverseerrTvDetails;

function seasonsOf(details: Details | undefined): TitleDetails['seasons'] {
  if (!details || !('name' in details)) return null;
  const requested = new Set((details.mediaInfo?.requests ?? []).filter((request) => request.status !== 3).flatMap((request) => (request.seasons ?? []).map((season) => season.seasonNumber)));
  const statuses = new Map((details.mediaInfo?.seasons ?? []).map((season) => [season.seasonNumber, season.status]));
  return (details.seasons ?? [])
    .filter((season) => season.seasonNumber > 0)
    .map((season) => {
      const availability = availabilityOf(statuses.get(season.seasonNumber));
      return {
        seasonNumber: season.seasonNumber,
        name: season.name ?? `Season ${season.seasonNumber}`,
        episodeCount: season.episodeCount ?? null,
        availability: availability.availability,
        label: availability.label,
        requested: requested.has(season.seasonNumber),
      };
    });
}

/** Details: Plex → Overseerr → the cached copy. Throws Overseerr's error when none of them has the title. */
export async function titleDetails(deps: TitlesDeps, memory: TitleMemory, mediaType: MediaType, tmdbId: number, signal?: AbortSignal): Promise<TitleDetails> {
  const plexRef = inPlex(deps.plex, tmdbId);
  const plexDetails = plexRef ? deps.plex.details(plexRef.ratingKey) : undefined;
  let overseerr: CallResult<Details> | undefined;
  let failure: unknown;
  // A movie in Plex needs nothing more; a show may still have seasons to request.
  if (!plexRef || mediaType === 'tv') {
    try {
      overseerr = mediaType === 'movie' ? await deps.client.movie(tmdbId, signal) : await deps.client.tv(tmdbId, signal);
    } catch (error) {
      failure = error;
    }
  }
  if (!plexRef && !overseerr) throw failure;
  const upstream = overseerr?.value;
  const upstreamTitle = upstream ? ('name' in upstream ? upstream.name : upstream.title) : undefined;
  const upstreamYear = upstream ? yearOf('name' in upstream ? upstream.firstAirDate : upstream.releaseDate) : null;
  if (upstream && upstreamTitle) memory.remember(mediaType, tmdbId, { title: upstreamTitle, year: upstreamYear, posterPath: upstream.posterPath ?? null, tvdbId: upstream.externalIds?.tvdbId ?? upstream.mediaInfo?.tvdbId ?? null });
  const availability = plexRef && !upstream ? availabilityOf(5) : availabilityOf(upstream?.mediaInfo?.status);
  // A fresh cache hit is as good as asking; only a copy served because Overseerr failed is "a copy".
  const cached = overseerr?.source === 'cache' && overseerr.stale;
  const source = plexRef ? 'plex' : cached ? 'cache' : 'overseerr';
  const seasons = seasonsOf(upstream);
  // Not matched by its ids, but Overseerr's own Plex scan may know its rating key.
  const libraryItem = plexRef ?? (upstream?.mediaInfo?.ratingKey ? deps.plex.details(upstream.mediaInfo.ratingKey) : undefined);
  return {
    mediaType,
    tmdbId,
    title: plexDetails?.title ?? plexRef?.title ?? upstreamTitle ?? `TMDB ${tmdbId}`,
    year: plexDetails?.year ?? plexRef?.year ?? upstreamYear,
    overview: plexDetails?.summary ?? upstream?.overview ?? null,
    poster: plexDetails?.poster ?? posterAddress(upstream?.posterPath),
    source,
    sourceNote:
      source === 'plex'
        ? mediaType === 'tv' && !upstream
          ? 'From your Plex library. Overseerr could not be reached, so the seasons to request are not known.'
          : 'From your Plex library.'
        : source === 'cache'
          ? 'Overseerr could not be reached: these details are the copy MediaNest kept.'
          : 'From Overseerr.',
    cachedAt: cached ? (overseerr?.cachedAt ?? null) : null,
    availability: availability.availability,
    availabilityLabel: availability.label,
    seasons,
    inPlex: libraryItem ? { ratingKey: libraryItem.ratingKey } : null,
    requestId: liveRequestId(deps.store, mediaType, tmdbId),
  };
}
