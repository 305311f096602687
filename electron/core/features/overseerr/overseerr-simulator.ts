/**
 * An Overseerr simulator for the demo homelab and tests, answering as
 * Overseerr 1.34 does (recorded answers of a real server are the reference):
 *
 * - `/api/v1/status` is public.
 * - Other documented `/api/v1` routes: no key is 401 from the request validator
 *   (it asks for the session cookie), a wrong key is 403.
 * - An undocumented `/api/v1` path is the validator's 404, key or not.
 * - Every path outside `/api/v1` is the web app, which sends a visitor who is
 *   not signed in to `/login` (307).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestPath, sendBody, sendHtml, sendJson } from '../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';

/** The API key the simulator accepts unless told otherwise. */
export const OVERSEERR_SIMULATOR_API_KEY = 'demo-overseerr-api-key';

export interface OverseerrSimulatorOptions extends SimulatorHosting {
  readonly apiKey?: string;
  readonly version?: string;
}

export type OverseerrSimulator = Simulator<SimulatorControl & { readonly apiKey: string }>;

const API = '/api/v1';

/** The user an API key acts as (user 1, the admin). */
const ADMIN = {
  id: 1,
  email: 'admin@medianest.local',
  plexUsername: 'admin',
  username: null,
  userType: 1,
  permissions: 2,
  avatar: '/os_logo_square.png',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  requestCount: 0,
  displayName: 'admin',
};

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** The documented routes the simulator knows, each behind the API key. */
const authenticatedRoutes: Readonly<Record<string, Route>> = {
  [`GET ${API}/auth/me`]: (_req, res) => sendJson(res, 200, ADMIN),
  [`GET ${API}/request`]: (_req, res) => sendJson(res, 200, { pageInfo: { pages: 0, pageSize: 10, results: 0, page: 1 }, results: [] }),
};

function validatorError(res: ServerResponse, status: number, path: string, message: string): void {
  sendJson(res, status, { message, errors: [{ path, message }] });
}

function webApp(res: ServerResponse, path: string): void {
  if (path === '/login') {
    sendHtml(res, 200, '<!DOCTYPE html><html><head><title>Sign In - Overseerr</title></head><body><div id="__next"></div></body></html>');
    return;
  }
  // Next.js answers the redirect with no body.
  sendBody(res, 307, null, '', { location: '/login' });
}

export function createOverseerrSimulator(options: OverseerrSimulatorOptions = {}): Promise<OverseerrSimulator> {
  const apiKey = options.apiKey ?? OVERSEERR_SIMULATOR_API_KEY;
  const status = { version: options.version ?? '1.34.0', commitTag: 'demo', updateAvailable: false, commitsBehind: 0, restartRequired: false };
  return startSimulator(
    (req, res) => {
      const path = requestPath(req);
      if (path !== API && !path.startsWith(`${API}/`)) return webApp(res, path);
      if (req.method === 'GET' && path === `${API}/status`) return sendJson(res, 200, status);
      const route = authenticatedRoutes[`${req.method ?? 'GET'} ${path}`];
      if (!route) return validatorError(res, 404, path, 'not found');
      // Express reads headers case-insensitively; Node lower-cases them.
      const key = req.headers['x-api-key'];
      if (key === undefined) return validatorError(res, 401, path, "cookie 'connect.sid' required");
      if (key !== apiKey) return sendJson(res, 403, { status: 403, error: 'You do not have permission to access this endpoint' });
      route(req, res);
    },
    { ...options, name: options.name ?? 'overseerr-simulator' },
    { apiKey },
  );
}
