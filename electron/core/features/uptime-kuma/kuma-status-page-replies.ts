/**
 * The status-page half of the Uptime Kuma simulator, as Kuma's
 * status-page-router.js and prometheus.js answer:
 *
 * - `GET /api/status-page/{slug}`: `{config, incident | incidents[], publicGroupList,
 *   maintenanceList}` in the shape of the chosen version (1.23 and 2.0 send
 *   `incident`, 2.1+ `incidents[]`; 2.x looks the slug up in lower case);
 *   404 `{"status":"fail","msg":"Status Page Not Found"}` for an unknown slug.
 * - `GET /api/status-page/heartbeat/{slug}`: the newest 100 beats per monitor
 *   (1.23: 50), oldest first, UTC times without `T`/`Z`, an empty `msg`, a null
 *   ping for failed checks, and `uptimeList["<id>_24"]`; empty lists for an
 *   unknown slug.
 * - Both are cached on the server (apicache: 5 and 1 minutes) unless the request
 *   carries `x-apicache-bypass: 1`, and carry the recorded headers
 *   (`cache-control: no-cache`, a weak ETag, `X-Frame-Options: SAMEORIGIN`).
 * - `GET /metrics` in Prometheus text with the version's label set, for the
 *   caller to put behind its API-key check.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatKumaTime } from './kuma-wire';
import { createMonitorTimeline, type MonitorTimeline, type ScriptedMonitor, type ScriptedState } from './kuma-monitor-script';

export type KumaVersion = '1.23' | '2.0' | '2.5';

/** An incident the simulator pins to its status page. */
export interface ScriptedIncident {
  readonly title: string;
  readonly content: string;
  readonly style?: 'info' | 'warning' | 'danger' | 'primary' | 'light' | 'dark';
}

export interface KumaStatusPagesOptions {
  readonly version?: KumaVersion;
  readonly slug?: string;
  readonly title?: string;
  readonly monitors?: readonly ScriptedMonitor[];
  /** Pinned from the start (none by default). */
  readonly incident?: ScriptedIncident | null;
  readonly now?: () => number;
}

export interface KumaStatusPagesControl {
  readonly version: KumaVersion;
  readonly slug: string;
  readonly timelines: ReadonlyMap<number, MonitorTimeline>;
  /** From now on the monitor reports `state` (up, down, pending, maintenance or a raw code). */
  setMonitorState(id: number, state: ScriptedState): void;
  setIncident(incident: ScriptedIncident | null): void;
  /** Forget what the server-side cache holds. */
  clearCache(): void;
}

export interface KumaStatusPages {
  readonly control: KumaStatusPagesControl;
  /** The JSON bodies as sent (bypassing the server cache), for tests that skip HTTP; null for an unknown slug. */
  statusPageBody(slug: string): unknown;
  heartbeatBody(slug: string): unknown;
  /** Answers the status-page paths; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** The `/metrics` body. */
  metrics(): string;
}

const PAGE_TTL_MS = 5 * 60_000;
const HEARTBEAT_TTL_MS = 60_000;

/** The demo homelab's monitors: mostly fine, one that goes down every few minutes. */
/** The demo status page's pinned incident: the household's own note, as Kuma users post them. */
export const demoKumaIncident: ScriptedIncident = {
  title: 'NAS disks are being checked',
  content: 'The NAS goes away for a few minutes at a time while its disks are tested.\nFilms on the media server keep playing.',
  style: 'info',
};

export const demoKumaMonitors: readonly ScriptedMonitor[] = [
  { id: 1, name: 'Media server', group: 'Media', type: 'http', url: 'http://192.168.1.10:32400/web', script: { kind: 'steady', state: 'up' } },
  { id: 2, name: 'Requests site', group: 'Media', type: 'http', script: { kind: 'steady', state: 'up' } },
  // Down for 4 of every 8 minutes: longer than three 60 s polls, so the tray and notifications show it.
  { id: 3, name: 'NAS', group: 'Storage', type: 'ping', hostname: '192.168.1.20', script: { kind: 'cycle', upMs: 4 * 60_000, downMs: 4 * 60_000 } },
  { id: 4, name: 'Backup disk', group: 'Storage', type: 'port', hostname: '192.168.1.20', port: 873, script: { kind: 'steady', state: 'maintenance' } },
  { id: 5, name: 'Router', group: 'Network', type: 'ping', hostname: '192.168.1.1', script: { kind: 'steady', state: 'up' } },
  { id: 6, name: 'Printer', group: null, type: 'http', url: 'http://192.168.1.30/', script: { kind: 'steady', state: 'pending' } },
];

function etag(body: string): string {
  const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}

function config(version: KumaVersion, slug: string, title: string): Record<string, unknown> {
  const common = { slug, title, description: null, icon: '/icon.svg', theme: 'auto', published: true, showTags: false, customCSS: null, footerText: null, showPoweredBy: true };
  if (version === '1.23') return { ...common, googleAnalyticsId: null, showCertificateExpiry: false };
  return {
    ...common,
    autoRefreshInterval: 300,
    analyticsId: null,
    analyticsScriptUrl: null,
    analyticsType: null,
    showCertificateExpiry: false,
    showOnlyLastHeartbeat: false,
    rssTitle: null,
  };
}

function labels(version: KumaVersion, monitor: ScriptedMonitor, extra = ''): string {
  const pairs: [string, string][] = [
    ['monitor_name', monitor.name],
    ['monitor_type', monitor.type ?? 'http'],
    ['monitor_url', monitor.url ?? 'https://'],
    ['monitor_hostname', monitor.hostname ?? 'null'],
    ['monitor_port', monitor.port === undefined ? 'null' : String(monitor.port)],
  ];
  if (version !== '1.23') pairs.unshift(['monitor_id', String(monitor.id)]);
  const text = pairs.map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',');
  return `{${text}${extra}}`;
}

export function createKumaStatusPages(options: KumaStatusPagesOptions = {}): KumaStatusPages {
  const version = options.version ?? '2.5';
  const slug = options.slug ?? 'homelab';
  const title = options.title ?? 'Homelab';
  const now = options.now ?? Date.now;
  const timelines = new Map((options.monitors ?? demoKumaMonitors).map((monitor) => [monitor.id, createMonitorTimeline(monitor)]));
  const cache = new Map<string, { body: string; until: number }>();
  let incident: (ScriptedIncident & { id: number; createdDate: string }) | null = null;
  const pin = (next: ScriptedIncident | null): void => {
    incident = next ? { ...next, id: 1, createdDate: formatKumaTime(now()) } : null;
  };
  pin(options.incident ?? null);

  const matches = (requested: string): boolean => {
    const decoded = decodeURIComponent(requested);
    return version === '1.23' ? decoded === slug : decoded.toLowerCase() === slug.toLowerCase();
  };

  const pageBody = (): unknown => {
    const groups = new Map<string, ScriptedMonitor[]>();
    for (const { monitor } of timelines.values()) {
      if (monitor.group === null) continue;
      groups.set(monitor.group, [...(groups.get(monitor.group) ?? []), monitor]);
    }
    const publicGroupList = [...groups].map(([name, monitors], index) => ({
      id: index + 1,
      name,
      weight: index + 1,
      monitorList: monitors.map((monitor) => ({
        id: monitor.id,
        name: monitor.name,
        sendUrl: monitor.url ? 1 : 0,
        type: monitor.type ?? 'http',
        ...(monitor.url ? { url: monitor.url } : {}),
      })),
    }));
    const at = now();
    const inMaintenance = [...timelines.values()].some((timeline) => timeline.monitor.group !== null && timeline.codeAt(at) === 3);
    const maintenanceList = inMaintenance
      ? [{ id: 1, title: 'Backup disk swap', description: 'Scheduled work on the backup disk.', strategy: 'manual', active: 1, status: 'under-maintenance' }]
      : [];
    const incidentBody = incident
      ? { id: incident.id, style: incident.style ?? 'warning', title: incident.title, content: incident.content, pin: true, active: true, createdDate: incident.createdDate, lastUpdatedDate: null, status_page_id: 1 }
      : null;
    const incidents = version === '2.5' ? { incidents: incidentBody ? [incidentBody] : [] } : { incident: incidentBody };
    return { config: config(version, slug, title), ...incidents, publicGroupList, maintenanceList };
  };

  const heartbeatBody = (): unknown => {
    const at = now();
    const count = version === '1.23' ? 50 : 100;
    const heartbeatList: Record<string, unknown[]> = {};
    const uptimeList: Record<string, number> = {};
    for (const timeline of timelines.values()) {
      if (timeline.monitor.group === null) continue;
      const id = String(timeline.monitor.id);
      heartbeatList[id] = timeline.beats(at, count).map((beat) => ({ status: beat.status, time: formatKumaTime(beat.at), msg: '', ping: beat.ping }));
      uptimeList[`${id}_24`] = timeline.uptime24h(at);
    }
    return { heartbeatList, uptimeList };
  };

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, {
      'X-Frame-Options': 'SAMEORIGIN',
      'cache-control': 'no-cache',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ETag: etag(body),
    });
    res.end(body);
  };

  /** apicache: serve what is cached for this URL unless told to bypass. */
  const cached = (req: IncomingMessage, ttlMs: number, build: () => string): string => {
    const key = req.url ?? '';
    const bypass = Boolean(req.headers['x-apicache-bypass']);
    const hit = cache.get(key);
    if (!bypass && hit && hit.until > now()) return hit.body;
    const body = build();
    if (!bypass) cache.set(key, { body, until: now() + ttlMs });
    return body;
  };

  return {
    statusPageBody: (requested) => (matches(requested) ? pageBody() : null),
    heartbeatBody: (requested) => (matches(requested) ? heartbeatBody() : { heartbeatList: {}, uptimeList: {} }),
    control: {
      version,
      slug,
      timelines,
      setMonitorState(id, state) {
        const timeline = timelines.get(id);
        if (!timeline) throw new Error(`The simulator has no monitor ${id}.`);
        timeline.override(state, now());
      },
      setIncident: pin,
      clearCache: () => cache.clear(),
    },
    handle(req, res, path) {
      const beat = /^\/api\/status-page\/heartbeat\/([^/]+)$/.exec(path);
      if (beat) {
        const body = matches(beat[1]!) ? cached(req, HEARTBEAT_TTL_MS, () => JSON.stringify(heartbeatBody())) : JSON.stringify({ heartbeatList: {}, uptimeList: {} });
        send(res, 200, body);
        return true;
      }
      const page = /^\/api\/status-page\/([^/]+)$/.exec(path);
      if (page) {
        if (!matches(page[1]!)) send(res, 404, JSON.stringify({ status: 'fail', msg: 'Status Page Not Found' }));
        else send(res, 200, cached(req, PAGE_TTL_MS, () => JSON.stringify(pageBody())));
        return true;
      }
      return false;
    },
    metrics() {
      const at = now();
      const list = [...timelines.values()];
      const lines: string[] = [];
      const metric = (name: string, help: string, rows: string[]): void => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...rows, '');
      };
      if (version === '2.5') {
        metric(
          'monitor_uptime_ratio',
          "Uptime ratio calculated over sliding window specified by the 'window' label. (0.0 - 1.0)",
          list.flatMap((t) => ['1d', '30d', '365d'].map((window) => `monitor_uptime_ratio${labels(version, t.monitor, `,window="${window}"`)} ${t.uptime24h(at)}`)),
        );
      }
      metric(
        'monitor_response_time',
        'Monitor Response Time (ms)',
        list.map((t) => `monitor_response_time${labels(version, t.monitor)} ${t.beats(at, 1)[0]?.ping ?? -1}`),
      );
      metric(
        'monitor_status',
        'Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)',
        list.map((t) => `monitor_status${labels(version, t.monitor)} ${t.codeAt(at)}`),
      );
      metric('app_version', 'The service version by package.json', [`app_version{version="${version}.0"} 1`]);
      return `${lines.join('\n')}\n`;
    },
  };
}
