/**
 * Health tells the truth: against the simulators, each service's probe proves
 * that the address answers as that program and that the saved credential is
 * accepted. A wrong or missing credential, another program at the address, a
 * plain web server and a redirect are each unhealthy, in their own words, both
 * on the Health page (the monitor) and in Settings' "Test".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type ServiceSettings, type Settings } from '../../shared/contract/areas/settings';
import type { SecretName, ServiceName } from '../../shared/contract/services';
import { type Db } from '../../electron/core/db/database';
import { openCacheDb } from '../../electron/core/db/databases';
import { createEventBus } from '../../electron/core/events/event-bus';
import type { CoreEvents } from '../../electron/core/events/core-events';
import { createOverseerrSimulator, type OverseerrSimulator } from '../../electron/core/features/overseerr/overseerr-simulator';
import { createPlexSimulator, type PlexSimulator } from '../../electron/core/features/plex/plex-simulator';
import { createPlexTvSimulator, type PlexTvSimulator } from '../../electron/core/features/plex/plex-tv-simulator';
import { createUptimeKumaSimulator, type UptimeKumaSimulator } from '../../electron/core/features/uptime-kuma/uptime-kuma-simulator';
import { createIntegrationLayer, type IntegrationLayer } from '../../electron/core/integration';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { serviceProbes } from '../../electron/core/service-probes';
import { TEST_IDENTITY_HEADERS } from '../../electron/core/features/plex/plex-test-support';

const secretOf: Record<ServiceName, SecretName> = { plex: 'plex.token', overseerr: 'overseerr.apiKey', 'uptime-kuma': 'uptime-kuma.apiKey' };

interface Verdict {
  readonly status: string;
  readonly error: string | null;
}

describe('health and Test against the simulators', () => {
  let plex: PlexSimulator;
  let plexTv: PlexTvSimulator;
  let overseerr: OverseerrSimulator;
  let kuma: UptimeKumaSimulator;
  let webServer: Server;
  let webServerUrl: string;
  let db: Db;
  let layer: IntegrationLayer;
  let secrets: Partial<Record<SecretName, string>>;

  beforeAll(async () => {
    [plex, plexTv, overseerr, kuma] = await Promise.all([
      createPlexSimulator({ token: 'plex-right' }),
      createPlexTvSimulator({ token: 'plex-right' }),
      createOverseerrSimulator({ apiKey: 'overseerr-right' }),
      createUptimeKumaSimulator({ apiKey: 'uk1_right' }),
    ]);
    // Some other web server on the address: a plain HTML page everywhere.
    webServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome to nginx!</h1>'));
    await new Promise<void>((resolve) => webServer.listen(0, '127.0.0.1', resolve));
    webServerUrl = `http://127.0.0.1:${(webServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all([plex.close(), plexTv.close(), overseerr.close(), kuma.close(), new Promise((resolve) => webServer.close(resolve))]);
  });

  beforeEach(() => {
    db = openCacheDb(':memory:');
    secrets = {};
    layer = createIntegrationLayer({
      cacheDb: db,
      bus: createEventBus<CoreEvents>(),
      logger: createSilentLogger(),
      getSecret: (name) => secrets[name],
      probes: serviceProbes,
      services: defaultSettings().services,
      // As the app sends them: plex.tv refuses requests without a client identifier.
      headers: { plex: TEST_IDENTITY_HEADERS },
      startHealth: false,
    });
  });
  afterEach(async () => {
    await layer.dispose();
    db.close();
    overseerr.control.reset();
  });

  /** Probes `service` at `baseUrl` with `secret` saved, through the monitor and through "Test"; both must agree. */
  async function check(service: ServiceName, baseUrl: string, secret?: string, fields: Record<string, string> = {}) {
    // Plex's second upstream stays on its simulator: no test reaches the real plex.tv.
    const plexTvField = service === 'plex' ? { accountUrl: plexTv.url } : {};
    const settings = { ...defaultSettings().services[service], enabled: true, baseUrl, ...plexTvField, tuning: { health: { timeoutMs: 2_000 } }, ...fields } as ServiceSettings;
    if (secret === undefined) delete secrets[secretOf[service]];
    else secrets[secretOf[service]] = secret;
    layer.registry.update({ ...defaultSettings().services, [service]: settings } as Settings['services']);
    const [health] = await layer.health.checkNow(service);
    const tested = await layer.tests.run(service, settings, secret);
    const verdict: Verdict = { status: health!.status, error: health!.error };
    expect({ status: tested.status, error: tested.error }).toEqual(verdict);
    return { ...verdict, steps: tested.steps };
  }

  describe('Plex Media Server', () => {
    it('is healthy with the right token, and says what it checked', async () => {
      expect(await check('plex', plex.url, 'plex-right')).toEqual({
        status: 'healthy',
        error: null,
        steps: {
          address: { result: 'passed', httpStatus: 200, message: 'Answers as Plex Media Server 1.41.3.9314' },
          credential: { result: 'passed', httpStatus: 200, message: 'Plex accepted the token' },
        },
      });
    });

    it('is unhealthy without a token and with a rejected one', async () => {
      expect(await check('plex', plex.url)).toMatchObject({ status: 'unhealthy', error: 'No Plex token is saved: sign in to Plex in Settings' });
      expect(await check('plex', plex.url, 'plex-wrong')).toMatchObject({
        status: 'unhealthy',
        error: 'Plex rejected the token: sign in again',
        steps: { address: { result: 'passed' }, credential: { result: 'unhealthy', httpStatus: 401 } },
      });
    });

    it('is unhealthy when another program answers at the address', async () => {
      expect(await check('plex', overseerr.url, 'plex-right')).toMatchObject({ error: 'This address does not answer as Plex Media Server (it redirected to /login)' });
      expect(await check('plex', kuma.url, 'plex-right')).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Plex Media Server (it sent a web page)' });
      expect(await check('plex', webServerUrl, 'plex-right')).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Plex Media Server (it sent a web page)' });
    });

    it('never sends the token to an address that is not Plex', async () => {
      const before = overseerr.control.requests.length;
      await check('plex', overseerr.url, 'plex-right');
      const seen = overseerr.control.requests.slice(before);
      expect(seen.map((r) => r.path)).toEqual(['/identity', '/identity']);
      expect(seen.every((r) => r.headers['x-plex-token'] === undefined)).toBe(true);
    });
  });

  describe('plex.tv', () => {
    /** Plex's second upstream, probed by the monitor with the account's token saved (the server's is another). */
    async function checkPlexTv(accountUrl: string, secret?: string): Promise<Verdict> {
      secrets['plex.token'] = 'plex-server-token';
      if (secret === undefined) delete secrets['plex.accountToken'];
      else secrets['plex.accountToken'] = secret;
      layer.registry.update({ ...defaultSettings().services, plex: { ...defaultSettings().services.plex, enabled: true, baseUrl: plex.url, accountUrl } });
      const tv = (await layer.health.checkNow('plex')).find((health) => health.upstream === 'plex-tv')!;
      return { status: tv.status, error: tv.error };
    }

    it('is healthy with a token plex.tv accepts', async () => {
      expect(await checkPlexTv(plexTv.url, 'plex-right')).toEqual({ status: 'healthy', error: null });
    });

    it('is unhealthy with a rejected token, and says to sign in', async () => {
      expect(await checkPlexTv(plexTv.url, 'plex-wrong')).toEqual({ status: 'unhealthy', error: 'plex.tv rejected the token: sign in to Plex again' });
    });

    it('is healthy without an account token (Plex set up by hand): the address is checked, there is no account to check', async () => {
      const before = plexTv.control.requests.length;
      expect(await checkPlexTv(plexTv.url)).toEqual({ status: 'healthy', error: null });
      const seen = plexTv.control.requests.slice(before);
      expect(seen.map((request) => request.path)).toEqual(['/api/v2/user']);
      // The server's token never goes to plex.tv.
      expect(seen.every((request) => request.headers['x-plex-token'] === undefined)).toBe(true);
    });

    it('sends plex.tv the account token and never the server’s', async () => {
      const before = plexTv.control.requests.length;
      expect(await checkPlexTv(plexTv.url, 'plex-right')).toEqual({ status: 'healthy', error: null });
      expect(plexTv.control.requests.slice(before).map((request) => request.headers['x-plex-token'])).toEqual([undefined, 'plex-right']);
    });

    it('is unhealthy when the address is not plex.tv, and sends it no token', async () => {
      expect(await checkPlexTv(webServerUrl, 'plex-right')).toEqual({ status: 'unhealthy', error: 'This address does not answer as plex.tv (it sent a web page)' });
      const before = plex.control.requests.length;
      expect(await checkPlexTv(plex.url, 'plex-right')).toEqual({ status: 'unhealthy', error: 'This address does not answer as plex.tv (it asks for a sign-in first, HTTP 401)' });
      const atPlex = plex.control.requests.slice(before).filter((request) => request.path === '/api/v2/user');
      expect(atPlex.length).toBeGreaterThan(0);
      expect(atPlex.every((request) => request.headers['x-plex-token'] === undefined)).toBe(true);
    });
  });

  describe('Overseerr', () => {
    it('is healthy with the right API key', async () => {
      expect(await check('overseerr', overseerr.url, 'overseerr-right')).toMatchObject({
        status: 'healthy',
        steps: { address: { message: 'Answers as Overseerr 1.34.0' }, credential: { message: 'Overseerr accepted the API key' } },
      });
    });

    it('is unhealthy without a key and with a wrong one, saying which', async () => {
      expect(await check('overseerr', overseerr.url)).toMatchObject({
        status: 'unhealthy',
        error: 'No Overseerr API key is saved: copy it from Overseerr, Settings → General',
      });
      expect(await check('overseerr', overseerr.url, 'overseerr-wrong')).toMatchObject({
        status: 'unhealthy',
        error: 'Overseerr rejected the API key (HTTP 403): copy it again from Overseerr, Settings → General',
      });
    });

    it('is unhealthy at the Uptime Kuma simulator, at Plex and at a plain web server', async () => {
      expect(await check('overseerr', kuma.url, 'overseerr-right')).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Overseerr (it sent a web page)' });
      expect(await check('overseerr', plex.url, 'overseerr-right')).toMatchObject({
        status: 'unhealthy',
        error: 'This address does not answer as Overseerr (it asks for a sign-in first, HTTP 401)',
      });
      expect(await check('overseerr', webServerUrl, 'overseerr-right')).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Overseerr (it sent a web page)' });
    });

    it('is unhealthy when the address redirects', async () => {
      overseerr.control.setMode({ kind: 'redirect', location: '/login' });
      expect(await check('overseerr', overseerr.url, 'overseerr-right')).toMatchObject({
        status: 'unhealthy',
        error: 'This address does not answer as Overseerr (it redirected to /login)',
        steps: { credential: { result: 'skipped' } },
      });
    });
  });

  describe('Uptime Kuma', () => {
    it('is healthy with the right API key, and without one (only the public pages are read)', async () => {
      expect(await check('uptime-kuma', kuma.url, 'uk1_right')).toMatchObject({
        status: 'healthy',
        steps: { address: { message: 'Answers as Uptime Kuma' }, credential: { result: 'passed', message: 'Uptime Kuma accepted the API key' } },
      });
      expect(await check('uptime-kuma', kuma.url)).toMatchObject({
        status: 'healthy',
        steps: { credential: { result: 'skipped', message: 'No API key is saved, so only the public pages were checked' } },
      });
    });

    it('reads the configured status page when a slug is set, and names a slug Kuma does not know', async () => {
      expect(await check('uptime-kuma', kuma.url, 'uk1_right', { statusPageSlug: 'homelab' })).toMatchObject({
        status: 'healthy',
        steps: { address: { result: 'passed', message: 'Answers as Uptime Kuma (status page “Homelab”)' }, credential: { result: 'passed' } },
      });
      expect(await check('uptime-kuma', kuma.url, 'uk1_right', { statusPageSlug: 'nope' })).toMatchObject({
        status: 'unhealthy',
        error: 'Uptime Kuma has no status page “nope”: check the status page slug in Settings',
        steps: { credential: { result: 'skipped' } },
      });
      // With several pages set, the first one is the one checked.
      expect(await check('uptime-kuma', kuma.url, 'uk1_right', { statusPageSlug: 'homelab, media' })).toMatchObject({ status: 'healthy' });
      expect(await check('uptime-kuma', kuma.url, 'uk1_right', { statusPageSlug: 'nope, homelab' })).toMatchObject({ status: 'unhealthy' });
      // Another program's 404 is not Kuma's "no such page".
      expect(await check('uptime-kuma', plex.url, undefined, { statusPageSlug: 'homelab' })).toMatchObject({
        error: 'This address does not answer as Uptime Kuma (it asks for a sign-in first, HTTP 401)',
      });
      expect(await check('uptime-kuma', webServerUrl, undefined, { statusPageSlug: 'homelab' })).toMatchObject({
        error: 'This address does not answer as Uptime Kuma (it sent a web page)',
      });
    });

    it('is unhealthy with a wrong API key', async () => {
      expect(await check('uptime-kuma', kuma.url, 'uk1_wrong')).toMatchObject({
        status: 'unhealthy',
        error: 'Uptime Kuma rejected the API key (HTTP 401): make a new one in Uptime Kuma, Settings → API Keys',
      });
    });

    it('is unhealthy at the Overseerr simulator, at Plex and at a plain web server', async () => {
      expect(await check('uptime-kuma', overseerr.url)).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Uptime Kuma (it redirected to /login)' });
      expect(await check('uptime-kuma', plex.url)).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Uptime Kuma (it asks for a sign-in first, HTTP 401)' });
      expect(await check('uptime-kuma', webServerUrl)).toMatchObject({ status: 'unhealthy', error: 'This address does not answer as Uptime Kuma (it sent a web page)' });
    });
  });
});
