/**
 * A plex.tv simulator for the demo homelab and tests: the account endpoint a
 * token is checked against, answering as plex.tv does.
 */
import type { RequestListener } from 'node:http';
import { requestPath, sendJson } from '../../hosting/simulator-replies';
import { PLEX_SIMULATOR_TOKEN } from './plex-simulator';

/** `/api/v2/user` answers the account for a token it knows, and 401 otherwise. */
export const plexTvSimulator: RequestListener = (req, res) => {
  if (requestPath(req) !== '/api/v2/user') return sendJson(res, 404, { errors: [{ code: 1002, message: 'Not Found', status: 404 }] });
  if (req.headers['x-plex-token'] !== PLEX_SIMULATOR_TOKEN) {
    return sendJson(res, 401, { errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] });
  }
  sendJson(res, 200, {
    id: 1,
    uuid: 'medianest-demo-user',
    username: 'demo',
    email: 'demo@medianest.invalid',
    title: 'Demo',
    authToken: PLEX_SIMULATOR_TOKEN,
  });
};
