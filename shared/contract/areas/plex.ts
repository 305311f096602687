/**
 * The Plex area: sign-in, the server and its connection, the library index
 * (sections, browsing, search, details), sync, and what the Library page
 * needs in backup mode. No schema here carries a token: results are parsed
 * with these schemas on their way out, so a secret could not slip through.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';

const RatingKey = z.string().min(1).max(64);
const SectionKey = z.string().min(1).max(64);

export const LibrarySectionSchema = z.object({
  key: SectionKey,
  title: z.string(),
  type: z.string(),
  itemCount: z.number().int().nonnegative(),
  /** Folders as the server sees them. */
  locations: z.array(z.string()),
  agent: z.string().nullable(),
  lastSyncedAt: z.number().nullable(),
});
export type LibrarySection = z.infer<typeof LibrarySectionSchema>;

/** One poster in a grid. `poster` is a relative `binary/…` address, never a Plex URL. */
export const LibraryItemSchema = z.object({
  ratingKey: RatingKey,
  sectionKey: SectionKey,
  type: z.string(),
  title: z.string(),
  originalTitle: z.string().nullable(),
  year: z.number().int().nullable(),
  poster: z.string().nullable(),
  addedAt: z.number(),
  rating: z.number().nullable(),
  watched: z.boolean(),
  /** 0..1 when partly watched. */
  progress: z.number().min(0).max(1).nullable(),
});
export type LibraryItem = z.infer<typeof LibraryItemSchema>;

export const LibraryMediaSchema = z.object({
  resolution: z.string().nullable(),
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  audioChannels: z.number().nullable(),
  container: z.string().nullable(),
  bitrate: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  duration: z.number().nullable(),
  /** Files as the server sees them. */
  parts: z.array(z.object({ file: z.string(), size: z.number().nullable() })),
});

export const LibraryItemDetailsSchema = LibraryItemSchema.extend({
  summary: z.string().nullable(),
  duration: z.number().nullable(),
  contentRating: z.string().nullable(),
  genres: z.array(z.string()),
  directors: z.array(z.string()),
  cast: z.array(z.string()),
  art: z.string().nullable(),
  media: z.array(LibraryMediaSchema),
  guids: z.object({ imdb: z.string().nullable(), tmdb: z.string().nullable(), tvdb: z.string().nullable() }),
  leafCount: z.number().nullable(),
  /** app.plex.tv's web page for the item, when the server is known. */
  openInPlexUrl: z.string().nullable(),
});
export type LibraryItemDetails = z.infer<typeof LibraryItemDetailsSchema>;

export const librarySorts = ['title', 'added', 'year', 'rating'] as const;
export const LibrarySortSchema = z.enum(librarySorts);
export type LibrarySort = z.infer<typeof LibrarySortSchema>;

export const LibraryItemsRequestSchema = z.object({
  sectionKey: SectionKey,
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  sort: LibrarySortSchema.default('title'),
  descending: z.boolean().default(false),
  filter: z
    .object({
      type: z.string().max(32).optional(),
      unwatched: z.boolean().optional(),
      genre: z.string().max(200).optional(),
    })
    .default({}),
});
export type LibraryItemsRequest = z.input<typeof LibraryItemsRequestSchema>;

export const LibraryPageSchema = z.object({ items: z.array(LibraryItemSchema), total: z.number().int().nonnegative() });
export type LibraryPage = z.infer<typeof LibraryPageSchema>;

export const LibrarySearchRequestSchema = z.object({
  query: z.string().max(200),
  sectionKey: SectionKey.optional(),
  limit: z.number().int().min(1).max(200).default(60),
});
export const LibrarySearchResultSchema = z.object({ query: z.string(), items: z.array(LibraryItemSchema) });
export type LibrarySearchResult = z.infer<typeof LibrarySearchResultSchema>;

export const SyncProgressSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  /** Items fetched of the section's total, for the section being synced. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  sectionKey: z.string().nullable(),
  sectionTitle: z.string().nullable(),
  /** What the running pass does: a full pass, changed items only, or looking for deletions. */
  phase: z.enum(['checking', 'full', 'changes', 'deletions']).nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  message: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const PlexConnectionKindSchema = z.enum(['local', 'remote', 'relay']);

export const PlexConnectionChoiceSchema = z.object({
  uri: z.string(),
  kind: PlexConnectionKindSchema,
  protocol: z.enum(['http', 'https']),
  /** Measured round trip of `/identity`; null when it did not answer. */
  latencyMs: z.number().nullable(),
  ok: z.boolean(),
  /** Why it is not usable, in words. */
  problem: z.string().nullable(),
});
export type PlexConnectionChoice = z.infer<typeof PlexConnectionChoiceSchema>;

export const PlexServerSchema = z.object({
  machineIdentifier: z.string(),
  name: z.string(),
  owned: z.boolean(),
  connections: z.array(PlexConnectionChoiceSchema),
  /** The best connection that answered, or null. */
  best: z.string().nullable(),
});
export type PlexServer = z.infer<typeof PlexServerSchema>;

export const PlexStatusSchema = z.object({
  signedIn: z.boolean(),
  username: z.string().nullable(),
  server: z
    .object({ machineIdentifier: z.string(), name: z.string(), uri: z.string(), kind: PlexConnectionKindSchema.nullable() })
    .nullable(),
  /** Plex answers now (health and breaker). */
  online: z.boolean(),
  /** Served from the index because Plex is down; `asOf` is the last completed sync. */
  backup: z.object({ active: z.boolean(), asOf: z.number().nullable(), reason: z.string().nullable() }),
  /** The account token was rejected: sign in again. */
  authExpired: z.boolean(),
  itemCount: z.number().int().nonnegative(),
  sync: SyncProgressSchema,
});
export type PlexStatus = z.infer<typeof PlexStatusSchema>;

export const PlexSignInSchema = z.object({
  state: z.enum(['idle', 'waiting', 'signed-in', 'expired', 'cancelled', 'failed']),
  pinId: z.number().int().nullable(),
  code: z.string().nullable(),
  /** The page to open (a window in the desktop app, a link and QR code in a browser). */
  authUrl: z.string().nullable(),
  expiresAt: z.number().nullable(),
  message: z.string().nullable(),
});
export type PlexSignIn = z.infer<typeof PlexSignInSchema>;

export const PlexAuthExpiredSchema = z.object({ at: z.number(), server: z.string().nullable() });

export const PlexOnDeckSchema = z.object({
  /** False while Plex is offline: continue-watching needs the server. */
  available: z.boolean(),
  items: z.array(LibraryItemSchema),
});

const LimitSchema = z.number().int().min(1).max(200);

export const plexInvokes = {
  'plex:status': invoke(NoPayloadSchema, PlexStatusSchema),
  'plex:sign-in': invoke(NoPayloadSchema, PlexSignInSchema),
  'plex:sign-in-state': invoke(NoPayloadSchema, PlexSignInSchema),
  'plex:sign-in-cancel': invoke(NoPayloadSchema, PlexSignInSchema),
  'plex:sign-out': invoke(NoPayloadSchema, PlexStatusSchema),
  /** The account's servers, every connection probed now (with its latency). */
  'plex:servers': invoke(NoPayloadSchema, z.array(PlexServerSchema)),
  'plex:choose-server': invoke(z.object({ machineIdentifier: z.string().min(1).max(128), uri: z.string().url().max(2048) }).strict(), PlexStatusSchema),
  'plex:sync': invoke(z.object({ full: z.boolean().default(false) }).strict().prefault({}), SyncProgressSchema),
  'plex:sync-cancel': invoke(NoPayloadSchema, SyncProgressSchema),
  'plex:sections': invoke(NoPayloadSchema, z.array(LibrarySectionSchema)),
  'plex:items': invoke(LibraryItemsRequestSchema, LibraryPageSchema),
  'plex:item': invoke(z.object({ ratingKey: RatingKey }).strict(), LibraryItemDetailsSchema),
  'plex:search': invoke(LibrarySearchRequestSchema, LibrarySearchResultSchema),
  'plex:recently-added': invoke(z.object({ limit: LimitSchema.default(30), sectionKey: SectionKey.optional() }).strict().prefault({}), z.array(LibraryItemSchema)),
  'plex:on-deck': invoke(z.object({ limit: LimitSchema.default(20) }).strict().prefault({}), PlexOnDeckSchema),
  'plex:genres': invoke(z.object({ sectionKey: SectionKey }).strict(), z.array(z.string())),
} as const;

export const plexEvents = {
  'plex:status-changed': event(PlexStatusSchema, 250),
  'plex:sign-in-changed': event(PlexSignInSchema, 0),
  'plex:sync-progressed': event(SyncProgressSchema, 250),
  /** Plex rejected a token (401): offer to sign in again. Once per expiry. */
  'plex:auth-expired': event(PlexAuthExpiredSchema, 0),
} as const;
