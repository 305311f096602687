/**
 * zod schemas for what plex.tv and Plex Media Server send, as lenient as
 * real servers need (optional fields, numbers that arrive as strings) and as
 * strict as MediaNest's use of them requires.
 */
import { z } from 'zod';

/** Plex sends some ids as numbers and some as strings; MediaNest keeps strings. */
const IdString = z.union([z.string(), z.number()]).transform(String);
const Num = z.coerce.number();
const Tag = z.object({ tag: z.string() });

export const PlexPinSchema = z.object({
  id: z.number().int(),
  code: z.string().min(1),
  authToken: z.string().min(1).nullable().optional(),
  expiresIn: z.number().optional(),
  expiresAt: z.string().optional(),
  clientIdentifier: z.string().optional(),
});
export type PlexPin = z.infer<typeof PlexPinSchema>;

export const PlexUserSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  username: z.string(),
  title: z.string().optional(),
  email: z.string().optional(),
  thumb: z.string().optional(),
});
export type PlexUser = z.infer<typeof PlexUserSchema>;

export const PlexConnectionSchema = z.object({
  protocol: z.enum(['http', 'https']),
  address: z.string(),
  port: z.number().int(),
  uri: z.string().url(),
  local: z.boolean(),
  relay: z.boolean(),
  IPv6: z.boolean().optional(),
});
export type PlexConnection = z.infer<typeof PlexConnectionSchema>;

export const PlexResourceSchema = z.object({
  name: z.string(),
  clientIdentifier: z.string(),
  provides: z.string(),
  accessToken: z.string().nullable().optional(),
  owned: z.boolean().optional(),
  httpsRequired: z.boolean().optional(),
  productVersion: z.string().optional(),
  presence: z.boolean().optional(),
  connections: z.array(PlexConnectionSchema).default([]),
});
export type PlexResource = z.infer<typeof PlexResourceSchema>;
export const PlexResourcesSchema = z.array(PlexResourceSchema);

export const IdentitySchema = z.object({
  MediaContainer: z.object({ machineIdentifier: z.string().min(1), version: z.string().optional() }),
});

export const PlexSectionSchema = z.object({
  key: IdString,
  title: z.string(),
  type: z.string(),
  agent: z.string().optional(),
  scanner: z.string().optional(),
  updatedAt: Num.optional(),
  scannedAt: Num.optional(),
  refreshing: z.union([z.boolean(), z.number()]).optional(),
  Location: z.array(z.object({ id: Num.optional(), path: z.string() })).default([]),
});
export type PlexSection = z.infer<typeof PlexSectionSchema>;

export const SectionsSchema = z.object({
  MediaContainer: z.object({ Directory: z.array(PlexSectionSchema).default([]) }),
});

const PartSchema = z.object({
  id: Num.optional(),
  key: z.string().optional(),
  file: z.string().optional(),
  size: Num.optional(),
  container: z.string().optional(),
  duration: Num.optional(),
});

const MediaSchema = z.object({
  id: Num.optional(),
  duration: Num.optional(),
  bitrate: Num.optional(),
  width: Num.optional(),
  height: Num.optional(),
  container: z.string().optional(),
  videoCodec: z.string().optional(),
  audioCodec: z.string().optional(),
  audioChannels: Num.optional(),
  videoResolution: IdString.optional(),
  Part: z.array(PartSchema).default([]),
});

/** One item as listed or detailed. Only `ratingKey` is required: a key-only listing carries nothing else. */
export const PlexMetadataSchema = z.object({
  ratingKey: IdString,
  key: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  titleSort: z.string().optional(),
  originalTitle: z.string().optional(),
  summary: z.string().optional(),
  year: Num.optional(),
  thumb: z.string().optional(),
  art: z.string().optional(),
  addedAt: Num.optional(),
  updatedAt: Num.optional(),
  duration: Num.optional(),
  audienceRating: Num.optional(),
  rating: Num.optional(),
  contentRating: z.string().optional(),
  viewCount: Num.optional(),
  viewOffset: Num.optional(),
  leafCount: Num.optional(),
  viewedLeafCount: Num.optional(),
  childCount: Num.optional(),
  librarySectionID: IdString.optional(),
  Genre: z.array(Tag).optional(),
  Director: z.array(Tag).optional(),
  Role: z.array(Tag.extend({ role: z.string().optional() })).optional(),
  Guid: z.array(z.object({ id: z.string() })).optional(),
  Media: z.array(MediaSchema).optional(),
});
export type PlexMetadata = z.infer<typeof PlexMetadataSchema>;

export const MetadataContainerSchema = z.object({
  MediaContainer: z.object({
    size: Num.optional(),
    totalSize: Num.optional(),
    offset: Num.optional(),
    librarySectionID: IdString.optional(),
    Metadata: z.array(PlexMetadataSchema).default([]),
  }),
});
export type MetadataContainer = z.infer<typeof MetadataContainerSchema>;

export const SessionsSchema = z.object({
  MediaContainer: z.object({
    size: Num.optional(),
    Metadata: z
      .array(
        PlexMetadataSchema.extend({
          Player: z.object({ state: z.string(), local: z.union([z.boolean(), z.number()]).optional(), address: z.string().optional(), title: z.string().optional(), product: z.string().optional() }).optional(),
        }),
      )
      .default([]),
  }),
});
