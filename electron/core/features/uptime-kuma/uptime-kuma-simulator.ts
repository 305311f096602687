/**
 * An Uptime Kuma simulator for the demo homelab and tests, answering in
 * Kuma's wire format: the entry page, the public status pages with scripted
 * monitors (kuma-status-page-replies.ts), `/metrics` behind HTTP Basic auth
 * with the API key as the password, and the web app for other paths.
 */
import type { RequestListener } from 'node:http';
import { requestPath, sendJson } from '../../hosting/simulator-replies';
import { basicPasswordOf } from './kuma-basic-auth';
import { createKumaStatusPages, type KumaStatusPages, type KumaStatusPagesOptions } from './kuma-status-page-replies';

/** The API key the simulator accepts (Kuma's keys look like `uk<id>_<secret>`). */
export const UPTIME_KUMA_SIMULATOR_API_KEY = 'uk1_demo-uptime-kuma-key';
/** The public status page it serves. */
export const UPTIME_KUMA_SIMULATOR_SLUG = 'homelab';

export interface UptimeKumaSimulatorHandler {
  readonly handler: RequestListener;
  readonly pages: KumaStatusPages;
}

export function createUptimeKumaHandler(options: KumaStatusPagesOptions & { readonly apiKey?: string } = {}): UptimeKumaSimulatorHandler {
  const apiKey = options.apiKey ?? UPTIME_KUMA_SIMULATOR_API_KEY;
  const pages = createKumaStatusPages({ slug: UPTIME_KUMA_SIMULATOR_SLUG, ...options });
  const handler: RequestListener = (req, res) => {
    const path = requestPath(req);
    if (path === '/api/entry-page') return sendJson(res, 200, { type: 'entryPage', entryPage: 'dashboard' });
    if (pages.handle(req, res, path)) return;
    if (path === '/metrics') {
      if (basicPasswordOf(req) !== apiKey) {
        res.writeHead(401, { 'www-authenticate': 'Basic', 'content-length': 0 }).end();
        return;
      }
      const body = pages.metrics();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    sendJson(res, 404, { status: 'fail', msg: 'Not Found' });
  };
  return { handler, pages };
}

/** The demo's simulator: the demo monitors on the real clock. */
export const uptimeKumaSimulator: RequestListener = createUptimeKumaHandler().handler;
