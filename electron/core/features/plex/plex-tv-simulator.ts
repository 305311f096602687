/**
 * A plex.tv simulator for the demo homelab and tests: the account endpoint a
 * token is checked against, answering as plex.tv does (JSON errors, 401 for a
 * missing or unknown token).
 */
import { requestPath, sendJson } from '../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';
import { PLEX_SIMULATOR_TOKEN } from './plex-simulator';

export interface PlexTvSimulatorOptions extends SimulatorHosting {
  /** The account token it accepts; default the Plex simulator's. */
  readonly token?: string;
}

export type PlexTvSimulator = Simulator<SimulatorControl & { readonly token: string }>;

export const PLEX_TV_UNAUTHENTICATED = { errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] } as const;

export function createPlexTvSimulator(options: PlexTvSimulatorOptions = {}): Promise<PlexTvSimulator> {
  const token = options.token ?? PLEX_SIMULATOR_TOKEN;
  return startSimulator(
    (req, res) => {
      if (requestPath(req) !== '/api/v2/user') return sendJson(res, 404, { errors: [{ code: 1002, message: 'Not Found', status: 404 }] });
      if (req.headers['x-plex-token'] !== token) return sendJson(res, 401, PLEX_TV_UNAUTHENTICATED);
      sendJson(res, 200, { id: 1, uuid: 'medianest-demo-user', username: 'demo', email: 'demo@medianest.invalid', title: 'Demo', authToken: token });
    },
    { ...options, name: options.name ?? 'plex-tv-simulator' },
    { token },
  );
}
