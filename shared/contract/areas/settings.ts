/**
 * Settings as the user configures them. Secrets are never part of settings:
 * they live in the secret store and cross the contract only as write-only
 * values in an update and as presence flags in `PublicSettings`.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';
import { BaseUrlSchema, settingsBlock, type SettingsBlock } from '../service-settings';
import { namedSecretSchema } from '../secret-value';
import { SecretNameSchema, secretNames, serviceNames, services, type SecretName, type ServiceName } from '../services';

/** The window and the tray. */
const general = settingsBlock(
  {
    closeToTray: z.boolean(),
    startMinimized: z.boolean(),
    /** The desktop app starts with the computer, minimised to the tray (on by default; serve mode ignores it). */
    startAtLogin: z.boolean(),
  },
  { closeToTray: true, startMinimized: false, startAtLogin: true },
);

/** How a folder Plex sees is reached from this computer (a network share, a container's volume). */
const PathMappingSchema = z
  .object({
    plexPath: z.string().trim().min(1).max(4096),
    localPath: z.string().trim().min(1).max(4096),
  })
  .strict();

/** yt-dlp's `--limit-rate`: empty for none, else e.g. 500K or 4.2M. */
const RateLimitSchema = z
  .string()
  .trim()
  .max(16)
  .regex(/^(\d+(\.\d+)?[KMG]?)?$/i, 'Enter a speed like 500K or 4.2M (bytes per second), or leave it empty for no limit');

const downloads = settingsBlock(
  {
    /** A Plex library folder as this computer sees it; empty until the user picks one. */
    folder: z.string().max(4096),
    /** The Plex section the downloads go to; empty until the user picks one. */
    sectionKey: z.string().max(64),
    maxConcurrent: z.number().int().min(1).max(8),
    /** The quality new downloads start with. */
    quality: z.enum(['best', '1080p', '720p', 'audio']),
    rateLimit: RateLimitSchema,
    /** Where half-downloaded files wait: the same disk as the library, outside every section's folders; empty picks one beside the folder. */
    stagingFolder: z.string().max(4096),
    /** Paths as Plex sees them → as this computer sees them, when they differ. */
    pathMappings: z.array(PathMappingSchema).max(16),
    /** A yt-dlp to use instead of MediaNest's own copy or the system's. */
    ytdlpPath: z.string().max(4096),
    /** Where MediaNest's own copy of yt-dlp is fetched from (its release's assets). */
    releaseUrl: BaseUrlSchema,
    /** Keep MediaNest's own copy of yt-dlp current. */
    autoUpdate: z.boolean(),
    /** Names that Windows can store too (no : ? * and the like). */
    windowsSafeNames: z.boolean(),
    /** Automatic retries of a download that failed for a passing reason (network, rate limit). */
    maxRetries: z.number().int().min(0).max(10),
  },
  {
    folder: '',
    sectionKey: '',
    maxConcurrent: 2,
    quality: 'best',
    rateLimit: '',
    stagingFolder: '',
    pathMappings: [],
    ytdlpPath: '',
    releaseUrl: 'https://github.com/yt-dlp/yt-dlp/releases/latest/download',
    autoUpdate: false,
    windowsSafeNames: false,
    maxRetries: 3,
  },
);

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, e.g. 22:00');

/** Service down / back up alerts: desktop notifications, and toasts and browser notifications in serve mode. */
const notifications = settingsBlock(
  {
    enabled: z.boolean(),
    /** "Down" alerts. */
    down: z.boolean(),
    /** "Back up" alerts. */
    up: z.boolean(),
    /** How many checks in a row a new state must hold before it is announced. */
    probesToConfirm: z.number().int().min(1).max(10),
    /** Alerts wait until the end of these local hours, then fold into one. */
    quietHours: z.object({ enabled: z.boolean(), start: ClockTimeSchema, end: ClockTimeSchema }).strict(),
    /** Alerts wait while this media PC plays something in Plex. */
    holdWhilePlaying: z.boolean(),
  },
  { enabled: true, down: true, up: true, probesToConfirm: 2, quietHours: { enabled: false, start: '22:00', end: '07:00' }, holdWhilePlaying: true },
);

/** TMDB's image server, where the poster paths Overseerr gives live. */
export const DEFAULT_TMDB_IMAGE_BASE = 'https://image.tmdb.org/t/p';

/** A bind address for a listener: an IPv4 or IPv6 literal, or a host name. */
const BindAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[\w.:-]+$/, 'Enter an address of this computer, e.g. 0.0.0.0 for every network or 127.0.0.1 for this computer only');

/** Requests through Overseerr (its address and key are `services.overseerr`): posters, the webhook receiver, tracking. */
const requests = settingsBlock(
  {
    /** Where the posters of Overseerr's titles come from (a simulator for tests and the demo). */
    tmdbImageBase: BaseUrlSchema,
    /** Listen for Overseerr's webhook on this computer. */
    webhookEnabled: z.boolean(),
    webhookHost: BindAddressSchema,
    /** 0 picks a free port (tests and the demo). */
    webhookPort: z.number().int().min(0).max(65_535),
    /** A request still pending or approved after this long is "stuck". */
    stuckAfterHours: z.number().min(0.01).max(24 * 60),
    /** How often requests are brought up to date from Overseerr, webhooks or not. */
    reconcileMinutes: z.number().min(0.05).max(24 * 60),
  },
  { tmdbImageBase: DEFAULT_TMDB_IMAGE_BASE, webhookEnabled: false, webhookHost: '0.0.0.0', webhookPort: 5056, stuckAfterHours: 48, reconcileMinutes: 5 },
);

/**
 * The server the Plex sign-in linked; its address is `services.plex.baseUrl`,
 * plex.tv's is `services.plex.accountUrl`.
 */
const plexAccount = settingsBlock(
  {
    /** The linked server's machine identifier and name; empty until signed in. */
    serverId: z.string().max(128),
    serverName: z.string().max(256),
  },
  { serverId: '', serverName: '' },
);

type Services = typeof services;
type ServiceBlock<S extends ServiceName> = Services[S]['settings'];

/** Each service's block, as the service table declares it. */
const serviceBlocks = Object.fromEntries(serviceNames.map((name) => [name, (services[name].settings as SettingsBlock).schema.prefault({})])) as unknown as {
  [S in ServiceName]: z.ZodPrefault<ServiceBlock<S>['schema']>;
};
const servicePatches = Object.fromEntries(serviceNames.map((name) => [name, services[name].settings.patch])) as unknown as {
  [S in ServiceName]: ServiceBlock<S>['patch'];
};

export const SettingsSchema = z
  .object({
    general: general.schema.prefault({}),
    services: z.object(serviceBlocks).strict().prefault({}),
    downloads: downloads.schema.prefault({}),
    notifications: notifications.schema.prefault({}),
    plexAccount: plexAccount.schema.prefault({}),
    requests: requests.schema.prefault({}),
    /** Made once by the core and kept; not the user's to change, so no patch or PublicSettings carries it. */
    install: z
      .object({
        /** Plex's X-Plex-Client-Identifier for this install; a new one makes plex.tv report a new device. */
        plexClientIdentifier: z.string().regex(/^[\w-]{8,64}$/).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;
/** What every service's block has (a service may add fields, e.g. a second address). */
export type ServiceSettings = Settings['services'][ServiceName];

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** What the renderer sees: settings plus which secrets are set (never their values). */
export const PublicSettingsSchema = SettingsSchema.omit({ install: true }).extend({
  secrets: z.record(SecretNameSchema, z.boolean()),
  profile: z.enum(['default', 'demo']),
});
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/** Each secret by name: a new value (printable ASCII, as headers need) or `null` to delete it. */
const secretPatches = z
  .object(Object.fromEntries(secretNames.map((name) => [name, namedSecretSchema(name).nullable().optional()])) as unknown as {
    [K in SecretName]: z.ZodOptional<z.ZodNullable<z.ZodString>>;
  })
  .strict();

/**
 * A partial update. Objects merge one level deep per section; `tuning` replaces
 * the service's tuning whole. A secret set to `null` is deleted. No field is
 * filled with its default: what the patch does not name stays as it is.
 */
export const SettingsPatchSchema = z
  .object({
    general: general.patch,
    services: z.object(servicePatches).partial().strict(),
    downloads: downloads.patch,
    notifications: notifications.patch,
    plexAccount: plexAccount.patch,
    requests: requests.patch,
    secrets: secretPatches,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const settingsInvokes = {
  'settings:get': invoke(NoPayloadSchema, PublicSettingsSchema),
  'settings:update': invoke(SettingsPatchSchema, PublicSettingsSchema),
} as const;

export const settingsEvents = {
  'settings:changed': event(PublicSettingsSchema, 0),
} as const;
