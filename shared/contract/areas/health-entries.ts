/**
 * Health entries: one per thing the household can see working or not, MediaNest's
 * own checks of its services, each Uptime Kuma monitor and what other features
 * contribute (the webhook listener, yt-dlp), grouped for the Health page.
 *
 * Up, down, pending and maintenance stay four states everywhere; only the tray's
 * three icons fold them (`trayLevel`): pending counts as degraded, maintenance as
 * ok, and unknown or turned off as neither.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';
import { ServiceNameSchema, UpstreamIdSchema } from '../services';

export const EntryStateSchema = z.enum(['up', 'degraded', 'down', 'pending', 'maintenance', 'unknown', 'off']);
export type EntryState = z.infer<typeof EntryStateSchema>;

/** An address the entry's "Open" goes to: http(s) only, so no other scheme can be smuggled in. */
const OpenUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value), 'an http(s) address');

export const HealthEntrySchema = z.object({
  /** Stable across restarts: `service:plex`, `service:plex-tv`, `kuma:7`, `downloads:yt-dlp`. */
  id: z.string().min(1).max(200),
  /** Who reports it: `medianest` for MediaNest's own checks, `uptime-kuma` for Kuma monitors. */
  source: z.string().min(1).max(40),
  /** The service an entry belongs to (its Settings section); null for Kuma's monitors. */
  service: ServiceNameSchema.nullable(),
  /** The upstream MediaNest checks for a `medianest` entry (its breaker and call statistics): Plex and plex.tv apart. */
  upstream: UpstreamIdSchema.nullable(),
  name: z.string().max(200),
  /** The heading it is listed under (Kuma's own group names for monitors). */
  group: z.string().max(200),
  state: EntryStateSchema,
  /** When the current state began, as far as anyone knows (epoch ms). */
  since: z.number().nullable(),
  lastCheckedAt: z.number().nullable(),
  responseTimeMs: z.number().nonnegative().nullable(),
  /** 0..1 over the last 24 h; null when unknown or turned off. */
  uptime24h: z.number().min(0).max(1).nullable(),
  /** A line in plain words about the state: "Turned off in Settings", "Planned maintenance: disk swap". */
  detail: z.string().max(300).nullable(),
  /** The last failure in plain words (Kuma's public heartbeats carry none). */
  error: z.string().max(500).nullable(),
  /** Recent response times, oldest first, for the sparkline; null where a check had none. */
  recent: z.array(z.number().nonnegative().nullable()).max(60),
  /** The service's own web page. */
  openUrl: OpenUrlSchema.nullable(),
  /** Notifications about it are muted until then (epoch ms). */
  mutedUntil: z.number().nullable(),
});
export type HealthEntry = z.infer<typeof HealthEntrySchema>;

/** The tray's three icons, and the Health nav dot. */
export type TrayLevel = 'ok' | 'degraded' | 'down';

export function trayLevel(state: EntryState): TrayLevel | null {
  switch (state) {
    case 'up':
    case 'maintenance':
      return 'ok';
    case 'degraded':
    case 'pending':
      return 'degraded';
    case 'down':
      return 'down';
    case 'unknown':
    case 'off':
      return null;
  }
}

const levelRank: Readonly<Record<TrayLevel, number>> = { ok: 0, degraded: 1, down: 2 };

/** The worst level among the entries; null when none has one (nothing set up, or nothing known yet). */
export function worstLevel(entries: Iterable<Pick<HealthEntry, 'state'>>): TrayLevel | null {
  let worst: TrayLevel | null = null;
  for (const entry of entries) {
    const level = trayLevel(entry.state);
    if (level && (worst === null || levelRank[level] > levelRank[worst])) worst = level;
  }
  return worst;
}

export const muteHours = [1, 4, 8] as const;

export const HealthMuteRequestSchema = z
  .object({
    id: z.string().min(1).max(200),
    /** 1, 4 or 8 hours; null unmutes. */
    hours: z.union([z.literal(1), z.literal(4), z.literal(8)]).nullable(),
  })
  .strict();

export const HealthCheckEntryRequestSchema = z.object({ id: z.string().min(1).max(200) }).strict();

/** One notification: several changes found in one check, folded. */
export const HealthAlertSchema = z.object({
  /** Increases with every alert of this run. */
  id: z.number().int().nonnegative(),
  title: z.string().max(300),
  body: z.string().max(1000),
  at: z.number(),
  changes: z
    .array(z.object({ id: z.string().max(200), name: z.string().max(200), kind: z.enum(['down', 'up']) }))
    .min(1)
    .max(100),
});
export type HealthAlert = z.infer<typeof HealthAlertSchema>;

/**
 * Something a status page says about itself rather than about one monitor:
 * Uptime Kuma's pinned incident ("Internet is out: the provider knows").
 * Title and text are plain text as written; the page shows them as text, never as HTML.
 */
export const HealthNoticeSchema = z.object({
  /** Stable while the notice stands: `kuma-incident:homelab:4`. */
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(40),
  /** Where it was posted, in words: "Home lab status page". */
  from: z.string().max(200),
  tone: z.enum(['info', 'warn', 'danger']),
  title: z.string().max(300),
  text: z.string().max(2000),
  /** When it was posted or last changed (epoch ms). */
  at: z.number().nullable(),
});
export type HealthNotice = z.infer<typeof HealthNoticeSchema>;

export const healthEntryInvokes = {
  'health:entries': invoke(NoPayloadSchema, z.array(HealthEntrySchema)),
  'health:check-entry': invoke(HealthCheckEntryRequestSchema, z.array(HealthEntrySchema)),
  'health:mute': invoke(HealthMuteRequestSchema, HealthEntrySchema),
  'health:notices': invoke(NoPayloadSchema, z.array(HealthNoticeSchema).max(50)),
} as const;

export const healthEntryEvents = {
  /** An entry appeared or changed; the renderer keeps the latest per id. */
  'health:entry-changed': event(HealthEntrySchema, 250, (entry) => entry.id),
  /** Entries that are gone (a monitor removed from a status page, a service dropped). */
  'health:entries-removed': event(z.object({ ids: z.array(z.string().max(200)).max(500) }), 0),
  'health:alerted': event(HealthAlertSchema, 0),
  /** Every notice that stands now (a short list, sent whole when any changes). */
  'health:notices-changed': event(z.array(HealthNoticeSchema).max(50), 250),
} as const;
