/**
 * The gateway against a real socket, one failure mode at a time (fault server on
 * 127.0.0.1). Timeouts are short so the whole file runs in a few seconds.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import { defaultSettings, type Settings } from '../../shared/contract/areas/settings';
import { type SecretName } from '../../shared/contract/services';
import { type Db } from '../../electron/core/db/database';
import { openCacheDb } from '../../electron/core/db/databases';
import type { CoreEvents } from '../../electron/core/events/core-events';
import { createEventBus } from '../../electron/core/events/event-bus';
import { createIntegrationLayer, parseResponse, type IntegrationLayer } from '../../electron/core/integration';
import { serviceProbes } from '../../electron/core/service-probes';
import { createLogger } from '../../electron/core/logging/logger';
import { fault, startFaultServer, type FaultServer } from '../support/fault-server';

const TOKEN = 'plex-token-do-not-leak';
const API_KEY = 'overseerr-key-do-not-leak';
const KUMA_KEY = 'kuma-key-do-not-leak';
const secrets: Record<SecretName, string> = { 'plex.token': TOKEN, 'plex.accountToken': 'plex-account-do-not-leak', 'overseerr.apiKey': API_KEY, 'overseerr.webhookSecret': 'webhook-secret-do-not-leak', 'uptime-kuma.apiKey': KUMA_KEY };

const TIMEOUT_MS = 150;
const RETRIES = 2;
const MAX_DELAY_MS = 40;

function settingsFor(url: string): Settings['services'] {
  const defaults = defaultSettings().services;
  const tuning = {
    // TIMEOUT_MS per attempt, inside a call budget that leaves room for every retry.
    timeoutMs: 2_000,
    retry: { retries: RETRIES, minDelayMs: 10, maxDelayMs: MAX_DELAY_MS, jitterMs: 0 },
    // Out of the way here: breaker behaviour has its own file.
    breaker: { timeoutMs: TIMEOUT_MS, volumeThreshold: 1000 },
  };
  return {
    ...defaults,
    plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: url, tuning },
    // Overseerr may wait out a 1 s Retry-After.
    overseerr: { enabled: true, baseUrl: url, tuning: { ...tuning, retry: { retries: 1, minDelayMs: 10, maxDelayMs: 1_500, jitterMs: 0 } } },
    'uptime-kuma': { ...defaults['uptime-kuma'], enabled: true, baseUrl: url, tuning },
  };
}

const Identity = z.object({ MediaContainer: z.object({ machineIdentifier: z.string() }) });

describe('gateway through the fault server', () => {
  let server: FaultServer;
  let db: Db;
  let layer: IntegrationLayer;
  let events: { event: keyof CoreEvents; payload: unknown }[];
  let logged: string;

  beforeEach(async () => {
    server = await startFaultServer();
    db = openCacheDb(':memory:');
    const bus = createEventBus<CoreEvents>();
    events = [];
    bus.onAny((event, payload) => events.push({ event, payload }));
    logged = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    layer = createIntegrationLayer({
      cacheDb: db,
      bus,
      logger: createLogger({ level: 'debug', destination }),
      getSecret: (name) => secrets[name],
      probes: serviceProbes,
      services: settingsFor(server.url),
      startHealth: false,
    });
  });
  afterEach(async () => {
    await layer.dispose();
    db.close();
    await server.close();
  });

  const identity = (options: { idempotent?: boolean; signal?: AbortSignal; cacheKey?: string } = {}) =>
    layer.gateway.call('plex', 'identity', async ({ http }) => parseResponse(Identity, await http.get('identity').json(), 'plex'), {
      idempotent: true,
      ...options,
    });

  const failure = async (promise: Promise<unknown>): Promise<AppError> => {
    const outcome = await promise.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(AppError);
    return outcome as AppError;
  };

  it('ok: parses the body and sends the auth and Accept headers', async () => {
    server.set('/identity', fault.ok({ MediaContainer: { machineIdentifier: 'abc' } }));
    const result = await identity();
    expect(result).toMatchObject({ value: { MediaContainer: { machineIdentifier: 'abc' } }, stale: false, source: 'upstream' });
    const [request] = server.requestsTo('/identity');
    expect(request!.headers['x-plex-token']).toBe(TOKEN);
    expect(request!.headers.accept).toBe('application/json');
  });

  it('sends X-Api-Key to Overseerr and Basic with an empty user to Uptime Kuma', async () => {
    server.set('/api/v1/status', fault.ok({ version: '1.33.2' }));
    server.set('/metrics', fault.ok({}));
    await layer.gateway.call('overseerr', 'status', async ({ http }) => http.get('api/v1/status').json());
    await layer.gateway.call('uptime-kuma', 'metrics', async ({ http }) => http.get('metrics').json());
    expect(server.requestsTo('/api/v1/status')[0]!.headers['x-api-key']).toBe(API_KEY);
    const basic = server.requestsTo('/metrics')[0]!.headers.authorization!;
    expect(Buffer.from(basic.replace(/^Basic /, ''), 'base64').toString()).toBe(`:${KUMA_KEY}`);
  });

  it('slow but inside the timeout: answers', async () => {
    server.set('/identity', fault.slow(TIMEOUT_MS / 3, { MediaContainer: { machineIdentifier: 'slow' } }));
    await expect(identity()).resolves.toMatchObject({ value: { MediaContainer: { machineIdentifier: 'slow' } } });
  });

  it('slow past the timeout: UPSTREAM_TIMEOUT, every attempt aborted on the socket', async () => {
    server.set('/identity', fault.slow(2_000));
    const started = Date.now();
    const error = await failure(identity());
    const elapsed = Date.now() - started;
    expect(error.toJSON()).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'plex' });
    expect(server.requestsTo('/identity')).toHaveLength(RETRIES + 1);
    expect(elapsed).toBeLessThan(TIMEOUT_MS * (RETRIES + 1) + RETRIES * MAX_DELAY_MS + 150);
    await server.waitFor(() => server.abortedCount === RETRIES + 1);
  });

  it('hang: the per-attempt timeout aborts the request and the server sees the socket close', async () => {
    server.set('/identity', fault.hang());
    const error = await failure(identity({ idempotent: false }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(server.requestsTo('/identity')).toHaveLength(1);
    await server.waitFor(() => server.abortedCount === 1);
  });

  it('5xx: retried when idempotent, then UPSTREAM_HTTP with the status', async () => {
    server.set('/identity', fault.status(503));
    const error = await failure(identity());
    expect(error.toJSON()).toMatchObject({ code: 'UPSTREAM_HTTP', status: 503, service: 'plex' });
    expect(server.requestsTo('/identity')).toHaveLength(RETRIES + 1);
  });

  it('5xx: a non-idempotent call is sent once', async () => {
    server.set('/library/sections/1/refresh', fault.status(500));
    await failure(layer.gateway.call('plex', 'scan', async ({ http }) => http.post('library/sections/1/refresh').json()));
    expect(server.requestsTo('/library/sections/1/refresh')).toHaveLength(1);
  });

  it('5xx then ok: the retry recovers', async () => {
    server.set('/identity', fault.sequence([fault.status(502), fault.ok({ MediaContainer: { machineIdentifier: 'back' } })]));
    await expect(identity()).resolves.toMatchObject({ value: { MediaContainer: { machineIdentifier: 'back' } } });
    expect(server.requestsTo('/identity')).toHaveLength(2);
  });

  it('connection reset: UPSTREAM_UNREACHABLE after the retries', async () => {
    server.set('/identity', fault.reset());
    const error = await failure(identity());
    expect(error.toJSON()).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', service: 'plex' });
    expect(error.message).toBe(`${new URL(server.url).host} closed the connection before answering.`);
    expect(server.requestsTo('/identity').length).toBeGreaterThanOrEqual(RETRIES + 1);
  });

  it('connection refused: UPSTREAM_UNREACHABLE', async () => {
    const closed = await startFaultServer();
    const url = closed.url;
    await closed.close();
    layer.registry.update({ ...settingsFor(server.url), plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: url, tuning: { retry: { retries: 0 } } } });
    const error = await failure(identity());
    expect(error.code).toBe('UPSTREAM_UNREACHABLE');
    // What happened and where, in words; the code stays for programs.
    expect(error.message).toBe(`Connection refused by ${new URL(url).host}.`);
  });

  it('429 with Retry-After: waits the asked-for second, then succeeds', async () => {
    server.set('/api/v1/status', fault.sequence([fault.retryAfter(1), fault.ok({ version: 'x' })]));
    const started = Date.now();
    const result = await layer.gateway.call('overseerr', 'status', async ({ http }) => http.get('api/v1/status').json(), {
      idempotent: true,
    });
    expect(result.value).toEqual({ version: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requestsTo('/api/v1/status')).toHaveLength(2);
  });

  it('429 with a Retry-After beyond the cap: RATE_LIMITED at once, telling when to come back', async () => {
    server.set('/identity', fault.retryAfter(120));
    const error = await failure(identity());
    expect(error.toJSON()).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 120_000, service: 'plex' });
    expect(server.requestsTo('/identity')).toHaveLength(1);
  });

  it('malformed JSON: INVALID_RESPONSE, not retried', async () => {
    server.set('/identity', fault.malformed());
    const error = await failure(identity());
    expect(error.toJSON()).toMatchObject({ code: 'INVALID_RESPONSE', service: 'plex' });
    expect(server.requestsTo('/identity')).toHaveLength(1);
  });

  it('a body that fails its schema: INVALID_RESPONSE', async () => {
    server.set('/identity', fault.ok({ MediaContainer: { machineIdentifier: 42 } }));
    expect((await failure(identity())).code).toBe('INVALID_RESPONSE');
  });

  it('401: AUTH_FAILED, never retried, one service:auth-failed until a call succeeds', async () => {
    server.set('/identity', fault.status(401));
    for (let i = 0; i < 3; i++) expect((await failure(identity())).toJSON()).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(server.requestsTo('/identity')).toHaveLength(3);
    const authEvents = events.filter((e) => e.event === 'service:auth-failed');
    expect(authEvents).toHaveLength(1);
    expect(authEvents[0]!.payload).toMatchObject({ service: 'plex', status: 401 });
  });

  it('403 is an auth failure too', async () => {
    server.set('/identity', fault.status(403));
    expect((await failure(identity())).toJSON()).toMatchObject({ code: 'AUTH_FAILED', status: 403 });
  });

  it('a caller abort: CANCELLED and the socket is closed', async () => {
    server.set('/identity', fault.hang());
    const controller = new AbortController();
    const pending = failure(identity({ signal: controller.signal }));
    await server.waitFor(() => server.requestsTo('/identity').length === 1);
    controller.abort();
    expect((await pending).code).toBe('CANCELLED');
    await server.waitFor(() => server.abortedCount === 1);
    expect(server.requestsTo('/identity')).toHaveLength(1);
  });

  it('never puts a secret in errors, stats or logs', async () => {
    for (const behaviour of [fault.status(401), fault.status(500), fault.malformed(), fault.reset(), fault.hang()]) {
      server.set('/identity', behaviour);
      const error = await failure(identity());
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(error.message).not.toContain(TOKEN);
    }
    expect(JSON.stringify(layer.gateway.stats())).not.toContain(TOKEN);
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of Object.values(secrets)) expect(logged).not.toContain(secret);
  });
});
