/**
 * A plex.tv simulator (API v2): PINs (create, poll, claim through a test hook,
 * an auth page, or by itself after a delay for the demo), the account
 * (`/api/v2/user`) and the account's servers (`/api/v2/resources`) with
 * local, remote and relay connections. XML unless `Accept: application/json`.
 *
 * This is the behaviour, as a request handler; ../plex-tv-simulator.ts hosts
 * it behind the shared simulator shape, and plex-sim-pair.ts beside a server.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { applyFault, plexParam, readBody, recordRequest, wantsJson, type RecordedPlexRequest, type SimFault } from './sim-http';
import { toPlexXml } from './sim-xml';

export interface SimConnection {
  readonly protocol: 'http' | 'https';
  readonly address: string;
  readonly port: number;
  readonly uri: string;
  readonly local: boolean;
  readonly relay: boolean;
  readonly IPv6?: boolean;
}

export interface SimResource {
  readonly name: string;
  readonly clientIdentifier: string;
  readonly accessToken: string;
  readonly connections: readonly SimConnection[];
  readonly httpsRequired?: boolean;
  readonly owned?: boolean;
  readonly provides?: string;
  readonly publicAddress?: string;
}

export interface SimPin {
  readonly id: number;
  readonly code: string;
  readonly strong: boolean;
  readonly clientIdentifier: string;
  readonly product: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  authToken: string | null;
}

export interface PlexTvHandlerOptions {
  /** Seconds a PIN lives (default 900, as plex.tv says). */
  readonly pinLifetimeS?: number;
  /** Claim every PIN by itself this long after it was made (the demo). */
  readonly autoClaimAfterMs?: number;
  readonly resources?: readonly SimResource[];
  readonly username?: string;
  /** Account tokens accepted from the start (tests and the demo that start signed in). */
  readonly tokens?: readonly string[];
  readonly now?: () => number;
}

export interface PlexTvControl {
  readonly requests: readonly RecordedPlexRequest[];
  readonly pins: ReadonlyMap<number, SimPin>;
  /** Claims a PIN (the newest unclaimed one by default) and returns the account token it got. */
  claimPin(id?: number): string;
  expirePin(id: number): void;
  revokeToken(token: string): void;
  /** Accepts a token without a PIN (tests that start signed in). */
  issueToken(token: string): void;
  setResources(resources: readonly SimResource[]): void;
  setFault(fault: SimFault | undefined): void;
  clearRequests(): void;
}

export interface PlexTvHandler {
  readonly handler: RequestListener;
  readonly control: PlexTvControl;
  dispose(): void;
}

/** Strong PINs are 25 characters of these, as plex.tv makes them. */
const PIN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const LOCATION = {
  code: 'NL',
  european_union_member: true,
  continent_code: 'EU',
  country: 'Netherlands',
  city: 'Amsterdam',
  time_zone: 'Europe/Amsterdam',
  postal_code: '1012',
  in_privacy_restricted_country: true,
  in_privacy_restricted_region: true,
  subdivisions: 'North Holland',
  coordinates: '52.3740, 4.8897',
};

function send(req: IncomingMessage, res: ServerResponse, status: number, json: unknown, xmlRoot: string): void {
  if (wantsJson(req)) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(json));
    return;
  }
  res.writeHead(status, { 'content-type': 'application/xml; charset=utf-8' });
  const body = Array.isArray(json) ? { [xmlRoot]: { size: json.length, [xmlRoot.replace(/s$/, '')]: json } } : { [xmlRoot]: json };
  res.end(toPlexXml(body as Record<string, unknown>));
}

function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: number, message: string): void {
  send(req, res, status, { errors: [{ code, message, status }] }, 'errors');
}

export function createPlexTvHandler(options: PlexTvHandlerOptions = {}): PlexTvHandler {
  const now = options.now ?? Date.now;
  const lifetimeMs = (options.pinLifetimeS ?? 900) * 1000;
  const pins = new Map<number, SimPin>();
  const tokens = new Set<string>(options.tokens);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let resources = options.resources ?? [];
  let fault: SimFault | undefined;
  let requests: RecordedPlexRequest[] = [];
  let nextPinId = 1_000_001;
  const username = options.username ?? 'household';

  const pinJson = (pin: SimPin): Record<string, unknown> => ({
    id: pin.id,
    code: pin.code,
    product: pin.product,
    trusted: false,
    qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
    clientIdentifier: pin.clientIdentifier,
    location: LOCATION,
    expiresIn: Math.max(0, Math.round((pin.expiresAt - now()) / 1000)),
    createdAt: iso(pin.createdAt),
    expiresAt: iso(pin.expiresAt),
    authToken: pin.authToken,
    newRegistration: null,
  });

  const claim = (pin: SimPin): string => {
    if (pin.authToken) return pin.authToken;
    const token = `sim-account-${randomBytes(9).toString('base64url')}`;
    tokens.add(token);
    pin.authToken = token;
    return token;
  };

  const user = (token: string): Record<string, unknown> => ({
    id: 4242,
    uuid: 'a1b2c3d4e5f60718',
    username,
    title: username,
    email: `${username}@example.invalid`,
    friendlyName: 'The Household',
    locale: null,
    confirmed: true,
    joinedAt: 1_600_000_000,
    emailOnlyAuth: false,
    hasPassword: true,
    protected: false,
    thumb: '',
    authToken: token,
    mailingListStatus: 'unsubscribed',
    mailingListActive: false,
    scrobbleTypes: '',
    country: 'NL',
    subscription: { active: true, subscribedAt: '2021-01-01T00:00:00Z', status: 'Active', paymentService: 'braintree', plan: 'lifetime', features: [] },
    subscriptionDescription: 'Lifetime Plex Pass',
    restricted: false,
    anonymous: null,
    home: true,
    guest: false,
    homeSize: 2,
    homeAdmin: true,
    maxHomeSize: 15,
    rememberExpiresAt: 1_900_000_000,
    profile: { autoSelectAudio: true, defaultAudioLanguage: 'en', defaultSubtitleLanguage: 'en', autoSelectSubtitle: 1, defaultSubtitleAccessibility: 0, defaultSubtitleForced: 1, watchedIndicator: 1, mediaReviewsVisibility: 0 },
    entitlements: [],
    roles: [],
    services: [],
    adsConsent: null,
    adsConsentSetAt: null,
    adsConsentReminderAt: null,
    experimentalFeatures: false,
    twoFactorEnabled: false,
    backupCodesCreated: false,
  });

  const resourceJson = (resource: SimResource): Record<string, unknown> => ({
    name: resource.name,
    product: 'Plex Media Server',
    productVersion: '1.41.3.9314-a0bfb8370',
    platform: 'Linux',
    platformVersion: '6.1.0',
    device: 'PC',
    clientIdentifier: resource.clientIdentifier,
    createdAt: iso(1_600_000_000_000),
    lastSeenAt: iso(now()),
    provides: resource.provides ?? 'server',
    ownerId: null,
    sourceTitle: null,
    publicAddress: resource.publicAddress ?? '203.0.113.7',
    accessToken: resource.accessToken,
    owned: resource.owned ?? true,
    home: false,
    synced: false,
    relay: resource.connections.some((connection) => connection.relay),
    presence: true,
    httpsRequired: resource.httpsRequired ?? false,
    publicAddressMatches: true,
    dnsRebindingProtection: false,
    natLoopbackSupported: false,
    connections: resource.connections.map((connection) => ({ IPv6: false, ...connection })),
  });

  const authPage = (url: URL, res: ServerResponse): void => {
    // The page a browser (or the sign-in window) shows; parameters sit in the fragment, so the form asks for the code.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plex (simulated sign-in)</title></head>
<body style="font-family:sans-serif;background:#1f1f1f;color:#eee;padding:2em">
<h1>Sign in to Plex</h1><p>This is MediaNest's simulated plex.tv. Signing in approves the waiting PIN.</p>
<form method="post" action="${url.pathname.replace(/\/auth.*$/, '')}/api/v2/pins/claim"><button type="submit">Sign in</button></form>
</body></html>`);
  };

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/auth' || path.startsWith('/auth/') || path === '/link') return authPage(url, res);
    if (path === '/api/v2/pins/claim' && method === 'POST') {
      await readBody(req).catch(() => '');
      const pending = [...pins.values()].filter((pin) => !pin.authToken && pin.expiresAt > now()).at(-1);
      if (pending) claim(pending);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Signed in</title><p>${pending ? 'You are signed in. You can close this window.' : 'No sign-in is waiting.'}</p>`);
      return;
    }
    const clientIdentifier = plexParam(req, url, 'X-Plex-Client-Identifier');
    if (!clientIdentifier) return sendError(req, res, 400, 1000, 'X-Plex-Client-Identifier is missing');

    if (path === '/api/v2/pins' && method === 'POST') {
      const strong = url.searchParams.get('strong') === 'true';
      const id = nextPinId++;
      const code = strong ? [...randomBytes(25)].map((byte) => PIN_ALPHABET[byte % PIN_ALPHABET.length]).join('') : randomBytes(2).toString('hex').toUpperCase();
      const pin: SimPin = { id, code, strong, clientIdentifier, product: plexParam(req, url, 'X-Plex-Product') ?? 'Plex Web', createdAt: now(), expiresAt: now() + lifetimeMs, authToken: null };
      pins.set(id, pin);
      if (options.autoClaimAfterMs !== undefined) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (pin.expiresAt > now()) claim(pin);
        }, options.autoClaimAfterMs);
        timers.add(timer);
      }
      return send(req, res, 201, pinJson(pin), 'pin');
    }
    const pinMatch = /^\/api\/v2\/pins\/(\d+)$/.exec(path);
    if (pinMatch && method === 'GET') {
      const pin = pins.get(Number(pinMatch[1]));
      if (!pin || pin.expiresAt <= now() || pin.clientIdentifier !== clientIdentifier) return sendError(req, res, 404, 1020, 'Code not found or expired');
      return send(req, res, 200, pinJson(pin), 'pin');
    }

    const token = plexParam(req, url, 'X-Plex-Token');
    if (!token || !tokens.has(token)) return sendError(req, res, 401, 1001, 'User could not be authenticated');
    if (path === '/api/v2/user') return send(req, res, 200, user(token), 'user');
    if (path === '/api/v2/resources') return send(req, res, 200, resources.map(resourceJson), 'resources');
    sendError(req, res, 404, 1002, 'Not found');
  };

  const handler: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://plex-tv.invalid');
    requests.push(recordRequest(req, url));
    if (requests.length > 10_000) requests = requests.slice(-5_000);
    void (async () => {
      if (await applyFault(fault, req, res)) return;
      try {
        await route(req, res, url);
      } catch {
        if (!res.headersSent) sendError(req, res, 500, 1999, 'Internal error');
      }
    })();
  };

  return {
    handler,
    control: {
      get requests() {
        return requests;
      },
      pins,
      claimPin(id) {
        const pin = id === undefined ? [...pins.values()].filter((candidate) => !candidate.authToken).at(-1) : pins.get(id);
        if (!pin) throw new Error('no PIN to claim');
        return claim(pin);
      },
      expirePin(id) {
        const pin = pins.get(id);
        if (pin) (pin as { expiresAt: number }).expiresAt = now() - 1;
      },
      revokeToken: (token) => void tokens.delete(token),
      issueToken: (token) => void tokens.add(token),
      setResources(next) {
        resources = next;
      },
      setFault(next) {
        fault = next;
      },
      clearRequests() {
        requests = [];
      },
    },
    dispose() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
