/**
 * A Plex Media Server simulator for the demo homelab and tests, answering as
 * PMS does: XML unless the client sends `Accept: application/json`, `/identity`
 * without a token, and 401 (an HTML page) on every other path without a valid
 * token, given as the `X-Plex-Token` header or query parameter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { queryParam, requestPath, sendBody, sendHtml, sendJson } from '../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';

/** The token the simulator accepts unless told otherwise. */
export const PLEX_SIMULATOR_TOKEN = 'demo-plex-token';

export interface PlexSimulatorOptions extends SimulatorHosting {
  readonly token?: string;
  readonly machineIdentifier?: string;
}

export type PlexSimulator = Simulator<SimulatorControl & { readonly token: string; readonly machineIdentifier: string }>;

const VERSION = '1.41.3.9314-a0bfb8370';

type Attributes = Readonly<Record<string, string | number | boolean>>;

/** A MediaContainer and its children, rendered as PMS renders XML or JSON. */
interface Container {
  readonly attributes: Attributes;
  readonly children?: { readonly tag: string; readonly items: readonly Attributes[] };
}

const xmlEscape = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const xmlAttributes = (attributes: Attributes): string =>
  Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${xmlEscape(typeof value === 'boolean' ? (value ? '1' : '0') : String(value))}"`)
    .join('');

function sendContainer(req: IncomingMessage, res: ServerResponse, container: Container): void {
  const { attributes, children } = container;
  if ((req.headers.accept ?? '').includes('application/json')) {
    sendJson(res, 200, { MediaContainer: { ...attributes, ...(children ? { [children.tag]: children.items } : {}) } });
    return;
  }
  const inner = children?.items.map((item) => `<${children.tag}${xmlAttributes(item)} />\n`).join('') ?? '';
  sendBody(res, 200, 'text/xml;charset=utf-8', `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer${xmlAttributes(attributes)}>\n${inner}</MediaContainer>\n`);
}

const sections: readonly Attributes[] = [
  { key: '1', type: 'movie', title: 'Movies', agent: 'tv.plex.agents.movie', scanner: 'Plex Movie', language: 'en-US', uuid: 'a1b2c3d4-0001', updatedAt: 1767225600, scannedAt: 1767225600, refreshing: false },
  { key: '2', type: 'show', title: 'TV Shows', agent: 'tv.plex.agents.series', scanner: 'Plex TV Series', language: 'en-US', uuid: 'a1b2c3d4-0002', updatedAt: 1767225600, scannedAt: 1767225600, refreshing: false },
];

export function createPlexSimulator(options: PlexSimulatorOptions = {}): Promise<PlexSimulator> {
  const token = options.token ?? PLEX_SIMULATOR_TOKEN;
  const machineIdentifier = options.machineIdentifier ?? 'medianest-demo-0001';
  return startSimulator(
    (req, res) => {
      const path = requestPath(req);
      if (path === '/identity') {
        return sendContainer(req, res, { attributes: { size: 0, claimed: true, machineIdentifier, version: VERSION } });
      }
      const given = req.headers['x-plex-token'] ?? queryParam(req, 'X-Plex-Token');
      if (given !== token) {
        return sendHtml(res, 401, '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>');
      }
      if (path === '/library/sections') {
        return sendContainer(req, res, { attributes: { size: sections.length, allowSync: false, title1: 'Plex Library' }, children: { tag: 'Directory', items: sections } });
      }
      sendHtml(res, 404, '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>');
    },
    { ...options, name: options.name ?? 'plex-simulator' },
    { token, machineIdentifier },
  );
}
