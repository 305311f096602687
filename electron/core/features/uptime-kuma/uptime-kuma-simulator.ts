/**
 * An Uptime Kuma simulator for the demo homelab and tests, answering in
 * Kuma's wire format.
 */
import type { RequestListener } from 'node:http';
import { requestPath, sendJson } from '../../hosting/simulator-replies';

/** The entry page answer every Kuma server gives without auth. */
export const uptimeKumaSimulator: RequestListener = (req, res) => {
  if (requestPath(req) === '/api/entry-page') return sendJson(res, 200, { type: 'entryPage', entryPage: 'dashboard' });
  sendJson(res, 404, { status: 'fail', msg: 'Not Found' });
};
