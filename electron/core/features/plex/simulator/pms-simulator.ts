/**
 * A Plex Media Server simulator: the endpoints MediaNest uses, in Plex's wire
 * format (XML unless `Accept: application/json`), 401 without a valid token,
 * over a generated library of any size, with controls for tests, the
 * benchmark and the demo (change and delete items, ignore the `updatedAt`
 * filter, fault modes, sessions).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createSimLibrary, type SimLibrary, type SimSectionSpec } from './sim-library';
import { toMetadata } from './sim-metadata';
import { applyFault, plexParam, recordRequest, sendHtmlError, sendPlex, type RecordedPlexRequest, type SimFault } from './sim-http';
import {
  isImagePath,
  sendHubSearch,
  sendMetadata,
  sendOnDeck,
  sendOriginalImage,
  sendRecentlyAdded,
  sendSectionAll,
  sendSections,
  sendTranscodedPhoto,
  type PmsReadContext,
} from './pms-library-routes';
import {
  handleAddToCollection,
  handleCreateCollection,
  handleRefresh,
  sendCollectionChildren,
  sendSectionCollections,
  type PmsWriteState,
  type SimCollection,
  type SimScan,
} from './pms-write-routes';

export interface SimSession {
  readonly ratingKey: string;
  readonly state: 'playing' | 'paused' | 'buffering';
  /** Whether the player is on this machine's network. */
  readonly local?: boolean;
  readonly player?: string;
}

export interface PmsSimulatorOptions {
  readonly sections?: readonly SimSectionSpec[];
  readonly seed?: number;
  readonly epoch?: number;
  /** Tokens the server accepts (the server's `accessToken` from plex.tv). */
  readonly tokens?: readonly string[];
  readonly machineIdentifier?: string;
  readonly friendlyName?: string;
  readonly scanDelayMs?: number;
  /** Keep at most this many recorded requests (default 50,000). */
  readonly recordLimit?: number;
}

export interface PmsSimulatorControl {
  readonly library: SimLibrary;
  readonly machineIdentifier: string;
  /** Every request received, oldest first (bounded). */
  readonly requests: readonly RecordedPlexRequest[];
  readonly scans: readonly SimScan[];
  readonly collections: ReadonlyMap<string, SimCollection>;
  clearRequests(): void;
  /** Item-list requests (`/library/sections/{id}/all`) received, optionally only those asking for full items. */
  itemPageRequests(options?: { keysOnly?: boolean }): RecordedPlexRequest[];
  setFault(fault: SimFault | undefined): void;
  /** Ignore every `updatedAt` filter and answer everything, as some servers do. */
  setIgnoreUpdatedAtFilter(ignore: boolean): void;
  /** Which spellings (`>`, `>>`, `>=`, `>>=`) filter; the rest are ignored. */
  setHonouredOperators(operators: readonly string[]): void;
  setTokens(tokens: readonly string[]): void;
  setSessions(sessions: readonly SimSession[]): void;
  /** A file the server can see (as if it were on its disk), picked up by the next scan of its folder. */
  placeFile(path: string): void;
  changeItems(sectionKey: string, count: number): string[];
  deleteItems(sectionKey: string, count: number): string[];
}

export interface PmsSimulator {
  readonly handler: RequestListener;
  readonly control: PmsSimulatorControl;
  dispose(): void;
}

export const DEFAULT_SIM_SECTIONS: readonly SimSectionSpec[] = [
  { key: '1', title: 'Movies', type: 'movie', size: 120, locations: ['/data/movies'] },
  { key: '2', title: 'TV Shows', type: 'show', size: 40, locations: ['/data/tv'] },
];

const DEFAULT_OPERATORS = ['>', '>>'];

export function createPmsSimulator(options: PmsSimulatorOptions = {}): PmsSimulator {
  const machineIdentifier = options.machineIdentifier ?? 'medianest-sim-0001';
  const friendlyName = options.friendlyName ?? 'Living Room';
  const library = createSimLibrary({
    sections: options.sections ?? DEFAULT_SIM_SECTIONS,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.epoch === undefined ? {} : { epoch: options.epoch }),
  });
  const recordLimit = options.recordLimit ?? 50_000;
  let tokens = new Set(options.tokens ?? ['sim-server-token']);
  let fault: SimFault | undefined;
  let honoured = new Set(DEFAULT_OPERATORS);
  let ignoreFilter = false;
  let sessions: readonly SimSession[] = [];
  let requests: RecordedPlexRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const noOperators = new Set<string>();

  const write: PmsWriteState = {
    library,
    machineIdentifier,
    scans: [],
    collections: new Map(),
    placedFiles: new Set(),
    knownFiles: new Set(),
    scanDelayMs: options.scanDelayMs ?? 50,
    timers: new Set(),
  };
  const read: PmsReadContext = {
    library,
    machineIdentifier,
    honouredOperators: () => (ignoreFilter ? noOperators : honoured),
  };

  const identity = { size: 0, claimed: true, machineIdentifier, version: '1.41.3.9314-a0bfb8370' };

  const sendSessions = (req: IncomingMessage, res: ServerResponse): void => {
    const entries = sessions.flatMap((session, n) => {
      const item = library.byRatingKey(session.ratingKey);
      if (!item) return [];
      return [
        {
          ...toMetadata(item),
          sessionKey: String(n + 1),
          viewOffset: item.duration / 3,
          Player: {
            address: session.local === false ? '203.0.113.7' : '127.0.0.1',
            local: session.local ?? true,
            machineIdentifier: `player-${n + 1}`,
            platform: 'Linux',
            product: session.player ?? 'Plex HTPC',
            state: session.state,
            title: session.player ?? 'Media PC',
          },
          Session: { bandwidth: 20_000, id: `session-${n + 1}`, location: session.local === false ? 'wan' : 'lan' },
          User: { id: '1', thumb: '', title: 'owner' },
        },
      ];
    });
    sendPlex(req, res, 200, { MediaContainer: { size: entries.length, Metadata: entries } });
  };

  const route = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/identity') return sendPlex(req, res, 200, { MediaContainer: identity });
    const token = plexParam(req, url, 'X-Plex-Token');
    if (!token || !tokens.has(token)) return sendHtmlError(res, 401, 'Unauthorized');

    if (path === '/') return sendPlex(req, res, 200, { MediaContainer: { size: 0, friendlyName, machineIdentifier, version: identity.version, myPlex: true } });
    if (path === '/library/sections' || path === '/library/sections/all') return sendSections(read, req, res);
    if (path === '/library/recentlyAdded') return sendRecentlyAdded(read, library.sections, req, url, res);
    if (path === '/library/onDeck') return sendOnDeck(read, req, url, res);
    if (path === '/hubs/search') return sendHubSearch(read, req, url, res);
    if (path === '/photo/:/transcode') return sendTranscodedPhoto(read, url, res);
    if (path === '/status/sessions') return sendSessions(req, res);
    if (path === '/library/collections' && method === 'POST') return handleCreateCollection(write, req, url, res);
    if (isImagePath(path)) return sendOriginalImage(read, path, res);

    let match = /^\/library\/sections\/([^/]+)(?:\/(all|refresh|recentlyAdded|collections))?$/.exec(path);
    if (match) {
      const section = library.section(match[1]!);
      if (!section) return sendHtmlError(res, 404, 'Not Found');
      switch (match[2]) {
        case 'all':
          return sendSectionAll(read, section, req, url, res);
        case 'refresh':
          return handleRefresh(write, section, req, url, res);
        case 'recentlyAdded':
          return sendRecentlyAdded(read, [section], req, url, res);
        case 'collections':
          return sendSectionCollections(write, section.spec.key, req, res);
        default:
          return sendPlex(req, res, 200, { MediaContainer: { size: 0, key: section.spec.key, title1: section.spec.title } });
      }
    }
    if ((match = /^\/library\/metadata\/([\d,]+)$/.exec(path))) return sendMetadata(read, match[1]!, req, res);
    if ((match = /^\/library\/collections\/(\d+)\/items$/.exec(path)) && method === 'PUT') return handleAddToCollection(write, match[1]!, req, url, res);
    if ((match = /^\/library\/collections\/(\d+)\/children$/.exec(path))) return sendCollectionChildren(write, match[1]!, req, res);
    sendHtmlError(res, 404, 'Not Found');
  };

  const handler: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://pms.invalid');
    requests.push(recordRequest(req, url));
    if (requests.length > recordLimit) requests = requests.slice(-Math.floor(recordLimit / 2));
    void (async () => {
      if (fault?.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
      }
      if (await applyFault(fault, req, res)) return;
      try {
        route(req, res, url);
      } catch {
        if (!res.headersSent) sendHtmlError(res, 500, 'Internal Server Error');
        else res.destroy();
      }
    })();
  };

  const control: PmsSimulatorControl = {
    library,
    machineIdentifier,
    get requests() {
      return requests;
    },
    scans: write.scans,
    collections: write.collections,
    clearRequests() {
      requests = [];
    },
    itemPageRequests(filter = {}) {
      return requests.filter((request) => {
        if (!/^\/library\/sections\/[^/]+\/all$/.test(request.path)) return false;
        // A count request (size 0) fetches no items.
        if (request.containerSize === '0') return false;
        const keysOnly = new URLSearchParams(request.query).get('includeFields') === 'ratingKey';
        return filter.keysOnly === undefined || filter.keysOnly === keysOnly;
      });
    },
    setFault(next) {
      fault = next;
      if (!next) for (const res of hanging) res.destroy();
    },
    setIgnoreUpdatedAtFilter(ignore) {
      ignoreFilter = ignore;
    },
    setHonouredOperators(operators) {
      honoured = new Set(operators);
    },
    setTokens(next) {
      tokens = new Set(next);
    },
    setSessions(next) {
      sessions = next;
    },
    placeFile(path) {
      write.placedFiles.add(path);
    },
    changeItems: (sectionKey, count) => library.change(sectionKey, count),
    deleteItems: (sectionKey, count) => library.remove(sectionKey, count),
  };

  return {
    handler,
    control,
    dispose() {
      for (const timer of write.timers) clearTimeout(timer);
      write.timers.clear();
      for (const res of hanging) res.destroy();
    },
  };
}
