/**
 * An Uptime Kuma simulator for the demo homelab and tests, answering as Kuma
 * 2.x does (or 1.23 / 2.0, by `version`): the public entry-page JSON, the
 * status pages with scripted monitors, their server-side cache and time format
 * (kuma-status-page-replies.ts), `/metrics` behind HTTP Basic auth with an API
 * key as the password (401 with a Basic challenge otherwise), 302 from `/` to
 * `/dashboard`, and the web app (200, HTML) for every other path, since Kuma
 * is a single-page app.
 */
import { basicPassword, requestPath, sendBody, sendHtml, sendJson } from '../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';
import { createKumaStatusPages, type KumaStatusPagesControl, type KumaStatusPagesOptions } from './kuma-status-page-replies';

/** The API key the simulator accepts unless told otherwise (Kuma's keys look like `uk<id>_<secret>`). */
export const UPTIME_KUMA_SIMULATOR_API_KEY = 'uk1_demo-uptime-kuma-key';
/** The public status page the simulator serves unless told otherwise. */
export const UPTIME_KUMA_SIMULATOR_SLUG = 'homelab';

export interface UptimeKumaSimulatorOptions extends SimulatorHosting, Omit<KumaStatusPagesOptions, 'slug'> {
  readonly apiKey?: string;
  readonly statusPageSlug?: string;
}

export type UptimeKumaControl = SimulatorControl & KumaStatusPagesControl & { readonly apiKey: string; readonly statusPageSlug: string };
export type UptimeKumaSimulator = Simulator<UptimeKumaControl>;

const WEB_APP = '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Uptime Kuma</title></head><body><div id="app"></div></body></html>';

export function createUptimeKumaSimulator(options: UptimeKumaSimulatorOptions = {}): Promise<UptimeKumaSimulator> {
  const apiKey = options.apiKey ?? UPTIME_KUMA_SIMULATOR_API_KEY;
  const statusPageSlug = options.statusPageSlug ?? UPTIME_KUMA_SIMULATOR_SLUG;
  const pages = createKumaStatusPages({ ...options, slug: statusPageSlug });
  return startSimulator(
    (req, res) => {
      const path = requestPath(req);
      if (path === '/') return sendBody(res, 302, 'text/plain; charset=utf-8', 'Found. Redirecting to /dashboard', { location: '/dashboard' });
      if (path === '/api/entry-page') return sendJson(res, 200, { type: 'entryPage', entryPage: 'dashboard' });
      if (pages.handle(req, res, path)) return;
      if (path === '/metrics') {
        if (basicPassword(req) !== apiKey) return sendBody(res, 401, null, '', { 'www-authenticate': 'Basic' });
        return sendBody(res, 200, 'text/plain; version=0.0.4; charset=utf-8', pages.metrics());
      }
      sendHtml(res, 200, WEB_APP);
    },
    { ...options, name: options.name ?? 'uptime-kuma-simulator' },
    // The status-page controls as they are: methods keep their closures, `timelines` its map.
    Object.assign(pages.control, { apiKey, statusPageSlug }),
  );
}
