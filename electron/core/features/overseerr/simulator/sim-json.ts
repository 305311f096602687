/**
 * The simulator's data in the JSON shapes a real Overseerr sends (compare
 * the recorded answers): users, media, requests, search results and details.
 */
import type { SimTitle } from './sim-catalogue';
import type { SimMedia, SimRequest, SimUser } from './sim-state';

export function userJson(user: SimUser, requestCount: number): Record<string, unknown> {
  return {
    permissions: user.permissions,
    id: user.id,
    email: user.email,
    plexUsername: null,
    username: user.username,
    recoveryLinkExpirationDate: null,
    userType: 2,
    plexId: null,
    avatar: '/os_logo_square.png',
    movieQuotaLimit: user.movieQuotaLimit,
    movieQuotaDays: user.movieQuotaDays,
    tvQuotaLimit: user.tvQuotaLimit,
    tvQuotaDays: user.tvQuotaDays,
    createdAt: user.createdAt,
    updatedAt: user.createdAt,
    requestCount,
    displayName: user.username,
  };
}

export function mediaJson(media: SimMedia, requests?: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    downloadStatus: [],
    downloadStatus4k: [],
    id: media.id,
    mediaType: media.title.mediaType,
    tmdbId: media.title.tmdbId,
    tvdbId: media.title.tvdbId,
    imdbId: null,
    status: media.status,
    status4k: media.status4k,
    createdAt: media.createdAt,
    updatedAt: media.updatedAt,
    lastSeasonChange: media.createdAt,
    mediaAddedAt: media.ratingKey ? media.updatedAt : null,
    serviceId: null,
    serviceId4k: null,
    externalServiceId: null,
    externalServiceId4k: null,
    externalServiceSlug: null,
    externalServiceSlug4k: null,
    ratingKey: media.ratingKey,
    ratingKey4k: media.ratingKey4k,
    seasons: [...media.seasons.values()].map((season) => ({ ...season })),
    ...(requests ? { requests } : {}),
  };
}

export function requestJson(request: SimRequest, requestCount: (user: SimUser) => number, options: { withSeasonCount?: boolean } = {}): Record<string, unknown> {
  return {
    id: request.id,
    status: request.status,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    type: request.media.title.mediaType,
    is4k: request.is4k,
    serverId: null,
    profileId: null,
    rootFolder: null,
    languageProfileId: null,
    tags: null,
    isAutoRequest: false,
    media: mediaJson(request.media),
    seasons: request.seasons.map((season) => ({ ...season })),
    modifiedBy: request.modifiedBy ? userJson(request.modifiedBy, requestCount(request.modifiedBy)) : null,
    requestedBy: userJson(request.requestedBy, requestCount(request.requestedBy)),
    ...(options.withSeasonCount ? { seasonCount: request.seasons.length } : {}),
  };
}

/** A search result: TMDB's fields camel-cased, with `mediaInfo` once Overseerr tracks the title. */
export function resultJson(title: SimTitle, media: SimMedia | undefined): Record<string, unknown> {
  const common = {
    id: title.tmdbId,
    mediaType: title.mediaType,
    popularity: 10,
    posterPath: title.posterPath,
    backdropPath: null,
    voteCount: 100,
    voteAverage: 7.1,
    genreIds: [18],
    overview: title.overview,
    originalLanguage: 'en',
    ...(media ? { mediaInfo: mediaJson(media) } : {}),
  };
  return title.mediaType === 'movie'
    ? { ...common, title: title.title, originalTitle: title.title, releaseDate: title.date, adult: false, video: false }
    : { ...common, name: title.title, originalName: title.title, originCountry: ['GB'], firstAirDate: title.date };
}

export function detailsJson(title: SimTitle, media: SimMedia | undefined, requests: readonly Record<string, unknown>[]): Record<string, unknown> {
  const mediaInfo = media ? { mediaInfo: mediaJson(media, requests) } : {};
  const externalIds = { imdbId: title.imdbId, tvdbId: title.tvdbId, facebookId: null, instagramId: null, twitterId: null };
  if (title.mediaType === 'movie') {
    return {
      id: title.tmdbId,
      imdbId: title.imdbId,
      adult: false,
      backdropPath: null,
      posterPath: title.posterPath,
      budget: 0,
      genres: [{ id: 18, name: 'Drama' }],
      originalLanguage: 'en',
      originalTitle: title.title,
      overview: title.overview,
      popularity: 10,
      releaseDate: title.date,
      revenue: null,
      runtime: 104,
      status: 'Released',
      title: title.title,
      video: false,
      voteAverage: 7.1,
      voteCount: 100,
      externalIds,
      ...mediaInfo,
    };
  }
  return {
    id: title.tmdbId,
    backdropPath: null,
    posterPath: title.posterPath,
    episodeRunTime: [45],
    firstAirDate: title.date,
    genres: [{ id: 18, name: 'Drama' }],
    inProduction: false,
    languages: ['en'],
    name: title.title,
    numberOfEpisodes: title.seasons.reduce((sum, season) => sum + season.episodeCount, 0),
    numberOfSeason: title.seasons.filter((season) => season.seasonNumber > 0).length,
    originCountry: ['GB'],
    originalLanguage: 'en',
    originalName: title.title,
    overview: title.overview,
    popularity: 10,
    seasons: title.seasons.map((season) => ({
      id: title.tmdbId * 100 + season.seasonNumber,
      airDate: season.airDate,
      episodeCount: season.episodeCount,
      name: season.seasonNumber === 0 ? 'Specials' : `Season ${season.seasonNumber}`,
      overview: '',
      posterPath: title.posterPath,
      seasonNumber: season.seasonNumber,
    })),
    status: 'Ended',
    type: 'Scripted',
    voteAverage: 7.1,
    voteCount: 100,
    externalIds,
    ...mediaInfo,
  };
}
