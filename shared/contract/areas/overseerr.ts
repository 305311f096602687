/**
 * The Overseerr area: search and details of titles, requests and their
 * states (including "waiting to send" while Overseerr is away), and the
 * webhook receiver's setup. Posters are relative `binary/…` addresses served
 * by the core, never TMDB or Overseerr URLs. No result carries the API key;
 * the webhook setup carries MediaNest's own webhook secret, which the user
 * must copy into Overseerr.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';

export const MediaTypeSchema = z.enum(['movie', 'tv']);
export type MediaType = z.infer<typeof MediaTypeSchema>;

const TmdbId = z.number().int().positive().max(2_147_483_647);
const SeasonNumber = z.number().int().min(0).max(1000);
export const SeasonsSchema = z.union([z.array(SeasonNumber).max(200), z.literal('all')]);

/** Where a title stands in Overseerr. `unknown` carries the code in `unknownCode`. */
export const AvailabilitySchema = z.enum(['none', 'pending', 'processing', 'partially-available', 'available', 'unknown']);
export type Availability = z.infer<typeof AvailabilitySchema>;

/** A request's state: ours (waiting, refused, removed) or Overseerr's. */
export const RequestStateSchema = z.enum(['waiting', 'refused', 'removed', 'pending', 'approved', 'declined', 'failed', 'processing', 'partially-available', 'available', 'unknown']);
export type RequestState = z.infer<typeof RequestStateSchema>;

const InPlexSchema = z.object({ ratingKey: z.string().min(1).max(64) }).nullable();

export const RequestViewSchema = z.object({
  id: z.string(),
  mediaType: MediaTypeSchema,
  tmdbId: TmdbId,
  title: z.string(),
  year: z.number().int().nullable(),
  poster: z.string().nullable(),
  seasons: SeasonsSchema,
  is4k: z.boolean(),
  state: RequestStateSchema,
  /** The state in words: "Waiting to send", "Approved", "unknown status 6". */
  label: z.string(),
  unknownCode: z.number().int().nullable(),
  /** Why it waits, why Overseerr refused it, or why it is stuck. */
  detail: z.string().nullable(),
  /** Pending or approved for longer than the configured time, with Overseerr's reason. */
  stuck: z.object({ since: z.number(), reason: z.string() }).nullable(),
  /** The next try to send, while waiting. */
  nextAttemptAt: z.number().nullable(),
  overseerrId: z.number().int().nullable(),
  inPlex: InPlexSchema,
  createdAt: z.number(),
  /** When its state last changed. */
  changedAt: z.number(),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
});
export type RequestView = z.infer<typeof RequestViewSchema>;

export const SearchRequestSchema = z.object({ query: z.string().trim().min(1).max(200), page: z.number().int().min(1).max(500).default(1) }).strict();

/** What every view of a title starts with. */
const TitleSchema = z.object({
  mediaType: MediaTypeSchema,
  tmdbId: TmdbId,
  title: z.string(),
  year: z.number().int().nullable(),
  overview: z.string().nullable(),
  poster: z.string().nullable(),
});

export const SearchResultSchema = TitleSchema.extend({
  availability: AvailabilitySchema,
  /** "Available", "Processing", "unknown status 7"; null when Overseerr has nothing on it. */
  availabilityLabel: z.string().nullable(),
  unknownCode: z.number().int().nullable(),
  inPlex: InPlexSchema,
  /** Our request for it, if we made one. */
  requestId: z.string().nullable(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SearchPageSchema = z.object({
  query: z.string(),
  page: z.number().int(),
  totalPages: z.number().int(),
  totalResults: z.number().int(),
  results: z.array(SearchResultSchema),
});
export type SearchPage = z.infer<typeof SearchPageSchema>;

export const TitleRefSchema = z.object({ mediaType: MediaTypeSchema, tmdbId: TmdbId }).strict();

/** Where details came from, for "From Plex", "From Overseerr", "A copy from 14:02". */
export const DetailsSourceSchema = z.enum(['plex', 'overseerr', 'cache']);

export const SeasonChoiceSchema = z.object({
  seasonNumber: SeasonNumber,
  name: z.string(),
  episodeCount: z.number().int().nullable(),
  availability: AvailabilitySchema,
  label: z.string().nullable(),
  /** Overseerr already has a request for it (ours or someone's). */
  requested: z.boolean(),
});

export const TitleDetailsSchema = TitleSchema.extend({
  source: DetailsSourceSchema,
  /** Said when the details are not fresh from Overseerr. */
  sourceNote: z.string(),
  /** When a cached copy was made. */
  cachedAt: z.number().nullable(),
  availability: AvailabilitySchema,
  availabilityLabel: z.string().nullable(),
  /** Shows: the seasons to choose from; null when neither Overseerr nor the cache could say. */
  seasons: z.array(SeasonChoiceSchema).nullable(),
  inPlex: InPlexSchema,
  requestId: z.string().nullable(),
});
export type TitleDetails = z.infer<typeof TitleDetailsSchema>;

export const CreateRequestSchema = z
  .object({
    mediaType: MediaTypeSchema,
    tmdbId: TmdbId,
    /** Shows only: chosen seasons, or every season. */
    seasons: SeasonsSchema.optional(),
    is4k: z.boolean().default(false),
  })
  .strict()
  .refine((request) => request.mediaType === 'movie' || (request.seasons !== undefined && (request.seasons === 'all' || request.seasons.length > 0)), {
    message: 'Choose at least one season',
    path: ['seasons'],
  });
export type CreateRequest = z.input<typeof CreateRequestSchema>;

export const RequestIdSchema = z.object({ id: z.string().uuid() }).strict();

const QuotaPartSchema = z
  .object({ limit: z.number().nullable(), remaining: z.number().nullable(), days: z.number().nullable(), restricted: z.boolean() })
  .nullable();
export const QuotaSchema = z.object({ movie: QuotaPartSchema, tv: QuotaPartSchema });
export type Quota = z.infer<typeof QuotaSchema>;

export const WebhookSetupSchema = z.object({
  enabled: z.boolean(),
  listening: z.boolean(),
  /** The address to paste into Overseerr (this computer as the network sees it). */
  url: z.string().nullable(),
  /** Other addresses of this computer that would also work. */
  otherUrls: z.array(z.string()),
  /** What to paste into Overseerr's "Authorization Header" field. */
  authorization: z.string().nullable(),
  /** The JSON payload to keep in Overseerr. */
  template: z.string(),
  /** The notification types to tick. */
  types: z.array(z.string()),
  lastTestAt: z.number().nullable(),
  lastDeliveryAt: z.number().nullable(),
  /** Why it is not listening, in words. */
  problem: z.string().nullable(),
});
export type WebhookSetup = z.infer<typeof WebhookSetupSchema>;

export const RequestAlertSchema = z.object({
  title: z.string(),
  body: z.string(),
  /** What a click opens. */
  target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('library'), ratingKey: z.string() }), z.object({ kind: z.literal('requests'), requestId: z.string() })]),
});
export type RequestAlert = z.infer<typeof RequestAlertSchema>;

export const overseerrInvokes = {
  'overseerr:search': invoke(SearchRequestSchema, SearchPageSchema),
  'overseerr:details': invoke(TitleRefSchema, TitleDetailsSchema),
  'overseerr:request': invoke(CreateRequestSchema, RequestViewSchema),
  'overseerr:requests': invoke(NoPayloadSchema, z.array(RequestViewSchema)),
  /** Withdraws a request still waiting to send. */
  'overseerr:cancel': invoke(RequestIdSchema, z.object({ cancelled: z.boolean() })),
  /** Sends a not-sent request again, or asks Overseerr to retry a stuck or failed one. */
  'overseerr:retry': invoke(RequestIdSchema, RequestViewSchema),
  /** Reads every tracked request's state from Overseerr now. */
  'overseerr:refresh': invoke(NoPayloadSchema, z.array(RequestViewSchema)),
  'overseerr:quota': invoke(NoPayloadSchema, QuotaSchema),
  'overseerr:webhook': invoke(NoPayloadSchema, WebhookSetupSchema),
  /** Makes a new webhook secret (the old one stops working at once). */
  'overseerr:webhook-new-secret': invoke(NoPayloadSchema, WebhookSetupSchema),
} as const;

export const overseerrEvents = {
  'overseerr:request-changed': event(RequestViewSchema, 0),
  'overseerr:request-removed': event(z.object({ id: z.string() }), 0),
  /** A webhook arrived (Settings confirms Overseerr's test with it). */
  'overseerr:webhook-received': event(z.object({ type: z.string(), at: z.number() }), 0),
  'overseerr:alerted': event(RequestAlertSchema, 0),
} as const;

/** The core's payload types for these events. */
export type OverseerrEventPayloads = { [K in keyof typeof overseerrEvents]: z.output<(typeof overseerrEvents)[K]['payload']> };
