/**
 * zod schemas for Uptime Kuma's public status-page answers, normalised to one
 * shape whatever the version:
 * - `/api/status-page/{slug}`: 1.23 and 2.0 send `incident` (one or null),
 *   2.1+ `incidents[]`; 1.23's config lacks a few fields (none of which we read).
 * - `/api/status-page/heartbeat/{slug}`: the newest 100 beats per monitor (1.23: 50),
 *   oldest first, times in UTC without a zone, `ping` possibly null, and
 *   `uptimeList["<id>_24"]` as a 0..1 ratio.
 * Unknown fields are dropped; a beat whose time cannot be read is skipped
 * rather than failing the whole page.
 */
import { z } from 'zod';
import { parseKumaTime } from './kuma-wire';

const MonitorSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string().nullish(),
  /** 1 (or true) when the page shows the monitor's address, which then comes as `url`. */
  sendUrl: z.union([z.number(), z.boolean()]).nullish(),
  url: z.string().nullish(),
});

const GroupSchema = z.object({
  id: z.number().int().nullish(),
  name: z.string(),
  weight: z.number().nullish(),
  monitorList: z.array(MonitorSchema),
});

const IncidentSchema = z.object({
  id: z.number().int().nullish(),
  /** info, warning, danger, primary, light, dark (the colour Kuma shows it in). */
  style: z.string().nullish(),
  title: z.string().nullish(),
  /** Markdown as the user typed it; never rendered as HTML here. */
  content: z.string().nullish(),
  // Kuma only sends pinned, active incidents; an explicit false is respected should a version send others.
  pin: z.union([z.boolean(), z.number()]).nullish(),
  active: z.union([z.boolean(), z.number()]).nullish(),
  createdDate: z.string().nullish(),
  lastUpdatedDate: z.string().nullish(),
});

const MaintenanceSchema = z.object({
  id: z.number().int().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
});

export interface KumaMonitorRef {
  readonly id: number;
  readonly name: string;
  readonly type: string | null;
  /** Only when the page chooses to show it. */
  readonly url: string | null;
}

export interface KumaGroup {
  readonly name: string;
  readonly monitors: readonly KumaMonitorRef[];
}

export interface KumaNotice {
  readonly title: string;
  readonly content: string | null;
}

/** A pinned incident of a status page. */
export interface KumaIncident extends KumaNotice {
  readonly id: number | null;
  readonly style: string | null;
  /** When it was last updated, else posted (epoch ms); null when the time cannot be read. */
  readonly at: number | null;
}

export interface KumaStatusPage {
  readonly slug: string;
  readonly title: string;
  readonly groups: readonly KumaGroup[];
  readonly incidents: readonly KumaIncident[];
  readonly maintenances: readonly KumaNotice[];
}

export const StatusPageSchema = z
  .object({
    config: z.object({ slug: z.string(), title: z.string().nullish() }),
    incident: IncidentSchema.nullish(),
    incidents: z.array(IncidentSchema).nullish(),
    publicGroupList: z.array(GroupSchema),
    maintenanceList: z.array(MaintenanceSchema).nullish(),
  })
  .transform(
    (page): KumaStatusPage => ({
      slug: page.config.slug,
      title: page.config.title ?? page.config.slug,
      groups: [...page.publicGroupList]
        .sort((a, b) => (a.weight ?? 0) - (b.weight ?? 0))
        .map((group) => ({
          name: group.name,
          monitors: group.monitorList.map((monitor) => ({
            id: monitor.id,
            name: monitor.name,
            type: monitor.type ?? null,
            url: monitor.sendUrl && monitor.url ? monitor.url : null,
          })),
        })),
      incidents: (page.incidents ?? (page.incident ? [page.incident] : []))
        .filter((incident) => incident.pin !== false && incident.pin !== 0 && incident.active !== false && incident.active !== 0)
        .map((incident) => {
          const time = incident.lastUpdatedDate ?? incident.createdDate;
          return {
            id: incident.id ?? null,
            style: incident.style ?? null,
            title: incident.title ?? '',
            content: incident.content ?? null,
            at: time ? parseKumaTime(time) : null,
          };
        }),
      maintenances: (page.maintenanceList ?? []).map((maintenance) => ({
        title: maintenance.title ?? '',
        content: maintenance.description ?? null,
      })),
    }),
  );

export interface KumaBeat {
  readonly status: number;
  /** Epoch ms. */
  readonly at: number;
  readonly ping: number | null;
}

export interface KumaHeartbeats {
  /** Per monitor id, oldest first. */
  readonly beats: ReadonlyMap<number, readonly KumaBeat[]>;
  /** Per monitor id, the 24 h uptime (0..1). */
  readonly uptime24h: ReadonlyMap<number, number>;
}

const BeatSchema = z.object({
  status: z.number().int(),
  time: z.string(),
  msg: z.string().nullish(),
  ping: z.number().nullish(),
});

export const HeartbeatsSchema = z
  .object({
    heartbeatList: z.record(z.string(), z.array(BeatSchema)),
    uptimeList: z.record(z.string(), z.number().nullable()),
  })
  .transform((body): KumaHeartbeats => {
    const beats = new Map<number, KumaBeat[]>();
    for (const [key, list] of Object.entries(body.heartbeatList)) {
      const id = Number(key);
      if (!Number.isInteger(id)) continue;
      const parsed: KumaBeat[] = [];
      for (const beat of list) {
        const at = parseKumaTime(beat.time);
        if (at === null) continue;
        parsed.push({ status: beat.status, at, ping: typeof beat.ping === 'number' && beat.ping >= 0 ? beat.ping : null });
      }
      beats.set(id, parsed.sort((a, b) => a.at - b.at));
    }
    const uptime24h = new Map<number, number>();
    for (const [key, value] of Object.entries(body.uptimeList)) {
      const match = /^(\d+)_24$/.exec(key);
      if (match && typeof value === 'number' && Number.isFinite(value)) uptime24h.set(Number(match[1]), Math.min(1, Math.max(0, value)));
    }
    return { beats, uptime24h };
  });
