/**
 * The built-in demo homelab: small simulators of Plex, Overseerr and Uptime Kuma
 * on loopback ports, hosted by the core for the demo profile, so `npm run demo`
 * shows live services on a machine that has none. They answer in the real wire
 * formats (../shared/contracts/PROTOCOLS.md); later areas add their endpoints here.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ServiceName, SettingsPatch } from '../../../shared/contract/schemas/settings-schemas';
import type { HttpListenerHost } from '../hosting/http-listeners';

export const DEMO_SECRETS = {
  'plex.token': 'demo-plex-token',
  'overseerr.apiKey': 'demo-overseerr-api-key',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function path(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://demo').pathname;
}

/** Plex Media Server: `/identity` needs no token; XML unless JSON is asked for. */
export const demoPlex: RequestListener = (req, res) => {
  if (path(req) === '/identity') {
    const identity = { size: 0, claimed: true, machineIdentifier: 'medianest-demo-0001', version: '1.41.3.9314-a0bfb8370' };
    if ((req.headers.accept ?? '').includes('application/json')) return sendJson(res, 200, { MediaContainer: identity });
    res.writeHead(200, { 'content-type': 'text/xml;charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="1" machineIdentifier="${identity.machineIdentifier}" version="${identity.version}">\n</MediaContainer>\n`);
    return;
  }
  if (req.headers['x-plex-token'] !== DEMO_SECRETS['plex.token']) {
    res.writeHead(401, { 'content-type': 'text/html' });
    res.end('<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>');
    return;
  }
  res.writeHead(404).end();
};

/** Overseerr: `/api/v1/status` is public; everything else needs the API key (403 otherwise). */
export const demoOverseerr: RequestListener = (req, res) => {
  if (path(req) === '/api/v1/status') {
    return sendJson(res, 200, { version: '1.34.0', commitTag: 'demo', updateAvailable: false, commitsBehind: 0, restartRequired: false });
  }
  if (req.headers['x-api-key'] !== DEMO_SECRETS['overseerr.apiKey']) {
    return sendJson(res, 403, { status: 403, error: 'You do not have permission to access this endpoint' });
  }
  sendJson(res, 404, { message: 'Not Found', errors: [] });
};

/** Uptime Kuma: the entry page answer every Kuma server gives without auth. */
export const demoUptimeKuma: RequestListener = (req, res) => {
  if (path(req) === '/api/entry-page') return sendJson(res, 200, { type: 'entryPage', entryPage: 'dashboard' });
  sendJson(res, 404, { status: 'fail', msg: 'Not Found' });
};

const simulators: Record<ServiceName, RequestListener> = {
  plex: demoPlex,
  overseerr: demoOverseerr,
  'uptime-kuma': demoUptimeKuma,
};

/** Starts every simulator on a free loopback port; returns the settings that point the app at them. */
export async function startDemoHomelab(listeners: HttpListenerHost): Promise<SettingsPatch> {
  const services: NonNullable<SettingsPatch['services']> = {};
  for (const [service, handler] of Object.entries(simulators) as [ServiceName, RequestListener][]) {
    const listener = await listeners.listen({ name: `demo-${service}`, host: '127.0.0.1', port: 0, handler });
    services[service] = { enabled: true, baseUrl: `http://127.0.0.1:${listener.port}` };
  }
  return { services, secrets: { ...DEMO_SECRETS } };
}
