/**
 * An Uptime Kuma simulator for the demo homelab and tests, answering as Kuma
 * 2.x does: the public entry-page and status-page JSON, `/metrics` behind HTTP
 * Basic auth with an API key as the password (401 with a Basic challenge
 * otherwise), 302 from `/` to `/dashboard`, and the web app (200, HTML) for
 * every other path, since Kuma is a single-page app.
 */
import { basicPassword, requestPath, sendBody, sendHtml, sendJson } from '../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';

/** The API key the simulator accepts unless told otherwise (Kuma's keys look like `uk<id>_<secret>`). */
export const UPTIME_KUMA_SIMULATOR_API_KEY = 'uk1_demo-uptime-kuma-key';
/** The public status page the simulator serves unless told otherwise. */
export const UPTIME_KUMA_SIMULATOR_SLUG = 'homelab';

export interface UptimeKumaSimulatorOptions extends SimulatorHosting {
  readonly apiKey?: string;
  readonly statusPageSlug?: string;
}

export type UptimeKumaSimulator = Simulator<SimulatorControl & { readonly apiKey: string; readonly statusPageSlug: string }>;

const WEB_APP = '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Uptime Kuma</title></head><body><div id="app"></div></body></html>';

const monitors = [
  { id: 1, name: 'Media server', sendUrl: 0, type: 'http', status: 1 },
  { id: 2, name: 'Requests', sendUrl: 0, type: 'http', status: 1 },
];

function statusPage(slug: string) {
  return {
    config: {
      slug,
      title: 'Homelab',
      description: null,
      icon: '/icon.svg',
      autoRefreshInterval: 300,
      theme: 'auto',
      published: true,
      showTags: false,
      customCSS: null,
      footerText: null,
      showPoweredBy: true,
      analyticsId: null,
      analyticsScriptUrl: null,
      analyticsType: null,
      showCertificateExpiry: false,
      showOnlyLastHeartbeat: false,
      rssTitle: null,
    },
    incidents: [],
    publicGroupList: [{ id: 1, name: 'Services', weight: 1, monitorList: monitors.map(({ id, name, sendUrl, type }) => ({ id, name, sendUrl, type })) }],
    maintenanceList: [],
  };
}

function metrics(): string {
  const lines = ['# HELP monitor_status Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)', '# TYPE monitor_status gauge'];
  for (const monitor of monitors) {
    lines.push(`monitor_status{monitor_id="${monitor.id}",monitor_name="${monitor.name}",monitor_type="http",monitor_url="http://127.0.0.1/",monitor_hostname="null",monitor_port="null"} ${monitor.status}`);
  }
  return `${lines.join('\n')}\n`;
}

export function createUptimeKumaSimulator(options: UptimeKumaSimulatorOptions = {}): Promise<UptimeKumaSimulator> {
  const apiKey = options.apiKey ?? UPTIME_KUMA_SIMULATOR_API_KEY;
  const statusPageSlug = options.statusPageSlug ?? UPTIME_KUMA_SIMULATOR_SLUG;
  return startSimulator(
    (req, res) => {
      const path = requestPath(req);
      if (path === '/') return sendBody(res, 302, 'text/plain; charset=utf-8', 'Found. Redirecting to /dashboard', { location: '/dashboard' });
      if (path === '/api/entry-page') return sendJson(res, 200, { type: 'entryPage', entryPage: 'dashboard' });
      const page = /^\/api\/status-page\/([^/]+)$/.exec(path);
      if (page) {
        // Kuma 2.x looks slugs up in lower case.
        if (decodeURIComponent(page[1]!).toLowerCase() !== statusPageSlug) return sendJson(res, 404, { status: 'fail', msg: 'Status Page Not Found' });
        return sendJson(res, 200, statusPage(statusPageSlug));
      }
      if (path === '/metrics') {
        if (basicPassword(req) !== apiKey) return sendBody(res, 401, null, '', { 'www-authenticate': 'Basic' });
        return sendBody(res, 200, 'text/plain; version=0.0.4; charset=utf-8', metrics());
      }
      sendHtml(res, 200, WEB_APP);
    },
    { ...options, name: options.name ?? 'uptime-kuma-simulator' },
    { apiKey, statusPageSlug },
  );
}
