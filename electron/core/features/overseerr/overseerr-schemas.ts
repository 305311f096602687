/**
 * Overseerr's answers as MediaNest reads them (zod). Only the fields we use
 * are named; the rest are stripped. Real servers send `null` where the
 * OpenAPI document says a plain string or number (recorded answers have
 * `serverId: null`, `posterPath: null`), so optional fields are nullish.
 */
import { z } from 'zod';

const Id = z.number().int();
const Text = z.string().nullish();
const Code = z.number().int();

export const StatusSchema = z.object({ version: z.string(), commitTag: z.string().nullish() });

export const SeasonStatusSchema = z.object({ seasonNumber: z.number().int().nonnegative(), status: Code, status4k: Code.nullish() });

/** MediaInfo without its requests (what a request carries). */
export const MediaSchema = z.object({
  id: Id,
  mediaType: z.enum(['movie', 'tv']).nullish(),
  tmdbId: Id,
  tvdbId: Id.nullish(),
  imdbId: Text,
  status: Code,
  status4k: Code.nullish(),
  /** Set by Overseerr's Plex scan once the title is in Plex. */
  ratingKey: Text,
  ratingKey4k: Text,
  seasons: z.array(SeasonStatusSchema).nullish(),
  downloadStatus: z.array(z.unknown()).nullish(),
  downloadStatus4k: z.array(z.unknown()).nullish(),
  updatedAt: Text,
});
export type OverseerrMedia = z.infer<typeof MediaSchema>;

const UserSchema = z.object({ id: Id, displayName: Text, username: Text, email: Text });

export const MediaRequestSchema = z.object({
  id: Id,
  status: Code,
  type: z.enum(['movie', 'tv']).nullish(),
  is4k: z.boolean().nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
  media: MediaSchema,
  seasons: z.array(z.object({ seasonNumber: z.number().int().nonnegative(), status: Code })).nullish(),
  requestedBy: UserSchema.nullish(),
  modifiedBy: UserSchema.nullish(),
});
export type OverseerrRequest = z.infer<typeof MediaRequestSchema>;

export const MediaInfoSchema = MediaSchema.extend({ requests: z.array(MediaRequestSchema).nullish() });
export type OverseerrMediaInfo = z.infer<typeof MediaInfoSchema>;

export const RequestPageSchema = z.object({
  pageInfo: z.object({ pages: z.number(), results: z.number(), page: z.number(), pageSize: z.number().nullish() }),
  results: z.array(MediaRequestSchema),
});
export type OverseerrRequestPage = z.infer<typeof RequestPageSchema>;

export const MovieResultSchema = z.object({
  mediaType: z.literal('movie'),
  id: Id,
  title: z.string(),
  releaseDate: Text,
  posterPath: Text,
  overview: Text,
  mediaInfo: MediaSchema.nullish(),
});

export const TvResultSchema = z.object({
  mediaType: z.literal('tv'),
  id: Id,
  name: z.string(),
  firstAirDate: Text,
  posterPath: Text,
  overview: Text,
  mediaInfo: MediaSchema.nullish(),
});

export const TitleResultSchema = z.discriminatedUnion('mediaType', [MovieResultSchema, TvResultSchema]);
export type OverseerrTitleResult = z.infer<typeof TitleResultSchema>;

/** Results are kept raw here: people and collections are skipped one by one, not the whole page. */
export const SearchPageSchema = z.object({
  page: z.number(),
  totalPages: z.number(),
  totalResults: z.number(),
  results: z.array(z.unknown()),
});

const ExternalIdsSchema = z.object({ imdbId: Text, tvdbId: Id.nullish() }).nullish();

export const MovieDetailsSchema = z.object({
  id: Id,
  title: z.string(),
  releaseDate: Text,
  posterPath: Text,
  overview: Text,
  runtime: z.number().nullish(),
  imdbId: Text,
  externalIds: ExternalIdsSchema,
  mediaInfo: MediaInfoSchema.nullish(),
});
export type OverseerrMovieDetails = z.infer<typeof MovieDetailsSchema>;

export const TvDetailsSchema = z.object({
  id: Id,
  name: z.string(),
  firstAirDate: Text,
  posterPath: Text,
  overview: Text,
  seasons: z.array(z.object({ seasonNumber: z.number().int().nonnegative(), name: Text, episodeCount: z.number().nullish(), airDate: Text })).nullish(),
  externalIds: ExternalIdsSchema,
  mediaInfo: MediaInfoSchema.nullish(),
});
export type OverseerrTvDetails = z.infer<typeof TvDetailsSchema>;

export const AuthMeSchema = z.object({ id: Id });

const QuotaPartSchema = z
  .object({ days: z.number().nullish(), limit: z.number().nullish(), used: z.number().nullish(), remaining: z.number().nullish(), restricted: z.boolean().nullish() })
  .nullish();
export const QuotaSchema = z.object({ movie: QuotaPartSchema, tv: QuotaPartSchema });
export type OverseerrQuota = z.infer<typeof QuotaSchema>;

/** Overseerr's route errors are `{ message, errors? }`. */
export const RouteErrorSchema = z.object({ message: z.string().max(500) });
