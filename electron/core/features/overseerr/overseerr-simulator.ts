/**
 * An Overseerr simulator for the demo homelab and tests, answering in
 * Overseerr's wire format.
 */
import type { RequestListener } from 'node:http';
import { requestPath, sendJson } from '../../hosting/simulator-replies';

/** The API key the simulator accepts. */
export const OVERSEERR_SIMULATOR_API_KEY = 'demo-overseerr-api-key';

/** `/api/v1/status` is public; everything else needs the API key (403 otherwise). */
export const overseerrSimulator: RequestListener = (req, res) => {
  if (requestPath(req) === '/api/v1/status') {
    return sendJson(res, 200, { version: '1.34.0', commitTag: 'demo', updateAvailable: false, commitsBehind: 0, restartRequired: false });
  }
  if (req.headers['x-api-key'] !== OVERSEERR_SIMULATOR_API_KEY) {
    return sendJson(res, 403, { status: 403, error: 'You do not have permission to access this endpoint' });
  }
  sendJson(res, 404, { message: 'Not Found', errors: [] });
};
