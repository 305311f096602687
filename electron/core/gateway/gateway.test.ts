import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultSettings, type Settings } from '../../../shared/contract/areas/settings';
import { createResponseCache } from '../cache/response-cache';
import { type Db } from '../db/database';
import { openCacheDb } from '../db/databases';
import type { CoreEvents } from '../events/core-events';
import { createEventBus } from '../events/event-bus';
import { isErrorCode } from '../resilience/resilience-errors';
import { createGateway, type Gateway } from './gateway';
import { createServiceRegistry, type ServiceRegistry } from '../upstream/service-registry';

const toFake = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;

function services(patch: Partial<Settings['services']> = {}): Settings['services'] {
  const base = defaultSettings().services;
  return {
    ...base,
    // Never contacted: these tests hand the gateway fake work.
    plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: { retry: { retries: 2, minDelayMs: 100, maxDelayMs: 400 } } },
    ...patch,
  };
}

const http500 = (): AppError => new AppError('UPSTREAM_HTTP', 'HTTP 500', { service: 'plex', status: 500 });
const unauthorized = (): AppError => new AppError('AUTH_FAILED', 'rejected', { service: 'plex', status: 401 });

describe('gateway', () => {
  let db: Db;
  let registry: ServiceRegistry;
  let gateway: Gateway;
  let bus: ReturnType<typeof createEventBus<CoreEvents>>;

  const build = (settings = services()): void => {
    registry = createServiceRegistry({ services: settings, getSecret: () => 'secret-token', random: () => 0 });
    gateway = createGateway({ registry, cache: createResponseCache(db), bus });
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...toFake] });
    db = openCacheDb(':memory:');
    bus = createEventBus<CoreEvents>();
    build();
  });
  afterEach(() => {
    registry.dispose();
    db.close();
    vi.useRealTimers();
  });

  it('refuses a disabled service with SERVICE_DISABLED and an unaddressed one with SERVICE_NOT_CONFIGURED', async () => {
    const work = vi.fn(async () => 'never');
    await expect(gateway.call('overseerr', 'status', work)).rejects.toMatchObject({ code: 'SERVICE_DISABLED', service: 'overseerr' });
    registry.update(services({ overseerr: { enabled: true, baseUrl: '', tuning: {} } }));
    await expect(gateway.call('overseerr', 'status', work)).rejects.toMatchObject({
      code: 'SERVICE_NOT_CONFIGURED',
      service: 'overseerr',
    });
    expect(work).not.toHaveBeenCalled();
  });

  it('resolves with an upstream envelope and hands fn a signal and the attempt number', async () => {
    const work = vi.fn(async ({ signal, attempt }: { signal: AbortSignal; attempt: number }) => ({ aborted: signal.aborted, attempt }));
    await expect(gateway.call('plex', 'identity', work)).resolves.toEqual({
      value: { aborted: false, attempt: 0 },
      stale: false,
      ageMs: 0,
      cachedAt: null,
      source: 'upstream',
    });
  });

  it('retries idempotent calls only', async () => {
    const flaky = vi.fn(async ({ attempt }: { attempt: number }) => (attempt < 2 ? Promise.reject(http500()) : 'third time'));
    const result = gateway.call('plex', 'library', flaky, { idempotent: true });
    await vi.advanceTimersByTimeAsync(1_000); // both backoffs (random 0: 100 ms each)
    await expect(result).resolves.toMatchObject({ value: 'third time' });
    expect(flaky).toHaveBeenCalledTimes(3);

    const write = vi.fn(async () => Promise.reject(http500()));
    await expect(gateway.call('plex', 'scan', write)).rejects.toMatchObject({ status: 500 });
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('holds a call to its budget: no retry starts after it, and a retry running at its end is cut off', async () => {
    build(
      services({
        plex: {
          accountUrl: 'http://127.0.0.1:9', enabled: true,
          baseUrl: 'http://127.0.0.1:9',
          tuning: { timeoutMs: 1_000, retry: { retries: 5, minDelayMs: 100, maxDelayMs: 10_000, jitterMs: 0 }, breaker: { timeoutMs: 600 } },
        },
      }),
    );
    // Fast failures: waits of 100, 200, 400 ms; the next (800 ms) would end past 1 s.
    const failing = vi.fn(async () => Promise.reject(http500()));
    const started = Date.now();
    const failed = gateway.call('plex', 'library', failing, { idempotent: true }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await failed).toMatchObject({ code: 'UPSTREAM_HTTP', status: 500 });
    expect(failing).toHaveBeenCalledTimes(4);
    expect(Date.now() - started).toBeLessThanOrEqual(1_000);

    // A retry that starts at 700 ms may not use its whole 600 ms: the budget ends at 1 s.
    const hanging = vi.fn(({ attempt, signal }: { attempt: number; signal: AbortSignal }) =>
      attempt === 0
        ? new Promise<string>((_, reject) => setTimeout(() => reject(http500()), 600))
        : new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const cut = gateway.call('plex', 'library', hanging, { idempotent: true }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(hanging).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await cut).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'plex' });
    expect(hanging).toHaveBeenCalledTimes(2);
  });

  it('serves a fresh cache entry without calling upstream', async () => {
    const work = vi.fn(async () => ({ items: 1 }));
    await gateway.call('plex', 'library', work, { cacheKey: 'all', cacheTtlMs: 60_000 });
    vi.advanceTimersByTime(5_000);
    const again = await gateway.call('plex', 'library', work, { cacheKey: 'all', cacheTtlMs: 60_000 });
    expect(again).toEqual({ value: { items: 1 }, stale: false, ageMs: 5_000, cachedAt: Date.now() - 5_000, source: 'cache' });
    expect(work).toHaveBeenCalledTimes(1);
    expect(gateway.stats('plex')).toMatchObject({ calls: 2, cacheHits: 1 });
  });

  it('serves the stale cached value with its age when upstream fails', async () => {
    await gateway.call('plex', 'library', async () => ({ items: 2 }), { cacheKey: 'all' });
    const cachedAt = Date.now();
    vi.advanceTimersByTime(12 * 60_000);
    const result = await gateway.call('plex', 'library', async () => Promise.reject(http500()), { cacheKey: 'all' });
    expect(result).toMatchObject({ value: { items: 2 }, stale: true, ageMs: 12 * 60_000, cachedAt, source: 'cache' });
    expect(result.error).toMatchObject({ code: 'UPSTREAM_HTTP', status: 500, service: 'plex' });
    expect(gateway.stats('plex')).toMatchObject({ failures: 1, degraded: 1 });
  });

  it('does not serve stale data past its stale-if-error window', async () => {
    await gateway.call('plex', 'library', async () => 'old', { cacheKey: 'all', staleIfErrorMs: 1_000 });
    vi.advanceTimersByTime(1_001);
    await expect(
      gateway.call('plex', 'library', async () => Promise.reject(http500()), { cacheKey: 'all' }),
    ).rejects.toMatchObject({ status: 500 });
  });

  it('tries the fallback before the cache', async () => {
    await gateway.call('plex', 'library', async () => 'cached', { cacheKey: 'all' });
    const result = await gateway.call('plex', 'library', async () => Promise.reject(http500()), {
      cacheKey: 'all',
      fallback: () => 'secondary',
    });
    expect(result).toMatchObject({ value: 'secondary', stale: true, source: 'fallback' });
  });

  it('never hides an auth failure behind stale data, and emits service:auth-failed once per transition', async () => {
    const seen: unknown[] = [];
    bus.on('service:auth-failed', (event) => seen.push(event));
    await gateway.call('plex', 'library', async () => 'cached', { cacheKey: 'all' });
    const denied = vi.fn(async () => Promise.reject(unauthorized()));
    for (let i = 0; i < 3; i++) {
      await expect(gateway.call('plex', 'library', denied, { cacheKey: 'all', idempotent: true })).rejects.toMatchObject({
        code: 'AUTH_FAILED',
      });
    }
    expect(denied).toHaveBeenCalledTimes(3); // never retried
    expect(seen).toEqual([{ upstream: 'plex', service: 'plex', status: 401, at: Date.now() }]);
    await gateway.call('plex', 'library', async () => 'fixed');
    await expect(gateway.call('plex', 'library', denied)).rejects.toThrow();
    expect(seen).toHaveLength(2);
  });

  it('fails fast while the breaker is open, serving cache without calling upstream', async () => {
    build(
      services({
        plex: {
          accountUrl: 'http://127.0.0.1:9', enabled: true,
          baseUrl: 'http://127.0.0.1:9',
          tuning: { retry: { retries: 0 }, breaker: { volumeThreshold: 2, resetTimeoutMs: 10_000 } },
        },
      }),
    );
    await gateway.call('plex', 'library', async () => 'cached', { cacheKey: 'all' });
    for (let i = 0; i < 2; i++) await gateway.call('plex', 'library', async () => Promise.reject(http500()), { cacheKey: 'all' });
    expect(gateway.stats('plex').breaker).toBe('open');
    const work = vi.fn(async () => 'fresh');
    const result = await gateway.call('plex', 'library', work, { cacheKey: 'all' });
    expect(work).not.toHaveBeenCalled();
    expect(result).toMatchObject({ value: 'cached', stale: true, source: 'cache', error: { code: 'CIRCUIT_OPEN' } });
    expect(result.error?.retryAfterMs).toBe(10_000);
  });

  it('keeps stats: calls, failures, latency percentiles, last error', async () => {
    for (const ms of [10, 20, 30, 40, 100]) {
      const pending = gateway.call('plex', 'library', () => new Promise((resolve) => setTimeout(() => resolve(ms), ms)));
      await vi.advanceTimersByTimeAsync(ms);
      await pending;
    }
    await expect(gateway.call('plex', 'library', async () => Promise.reject(http500()))).rejects.toThrow();
    const stats = gateway.stats('plex');
    expect(stats).toMatchObject({
      upstream: 'plex',
      service: 'plex',
      enabled: true,
      configured: true,
      calls: 6,
      failures: 1,
      p50Ms: 20,
      p95Ms: 100,
      breaker: 'closed',
      lastError: { code: 'UPSTREAM_HTTP', status: 500, service: 'plex', message: expect.any(String) },
      lastErrorAt: Date.now(),
    });
    expect(gateway.stats().map((s) => s.upstream)).toEqual(['plex', 'plex-tv', 'overseerr', 'uptime-kuma']);
    expect(gateway.stats('plex-tv')).toMatchObject({ service: 'plex', calls: 0 });
  });

  it('ends in-flight calls with CANCELLED when the service is reconfigured', async () => {
    const pending = gateway.call('plex', 'library', ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    registry.update(services({ plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://127.0.0.1:10', tuning: {} } }));
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED', service: 'plex' });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = gateway.call('plex', 'library', () => new Promise(() => undefined), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(gateway.stats('plex')).toMatchObject({ calls: 1, failures: 0, lastError: null });
  });

  it('frees its bulkhead slot after a failed call', async () => {
    build(
      services({
        plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: { breaker: { timeoutMs: 1_000 }, retry: { retries: 0 }, bulkhead: { concurrency: 1, queueLimit: 0 } } },
      }),
    );
    await expect(gateway.call('plex', 'scan', async () => Promise.reject(http500()))).rejects.toMatchObject({ status: 500 });
    expect(gateway.stats('plex')).toMatchObject({ inFlight: 0, queued: 0 });
    const hanging = gateway.call('plex', 'scan', () => new Promise(() => undefined)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await hanging).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(gateway.stats('plex')).toMatchObject({ inFlight: 0, queued: 0 });
    // With one slot and no line, a slot kept by either failure would make this BULKHEAD_FULL.
    await expect(gateway.call('plex', 'scan', async () => 'ran')).resolves.toMatchObject({ value: 'ran' });
  });

  it("leaves no listener on the caller's signal once a call settles", async () => {
    const controller = new AbortController();
    const { signal } = controller;
    await gateway.call('plex', 'library', async () => 'ok', { signal });
    await expect(gateway.call('plex', 'library', async () => Promise.reject(unauthorized()), { signal })).rejects.toThrow();
    const flaky = gateway.call('plex', 'library', async ({ attempt }) => (attempt < 2 ? Promise.reject(http500()) : 'third'), { signal, idempotent: true });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(flaky).resolves.toMatchObject({ value: 'third' });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  describe('the http client it hands the work', () => {
    /** Requests as fetch received them; each hangs until its signal aborts, unless answered. */
    let requests: { url: string; token: string | null; signal: AbortSignal; answer(): void }[];

    beforeEach(() => {
      requests = [];
      vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
        const request = new Request(input, init);
        const { signal } = request;
        return new Promise<Response>((resolve, reject) => {
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason));
          requests.push({ url: request.url, token: request.headers.get('x-plex-token'), signal, answer: () => resolve(Response.json({ ok: true })) });
        });
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });

    const untilRequests = async (count: number): Promise<void> => {
      await vi.waitFor(() => expect(requests).toHaveLength(count));
    };

    it("is the service's client: its address, its token", async () => {
      const pending = gateway.call('plex', 'identity', ({ http }) => http.get('identity').json());
      await untilRequests(1);
      expect(requests[0]).toMatchObject({ url: 'http://127.0.0.1:9/identity', token: 'secret-token' });
      requests[0]!.answer();
      await expect(pending).resolves.toMatchObject({ value: { ok: true } });
    });

    it('aborts its requests when the attempt times out, even if the work ignores its signal', async () => {
      build(services({ plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: { breaker: { timeoutMs: 1_000 }, retry: { retries: 0 } } } }));
      const pending = gateway
        .call('plex', 'library', async ({ http }) => {
          const { get } = http; // a destructured method is tied to the attempt as well
          return Promise.all([http.get('a').json(), get('b').json(), http('c').json(), http.extend({ headers: { 'X-Extra': '1' } }).post('d').json()]);
        })
        .catch((error: unknown) => error);
      await untilRequests(4);
      expect(requests.some(({ signal }) => signal.aborted)).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      const error = await pending;
      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'plex' });
      for (const { signal } of requests) {
        expect(signal.aborted).toBe(true);
        expect(isErrorCode(signal.reason, 'UPSTREAM_TIMEOUT')).toBe(true);
      }
    });

    it('gives each attempt its own signal: a retry is not born aborted', async () => {
      build(services({ plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: { breaker: { timeoutMs: 1_000 }, retry: { retries: 1, minDelayMs: 100, maxDelayMs: 100 } } } }));
      const pending = gateway.call('plex', 'library', ({ http }) => http.get('library').json(), { idempotent: true });
      await untilRequests(1);
      await vi.advanceTimersByTimeAsync(1_000 + 100);
      await untilRequests(2);
      expect(requests.map(({ signal }) => signal.aborted)).toEqual([true, false]);
      requests[1]!.answer();
      await expect(pending).resolves.toMatchObject({ value: { ok: true } });
    });

    it('aborts its requests when the caller cancels, and keeps a signal the work passes itself', async () => {
      const caller = new AbortController();
      const own = new AbortController();
      const pending = gateway
        .call('plex', 'library', ({ http }) => Promise.all([http.get('a', { signal: own.signal }).json(), http.get('b').json()]), { signal: caller.signal })
        .catch((error: unknown) => error);
      await untilRequests(2);
      own.abort(new Error('the work changed its mind'));
      expect(requests.map(({ signal }) => signal.aborted)).toEqual([true, false]);
      caller.abort();
      expect(await pending).toMatchObject({ code: 'CANCELLED' });
      expect(requests[1]!.signal.aborted).toBe(true);
    });
  });
});
