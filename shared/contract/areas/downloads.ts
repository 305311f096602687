/**
 * The downloads area: a persistent yt-dlp queue (single videos and playlists)
 * that ends in a Plex library folder and a Plex collection, the tools it needs
 * (yt-dlp, ffmpeg, a JavaScript runtime) and the app-managed copy of yt-dlp.
 *
 * Only http(s) addresses are accepted (`DownloadUrlSchema`); the core checks
 * them again before anything is spawned. Paths in results are as MediaNest
 * sees them; cookies cross the contract only on their way in.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';

/** Why `value` cannot be downloaded, or undefined when it can (only http(s); no options, paths or other schemes). */
export function downloadUrlProblem(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'Paste the address of a video or playlist, e.g. https://www.youtube.com/watch?v=…';
  if (text.startsWith('-')) return 'That looks like a command-line option, not an address: paste the address of a video or playlist';
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return 'An address has no spaces or line breaks: paste just the address';
  if (/^(\/|~|\.{1,2}[/\\]|[a-z]:[\\/]|\\\\)/i.test(text)) return 'That is a file on this computer, not an address: paste an address starting with https://';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Paste a whole address starting with https://';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Only web addresses (http:// or https://) can be downloaded, not ${url.protocol.replace(/:$/, '')}:`;
  if (url.username || url.password) return 'Leave the user name and password out of the address: import the site’s cookies instead';
  if (!url.hostname) return 'Paste a whole address starting with https://';
  return undefined;
}

export const DownloadUrlSchema = z
  .string()
  .max(4096)
  .superRefine((value, context) => {
    const problem = downloadUrlProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.trim());

export const DownloadQualitySchema = z.enum(['best', '1080p', '720p', 'audio']);
export type DownloadQuality = z.infer<typeof DownloadQualitySchema>;

export const DownloadStateSchema = z.enum(['queued', 'running', 'paused', 'completed', 'failed', 'cancelled']);
export type DownloadState = z.infer<typeof DownloadStateSchema>;

/** The failure classes, each shown with what to do next. */
export const FailureKindSchema = z.enum([
  'network',
  'http-forbidden',
  'rate-limited',
  'unsupported-url',
  'unavailable',
  'bot-check',
  'geo-blocked',
  'disk-full',
  'ytdlp-too-old',
  'plex',
  'other',
]);
export type FailureKind = z.infer<typeof FailureKindSchema>;

export const DownloadFailureSchema = z.object({
  kind: FailureKindSchema,
  /** What went wrong, in words. */
  message: z.string().max(1000),
  /** What to do next, in words ("Update yt-dlp in Settings → Downloads"). */
  advice: z.string().max(500),
  /** Whether MediaNest retries it by itself (network, 429, ...). */
  transient: z.boolean(),
  /** yt-dlp's last error line, for the curious (never secrets: cookies and tokens are not on the command line). */
  detail: z.string().max(1000).nullable(),
});
export type DownloadFailure = z.infer<typeof DownloadFailureSchema>;

export const DownloadProgressSchema = z.object({
  downloadedBytes: z.number().nonnegative(),
  /** The total, or yt-dlp's estimate (`estimated`), or null. */
  totalBytes: z.number().nonnegative().nullable(),
  estimated: z.boolean(),
  /** 0..100, null when the size is unknown. */
  percent: z.number().min(0).max(100).nullable(),
  /** Bytes per second. */
  speed: z.number().nonnegative().nullable(),
  /** Seconds left. */
  eta: z.number().nonnegative().nullable(),
  /** `downloading`, `processing` (ffmpeg, moving into Plex), `finished`. */
  phase: z.enum(['downloading', 'processing', 'finished']),
  fragmentIndex: z.number().int().nonnegative().nullable(),
  fragmentCount: z.number().int().nonnegative().nullable(),
});
export type DownloadProgress = z.infer<typeof DownloadProgressSchema>;

export const DownloadItemStateSchema = z.enum(['queued', 'running', 'completed', 'failed', 'skipped']);

/** One video of a playlist job, in playlist order. */
export const DownloadItemSchema = z.object({
  index: z.number().int().nonnegative(),
  title: z.string().max(500),
  url: z.string().max(4096),
  state: DownloadItemStateSchema,
  percent: z.number().min(0).max(100).nullable(),
  /** Where it landed, once completed. */
  file: z.string().max(4096).nullable(),
  /** Its item in Plex, once Plex lists it. */
  ratingKey: z.string().max(64).nullable(),
});
export type DownloadItem = z.infer<typeof DownloadItemSchema>;

export const DownloadJobSchema = z.object({
  id: z.string(),
  url: z.string(),
  kind: z.enum(['video', 'playlist']),
  /** The video's or playlist's title once known; the address until then. */
  title: z.string().max(500),
  /** The channel or uploader, once known. */
  channel: z.string().max(500).nullable(),
  quality: DownloadQualitySchema,
  /** The destination Plex section. */
  sectionKey: z.string().max(64),
  sectionTitle: z.string().max(500),
  state: DownloadStateSchema,
  /** The state in words: "Waiting for a free slot", "Downloading 3 of 12", "Ready to watch". */
  label: z.string().max(300),
  progress: DownloadProgressSchema.nullable(),
  /** Playlist items in order; one item for a single video. */
  items: z.array(DownloadItemSchema).max(5000),
  failure: DownloadFailureSchema.nullable(),
  /** How many times it was tried; automatic retries of transient failures count. */
  attempts: z.number().int().nonnegative(),
  /** The next automatic retry, while waiting for one. */
  nextAttemptAt: z.number().nullable(),
  /** The Plex collection made for it (playlist or channel). */
  collection: z.object({ ratingKey: z.string().max(64), title: z.string().max(500) }).nullable(),
  /** "Open in Plex": the app's address of the item or collection, once ready. */
  openUrl: z.string().max(4096).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  canPause: z.boolean(),
  canResume: z.boolean(),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
  canRemove: z.boolean(),
});
export type DownloadJob = z.infer<typeof DownloadJobSchema>;

export const ToolNameSchema = z.enum(['yt-dlp', 'ffmpeg', 'js-runtime']);
export type ToolName = z.infer<typeof ToolNameSchema>;

export const ToolStatusSchema = z.object({
  name: ToolNameSchema,
  /** "yt-dlp", "ffmpeg", "deno" / "node". */
  label: z.string().max(100),
  found: z.boolean(),
  path: z.string().max(4096).nullable(),
  version: z.string().max(100).nullable(),
  /** Where it came from: the path in Settings, MediaNest's own copy, or the system. */
  origin: z.enum(['configured', 'managed', 'system']).nullable(),
  /** Missing, too old, ... in words, with what to do; null when all is well. */
  problem: z.string().max(500).nullable(),
  /** `warning`: works, but not for every site (an old yt-dlp and YouTube). */
  severity: z.enum(['ok', 'warning', 'error']),
});
export type ToolStatus = z.infer<typeof ToolStatusSchema>;

export const UpdateStateSchema = z.object({
  state: z.enum(['idle', 'checking', 'downloading', 'verifying', 'updated', 'current', 'failed']),
  /** The app-managed copy's version, if there is one. */
  managedVersion: z.string().max(100).nullable(),
  message: z.string().max(500).nullable(),
  checkedAt: z.number().nullable(),
});
export type UpdateState = z.infer<typeof UpdateStateSchema>;

/** A Plex section a download may go to, and whether and how. */
export const DestinationSchema = z.object({
  sectionKey: z.string().max(64),
  title: z.string().max(500),
  /** movie, show, artist, ... */
  type: z.string().max(40),
  agent: z.string().max(200).nullable(),
  /** The section's folders as Plex sees them. */
  plexLocations: z.array(z.string().max(4096)).max(50),
  /** The same folders as MediaNest sees them (after the path mappings); null where MediaNest cannot reach one. */
  localLocations: z.array(z.string().max(4096).nullable()).max(50),
  /** How files are named there: "Channel/Title", "Channel/Season YYYY/…". */
  naming: z.string().max(300),
  usable: z.boolean(),
  /** Why not, or a warning (a movie section), in words. */
  note: z.string().max(500).nullable(),
  /** Which qualities it takes: audio only for music sections. */
  audioOnly: z.boolean(),
});
export type Destination = z.infer<typeof DestinationSchema>;

export const DownloadsOverviewSchema = z.object({
  jobs: z.array(DownloadJobSchema),
  tools: z.array(ToolStatusSchema),
  /** All downloads paused from the tray or the page. */
  paused: z.boolean(),
  running: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  /** Why downloads cannot run at all right now (no medianest.db, no destination, no yt-dlp), in words; null when they can. */
  unavailable: z.string().max(500).nullable(),
  /** The demo homelab's playlist address, offered on the page in the demo. */
  demoPlaylistUrl: z.string().max(4096).nullable(),
});
export type DownloadsOverview = z.infer<typeof DownloadsOverviewSchema>;

const JobId = z.string().min(1).max(64);
export const JobIdSchema = z.object({ id: JobId }).strict();

export const AddDownloadSchema = z
  .object({
    url: DownloadUrlSchema,
    quality: DownloadQualitySchema.default('best'),
    /** Defaults to the section in Settings. */
    sectionKey: z.string().min(1).max(64).optional(),
  })
  .strict();

/** Netscape cookies.txt for one site, kept like a secret. */
export const ImportCookiesSchema = z
  .object({
    /** The site's domain, e.g. youtube.com. */
    site: z.string().trim().min(1).max(253).regex(/^[a-z0-9.-]+$/i, 'Enter the site’s domain, e.g. youtube.com'),
    content: z.string().min(1).max(1_000_000),
  })
  .strict();

export const CookieSiteSchema = z.object({ site: z.string(), cookies: z.number().int().nonnegative(), importedAt: z.number() });

export const downloadsInvokes = {
  'downloads:overview': invoke(NoPayloadSchema, DownloadsOverviewSchema),
  'downloads:add': invoke(AddDownloadSchema, DownloadJobSchema),
  'downloads:pause': invoke(JobIdSchema, DownloadJobSchema),
  'downloads:resume': invoke(JobIdSchema, DownloadJobSchema),
  'downloads:cancel': invoke(JobIdSchema, DownloadJobSchema),
  'downloads:retry': invoke(JobIdSchema, DownloadJobSchema),
  'downloads:remove': invoke(JobIdSchema, z.object({ removed: z.boolean() })),
  /** Pauses or resumes every download (the tray's item). */
  'downloads:pause-all': invoke(z.object({ paused: z.boolean() }).strict(), DownloadsOverviewSchema),
  'downloads:destinations': invoke(NoPayloadSchema, z.array(DestinationSchema)),
  'downloads:tools': invoke(NoPayloadSchema, z.array(ToolStatusSchema)),
  /** Fetches the newest yt-dlp into MediaNest's own copy (signature and checksum checked). */
  'downloads:update-ytdlp': invoke(NoPayloadSchema, UpdateStateSchema),
  'downloads:update-state': invoke(NoPayloadSchema, UpdateStateSchema),
  'downloads:import-cookies': invoke(ImportCookiesSchema, z.array(CookieSiteSchema)),
  'downloads:cookies': invoke(NoPayloadSchema, z.array(CookieSiteSchema)),
  'downloads:remove-cookies': invoke(z.object({ site: z.string().min(1).max(253) }).strict(), z.array(CookieSiteSchema)),
} as const;

export const downloadsEvents = {
  /** A job changed (state, progress, items); at most a few per second per job. */
  'downloads:job-changed': event(DownloadJobSchema, 250, (job) => job.id),
  'downloads:job-removed': event(JobIdSchema, 0, (payload) => payload.id),
  /** The overall counters (tray, nav badge). */
  'downloads:queue-changed': event(z.object({ running: z.number().int(), queued: z.number().int(), paused: z.boolean() }), 250),
  'downloads:tools-changed': event(z.array(ToolStatusSchema), 0),
  'downloads:update-changed': event(UpdateStateSchema, 0),
  /** A job is ready to watch in Plex: the shell shows "Ready to watch: <title>". */
  'downloads:ready': event(z.object({ id: z.string(), title: z.string().max(500), openUrl: z.string().max(4096).nullable() }), 0, (payload) => payload.id),
} as const;
