/**
 * A Plex Media Server simulator for the demo homelab and tests, answering in
 * Plex's wire format.
 */
import type { RequestListener } from 'node:http';
import { requestPath, sendJson } from '../../hosting/simulator-replies';

/** The token the simulator accepts. */
export const PLEX_SIMULATOR_TOKEN = 'demo-plex-token';

/** `/identity` needs no token; XML unless JSON is asked for. */
export const plexSimulator: RequestListener = (req, res) => {
  if (requestPath(req) === '/identity') {
    const identity = { size: 0, claimed: true, machineIdentifier: 'medianest-demo-0001', version: '1.41.3.9314-a0bfb8370' };
    if ((req.headers.accept ?? '').includes('application/json')) return sendJson(res, 200, { MediaContainer: identity });
    res.writeHead(200, { 'content-type': 'text/xml;charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="1" machineIdentifier="${identity.machineIdentifier}" version="${identity.version}">\n</MediaContainer>\n`);
    return;
  }
  if (req.headers['x-plex-token'] !== PLEX_SIMULATOR_TOKEN) {
    res.writeHead(401, { 'content-type': 'text/html' });
    res.end('<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>');
    return;
  }
  res.writeHead(404).end();
};
