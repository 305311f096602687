/**
 * An Overseerr simulator for the demo homelab and tests, answering as
 * Overseerr 1.34 does (recorded answers of a real server are the reference):
 *
 * - `/api/v1/status` is public.
 * - Other documented `/api/v1` routes: no key is 401 from the request validator
 *   (it asks for the session cookie), then requests are validated against the
 *   API document (400), then a wrong key is 403.
 * - An undocumented `/api/v1` path is the validator's 404, key or not; a
 *   documented path with another method is its 405.
 * - Every path outside `/api/v1` is the web app, which sends a visitor who is
 *   not signed in to `/login` (307).
 *
 * Beyond that it keeps requests (simulator/sim-state.ts), sends webhooks with
 * the default template (simulator/sim-webhooks.ts), and offers test controls:
 * move requests along, drop webhooks, hang after storing a request, go down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_TMDB_IMAGE_BASE } from '../../../../shared/contract/areas/settings';
import { requestPath, sendBody, sendHtml, sendJson } from '../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';
import { REQUEST_STATUS } from './overseerr-statuses';
import { createSimCatalogue, titleKey, type SimCatalogueOptions, type SimTitle } from './simulator/sim-catalogue';
import { detailsJson, requestJson, resultJson, userJson } from './simulator/sim-json';
import { createSimState, PERMISSION, type ListFilter, type SimMedia, type SimRequest, type SimUser } from './simulator/sim-state';
import { validateCreateRequestBody, validateEnumParam, validateNumberParams, validateQuery, type ValidationFailure } from './simulator/sim-validation';
import { createWebhookSender, type WebhookDelivery, type WebhookSettings } from './simulator/sim-webhooks';

/** The API key the simulator accepts unless told otherwise. */
export const OVERSEERR_SIMULATOR_API_KEY = 'demo-overseerr-api-key';

export interface OverseerrSimulatorOptions extends SimulatorHosting, SimCatalogueOptions {
  readonly apiKey?: string;
  readonly version?: string;
  /** Permissions of the user the API key acts as (default ADMIN, which auto-approves). */
  readonly keyUserPermissions?: number;
  /** Move every open request one step along this often (the demo); default never. */
  readonly autoAdvanceMs?: number;
  /** The TMDB image base the webhook's `image` field names. */
  readonly imageBase?: string;
  readonly now?: () => number;
  /** A title became available: returns the rating key Plex gave it (the demo adds it to its Plex). */
  readonly onAvailable?: (title: SimTitle) => string | null | undefined;
}

/** Misbehaviour beyond the shared modes. */
export type OverseerrFault =
  /** API requests get no answer at all until the fault is cleared. */
  | { readonly kind: 'hang' }
  /** `POST /request` stores the request, then never answers: the client's timeout fires after the work was done. */
  | { readonly kind: 'store-then-hang' }
  /** Every API answer waits this long. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** API requests (public ones too) are answered with this status and nothing done, as a proxy or an overloaded server does. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** The work is done, then the answer is cut-off JSON. */
  | { readonly kind: 'malformed' };

export interface RecordedApiCall {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

export interface OverseerrSimulatorControl extends SimulatorControl {
  readonly apiKey: string;
  /** Every `/api/v1` call with its body and the status answered (probes included). */
  readonly apiCalls: readonly RecordedApiCall[];
  readonly webhooks: readonly WebhookDelivery[];
  readonly catalogue: ReadonlyMap<string, SimTitle>;
  /** The stored requests, in the JSON Overseerr sends. */
  requestsJson(): Record<string, unknown>[];
  request(id: number): SimRequest | undefined;
  requestFor(mediaType: 'movie' | 'tv', tmdbId: number): SimRequest[];
  /** One step along pending → approved → processing → available; false at the end. */
  advance(id: number): boolean;
  /** Every open request one step. */
  advanceAll(): number;
  decline(id: number): void;
  fail(id: number): void;
  makeAvailable(id: number): void;
  /** Where webhooks go, as Overseerr's webhook settings hold it. */
  setWebhook(settings: Partial<WebhookSettings>): void;
  /** Drop every webhook from now on (they are recorded as dropped, never sent). */
  dropWebhooks(drop: boolean): void;
  sendTestNotification(): Promise<WebhookDelivery | undefined>;
  /** Resolves once every webhook sent so far has been answered. */
  webhooksSettled(): Promise<void>;
  setFault(fault: OverseerrFault | undefined): void;
  setKeyUserPermissions(permissions: number): void;
  setQuota(quota: { movie?: { limit: number; days: number } | null; tv?: { limit: number; days: number } | null }): void;
  setAutoAdvance(everyMs: number | null): void;
  /** Called right after a request is stored, before the answer leaves (tests crash clients there). */
  onRequestStored(listener: (request: SimRequest) => void): () => void;
}

export type OverseerrSimulator = Simulator<OverseerrSimulatorControl>;

const API = '/api/v1';
const MAX_BODY = 1024 * 1024;

type Params = Record<string, string>;

interface Call {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Params;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly user: SimUser;
}

interface Operation {
  /** Null: public, no key needed. */
  readonly permission?: number | null;
  readonly validate?: (call: { params: Params; rawQuery: string; body: unknown }) => ValidationFailure | null;
  readonly handle: (call: Call) => void | Promise<void>;
}

interface RouteSpec {
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly methods: Readonly<Partial<Record<string, Operation>>>;
}

function route(path: string, methods: RouteSpec['methods']): RouteSpec {
  const names: string[] = [];
  const pattern = new RegExp(`^${path.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
  return { pattern, names, methods };
}

function validatorError(res: ServerResponse, status: number, path: string, message: string): void {
  sendJson(res, status, { message, errors: [{ path, message }] });
}

const FORBIDDEN = { status: 403, error: 'You do not have permission to access this endpoint' };

function webApp(res: ServerResponse, path: string): void {
  if (path === '/login') {
    sendHtml(res, 200, '<!DOCTYPE html><html><head><title>Sign In - Overseerr</title></head><body><div id="__next"></div></body></html>');
    return;
  }
  // Next.js answers the redirect with no body.
  sendBody(res, 307, null, '', { location: '/login' });
}

function readBody(req: IncomingMessage): Promise<{ ok: true; text: string } | { ok: false; status: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve({ ok: false, status: 413 });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ ok: false, status: 400 }));
  });
}

export function createOverseerrSimulator(options: OverseerrSimulatorOptions = {}): Promise<OverseerrSimulator> {
  const apiKey = options.apiKey ?? OVERSEERR_SIMULATOR_API_KEY;
  const now = options.now ?? Date.now;
  const status = { version: options.version ?? '1.34.0', commitTag: 'demo', updateAvailable: false, commitsBehind: 0, restartRequired: false };
  const catalogue = createSimCatalogue(options);
  const webhooks = createWebhookSender(options.imageBase ?? DEFAULT_TMDB_IMAGE_BASE);
  const state = createSimState({
    catalogue,
    now,
    notify: (notification) => void webhooks.send(notification),
    onAvailable: (media: SimMedia) => options.onAvailable?.(media.title),
  });
  const keyUser = state.users.get(1)!;
  keyUser.permissions = options.keyUserPermissions ?? PERMISSION.ADMIN;
  const apiCalls: RecordedApiCall[] = [];
  const hanging = new Set<ServerResponse>();
  let fault: OverseerrFault | undefined;
  let autoAdvance: ReturnType<typeof setInterval> | undefined;
  const storedListeners = new Set<(request: SimRequest) => void>();

  const requestCount = (user: SimUser): number => [...state.requests.values()].filter((request) => request.requestedBy === user).length;
  const json = (request: SimRequest, withSeasonCount = false) => requestJson(request, requestCount, { withSeasonCount });
  const findRequest = (res: ServerResponse, id: string): SimRequest | undefined => {
    const found = state.requests.get(Number(id));
    if (!found) sendJson(res, 404, { message: 'Request not found.' });
    return found;
  };
  const hang = (res: ServerResponse): void => {
    hanging.add(res);
    res.once('close', () => hanging.delete(res));
  };

  const routes: readonly RouteSpec[] = [
    route('/status', { GET: { permission: null, handle: ({ res }) => sendJson(res, 200, status) } }),
    route('/auth/me', { GET: { handle: ({ res, user }) => sendJson(res, 200, userJson(user, requestCount(user))) } }),
    route('/search', {
      GET: {
        validate: ({ rawQuery }) => validateQuery(rawQuery, { query: { type: 'string', required: true }, page: { type: 'number' }, language: { type: 'string' } }),
        handle: ({ res, query }) => {
          const words = (query.get('query') ?? '').toLowerCase().trim();
          const page = Math.max(1, Number(query.get('page') ?? 1));
          const found = [...catalogue.values()].filter((title) => words !== '' && title.title.toLowerCase().includes(words));
          const results = found.slice((page - 1) * 20, page * 20).map((title) => resultJson(title, state.mediaOf(title.mediaType, title.tmdbId)));
          // TMDB's multi-search also finds people; clients must skip them.
          if (page === 1 && found.length > 0) results.push({ id: 9_000_001, mediaType: 'person', name: `${found[0]!.title} Cast Member`, profilePath: null, adult: false, knownFor: [] });
          sendJson(res, 200, { page, totalPages: Math.max(1, Math.ceil(found.length / 20)), totalResults: found.length, results });
        },
      },
    }),
    ...(['movie', 'tv'] as const).map((mediaType) => {
      const param = mediaType === 'movie' ? 'movieId' : 'tvId';
      return route(`/${mediaType}/{${param}}`, {
        GET: {
          validate: ({ params, rawQuery }) => validateNumberParams(params, [param]) ?? validateQuery(rawQuery, { language: { type: 'string' } }),
          handle: ({ res, params }) => {
            const title = catalogue.get(titleKey(mediaType, Number(params[param])));
            if (!title) return sendJson(res, 500, { message: `Unable to retrieve ${mediaType === 'movie' ? 'movie' : 'series'}.` });
            const media = state.mediaOf(mediaType, title.tmdbId);
            sendJson(res, 200, detailsJson(title, media, media ? state.requestsOf(media).map((request) => json(request)) : []));
          },
        },
      });
    }),
    route('/request', {
      GET: {
        validate: ({ rawQuery }) =>
          validateQuery(rawQuery, {
            take: { type: 'number', nullable: true },
            skip: { type: 'number', nullable: true },
            filter: { type: 'string', nullable: true, enum: ['all', 'approved', 'available', 'pending', 'processing', 'unavailable', 'failed'] },
            sort: { type: 'string', enum: ['added', 'modified'] },
            requestedBy: { type: 'number', nullable: true },
          }),
        handle: ({ res, query }) => {
          const take = Number(query.get('take') || 10);
          const skip = Number(query.get('skip') || 0);
          const { total, page } = state.list({ take, skip, filter: (query.get('filter') || 'all') as ListFilter, sort: query.get('sort') === 'modified' ? 'modified' : 'added' });
          sendJson(res, 200, { pageInfo: { pages: Math.ceil(total / take), pageSize: take, results: total, page: Math.ceil(skip / take) + 1 }, results: page.map((request) => json(request)) });
        },
      },
      POST: {
        permission: PERMISSION.REQUEST,
        validate: ({ body }) => validateCreateRequestBody(body),
        handle: ({ res, body, user }) => {
          const result = state.create(body as Parameters<typeof state.create>[0], user);
          if (result.status === 201) for (const listener of [...storedListeners]) listener(result.request);
          if (fault?.kind === 'store-then-hang') return hang(res);
          if (fault?.kind === 'malformed') return sendBody(res, result.status, 'application/json; charset=utf-8', '{"id": ');
          if (result.status === 201) sendJson(res, 201, json(result.request));
          else sendJson(res, result.status, { message: result.message });
        },
      },
    }),
    route('/request/count', {
      GET: {
        handle: ({ res }) => {
          const all = [...state.requests.values()];
          const count = (status: number) => all.filter((request) => request.status === status).length;
          const mediaCount = (status: number) => all.filter((request) => request.status === REQUEST_STATUS.APPROVED && request.media.status === status).length;
          sendJson(res, 200, {
            total: all.length,
            movie: all.filter((request) => request.media.title.mediaType === 'movie').length,
            tv: all.filter((request) => request.media.title.mediaType === 'tv').length,
            pending: count(REQUEST_STATUS.PENDING),
            approved: count(REQUEST_STATUS.APPROVED),
            declined: count(REQUEST_STATUS.DECLINED),
            processing: mediaCount(3),
            available: mediaCount(5),
          });
        },
      },
    }),
    route('/request/{requestId}', {
      GET: { handle: ({ res, params }) => void ((found) => found && sendJson(res, 200, json(found, true)))(findRequest(res, params.requestId!)) },
      DELETE: {
        handle: ({ res, params, user }) => {
          const found = findRequest(res, params.requestId!);
          if (!found) return;
          if (!state.hasPermission(user, PERMISSION.MANAGE_REQUESTS) && (found.requestedBy !== user || found.status !== REQUEST_STATUS.PENDING)) {
            return sendJson(res, 401, { message: 'You do not have permission to delete this request.' });
          }
          state.remove(found);
          sendBody(res, 204, null, '');
        },
      },
    }),
    route('/request/{requestId}/retry', {
      POST: {
        permission: PERMISSION.MANAGE_REQUESTS,
        handle: ({ res, params }) => {
          const found = findRequest(res, params.requestId!);
          if (!found) return;
          found.retries += 1;
          // Sending it to Radarr or Sonarr again gets an approved request moving.
          if (found.status === REQUEST_STATUS.APPROVED && found.media.status <= 2) state.advance(found);
          sendJson(res, 200, json(found));
        },
      },
    }),
    route('/request/{requestId}/{status}', {
      POST: {
        permission: PERMISSION.MANAGE_REQUESTS,
        validate: ({ params }) => validateEnumParam(params, 'status', ['approve', 'decline']),
        handle: ({ res, params, user }) => {
          const found = findRequest(res, params.requestId!);
          if (!found) return;
          state.setRequestStatus(found, params.status === 'approve' ? REQUEST_STATUS.APPROVED : REQUEST_STATUS.DECLINED, user);
          sendJson(res, 200, json(found));
        },
      },
    }),
    route('/user/{userId}/quota', {
      GET: {
        validate: ({ params }) => validateNumberParams(params, ['userId']),
        handle: ({ res, params, user }) => {
          const target = state.users.get(Number(params.userId));
          if (target !== user && !state.hasPermission(user, PERMISSION.MANAGE_USERS)) return sendJson(res, 403, { message: "You do not have permission to view this user's requests." });
          if (!target) return sendJson(res, 404, { message: 'User not found.' });
          sendJson(res, 200, state.quota(target));
        },
      },
    }),
    route('/settings/notifications/webhook', {
      GET: { permission: PERMISSION.ADMIN, handle: ({ res }) => sendJson(res, 200, { enabled: webhooks.settings.enabled, types: webhooks.settings.types, options: { ...webhooks.settings, enabled: undefined, types: undefined } }) },
    }),
    route('/settings/notifications/webhook/test', {
      POST: {
        permission: PERMISSION.ADMIN,
        handle: async ({ res }) => {
          const delivery = await webhooks.send({ type: 'TEST_NOTIFICATION' });
          if (delivery?.outcome === 'sent' || delivery?.outcome === 'dropped') sendBody(res, 204, null, '');
          else sendJson(res, 500, { message: 'Failed to send webhook notification.' });
        },
      },
    }),
  ];

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = requestPath(req);
    const method = req.method ?? 'GET';
    const record = (statusCode: number, body: unknown) => apiCalls.push({ method, url: req.url ?? '/', path, body, status: statusCode });
    const inner = path.slice(API.length) || '/';
    let params: Params = {};
    const spec = routes.find((candidate) => {
      const match = candidate.pattern.exec(inner);
      if (!match) return false;
      params = Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
      return true;
    });
    if (!spec) {
      record(404, undefined);
      return validatorError(res, 404, path, 'not found');
    }
    const operation = spec.methods[method];
    if (!operation) {
      record(405, undefined);
      return validatorError(res, 405, path, `${method} method not allowed`);
    }
    let body: unknown;
    if (method === 'POST' || method === 'PUT') {
      const read = await readBody(req);
      if (!read.ok) {
        record(read.status, undefined);
        return sendJson(res, read.status, { message: read.status === 413 ? 'request entity too large' : 'Bad request' });
      }
      // express.json() parses JSON bodies only; anything else arrives as {}.
      const isJson = (req.headers['content-type'] ?? '').includes('application/json');
      try {
        body = isJson && read.text !== '' ? JSON.parse(read.text) : {};
      } catch {
        record(400, read.text);
        return sendJson(res, 400, { message: 'Unexpected token in JSON' });
      }
    }
    const respond = (statusCode: number) => record(statusCode, body);
    res.once('finish', () => respond(res.statusCode));
    if (fault?.kind === 'status') return sendJson(res, fault.status, { message: `HTTP ${fault.status}` }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    if (fault?.kind === 'malformed' && !(method === 'POST' && inner === '/request')) return sendBody(res, 200, 'application/json; charset=utf-8', '{"results": [');
    if (operation.permission === null) return void (await operation.handle({ req, res, params, query: url.searchParams, body, user: keyUser }));
    // Express reads headers case-insensitively; Node lower-cases them.
    const key = req.headers['x-api-key'];
    if (key === undefined) return validatorError(res, 401, path, "cookie 'connect.sid' required");
    const invalid = operation.validate?.({ params, rawQuery: url.search.slice(1), body });
    if (invalid) return sendJson(res, invalid.status, { message: invalid.message, errors: invalid.errors });
    if (key !== apiKey) return sendJson(res, 403, FORBIDDEN);
    if (operation.permission !== undefined && !state.hasPermission(keyUser, operation.permission)) return sendJson(res, 403, FORBIDDEN);
    await operation.handle({ req, res, params, query: url.searchParams, body, user: keyUser });
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = requestPath(req);
    if (path !== API && !path.startsWith(`${API}/`)) return webApp(res, path);
    if (fault?.kind === 'hang') return hang(res);
    const run = () =>
      void answer(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { message: 'Something went wrong.' });
      });
    if (fault?.kind === 'slow') setTimeout(run, fault.delayMs).unref();
    else run();
  };

  const endHanging = (): void => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  };

  return startSimulator(handler, { ...options, name: options.name ?? 'overseerr-simulator' }, {
    apiKey,
    apiCalls,
    webhooks: webhooks.deliveries,
    catalogue,
    requestsJson: () => [...state.requests.values()].map((request) => json(request)),
    request: (id: number) => state.requests.get(id),
    requestFor: (mediaType: 'movie' | 'tv', tmdbId: number) => {
      const media = state.mediaOf(mediaType, tmdbId);
      return media ? state.requestsOf(media) : [];
    },
    advance: (id: number) => {
      const found = state.requests.get(id);
      return found ? state.advance(found) : false;
    },
    advanceAll: () => [...state.requests.values()].filter((request) => state.advance(request)).length,
    decline: (id: number) => {
      const found = state.requests.get(id);
      if (found) state.setRequestStatus(found, REQUEST_STATUS.DECLINED, keyUser);
    },
    fail: (id: number) => {
      const found = state.requests.get(id);
      if (found) state.setRequestStatus(found, REQUEST_STATUS.FAILED, null);
    },
    makeAvailable: (id: number) => {
      const found = state.requests.get(id);
      if (found) state.makeAvailable(found);
    },
    setWebhook: (settings: Partial<WebhookSettings>) => {
      Object.assign(webhooks.settings, { enabled: true, types: 4062, ...settings });
    },
    dropWebhooks: (drop: boolean) => {
      webhooks.dropping = drop;
    },
    sendTestNotification: () => webhooks.send({ type: 'TEST_NOTIFICATION' }),
    webhooksSettled: () => webhooks.settled(),
    setFault: (next: OverseerrFault | undefined) => {
      fault = next;
      if (!next) endHanging();
    },
    setKeyUserPermissions: (permissions: number) => {
      keyUser.permissions = permissions;
    },
    setQuota: (quota: { movie?: { limit: number; days: number } | null; tv?: { limit: number; days: number } | null }) => {
      if (quota.movie !== undefined) [keyUser.movieQuotaLimit, keyUser.movieQuotaDays] = quota.movie ? [quota.movie.limit, quota.movie.days] : [null, null];
      if (quota.tv !== undefined) [keyUser.tvQuotaLimit, keyUser.tvQuotaDays] = quota.tv ? [quota.tv.limit, quota.tv.days] : [null, null];
    },
    setAutoAdvance: (everyMs: number | null) => {
      if (autoAdvance) clearInterval(autoAdvance);
      autoAdvance = everyMs === null ? undefined : setInterval(() => [...state.requests.values()].forEach((request) => state.advance(request)), everyMs);
      autoAdvance?.unref();
    },
    onRequestStored: (listener: (request: SimRequest) => void) => {
      storedListeners.add(listener);
      return () => storedListeners.delete(listener);
    },
  }).then((simulator) => {
    if (options.autoAdvanceMs) simulator.control.setAutoAdvance(options.autoAdvanceMs);
    const baseReset = simulator.control.reset;
    simulator.control.reset = () => {
      baseReset();
      fault = undefined;
      endHanging();
    };
    return {
      ...simulator,
      close: async () => {
        simulator.control.setAutoAdvance(null);
        endHanging();
        await simulator.close();
      },
    };
  });
}
