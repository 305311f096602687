/**
 * A service that flaps, then goes down, then comes back, against the whole
 * gateway on real sockets: no call waits past its budget, the breaker opens and
 * recovers on schedule, and stale cached data is served with its age meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/contract/areas/settings';
import { type Db } from '../../electron/core/db/database';
import { openCacheDb } from '../../electron/core/db/databases';
import type { CoreEvents } from '../../electron/core/events/core-events';
import { createEventBus } from '../../electron/core/events/event-bus';
import { createIntegrationLayer, type CallResult, type IntegrationLayer } from '../../electron/core/integration';
import { serviceProbes } from '../../electron/core/service-probes';
import { createSilentLogger } from '../../electron/core/logging/logger';
import type { BreakerTransition } from '../../electron/core/resilience/circuit-breaker';
import { fault, startFaultServer, type FaultServer } from '../support/fault-server';

const TIMEOUT_MS = 150;
const RETRIES = 1;
const MAX_DELAY_MS = 50;
const RESET_MS = 400;
// Worst case for one call: every attempt times out and every backoff is at its cap.
const BUDGET_MS = TIMEOUT_MS * (RETRIES + 1) + RETRIES * MAX_DELAY_MS;
// Scheduling slack on a loaded CI machine.
const SLACK_MS = 120;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a flapping service', () => {
  let server: FaultServer;
  let db: Db;
  let layer: IntegrationLayer;
  const transitions: BreakerTransition[] = [];

  beforeAll(async () => {
    server = await startFaultServer();
    db = openCacheDb(':memory:');
    layer = createIntegrationLayer({
      cacheDb: db,
      bus: createEventBus<CoreEvents>(),
      logger: createSilentLogger(),
      getSecret: () => 'token',
      probes: serviceProbes,
      services: {
        ...defaultSettings().services,
        plex: {
          accountUrl: 'http://127.0.0.1:9', enabled: true,
          baseUrl: server.url,
          tuning: {
            // The gateway holds every call to BUDGET_MS; each attempt gets TIMEOUT_MS.
            timeoutMs: BUDGET_MS,
            retry: { retries: RETRIES, minDelayMs: 10, maxDelayMs: MAX_DELAY_MS, jitterMs: 0 },
            breaker: { timeoutMs: TIMEOUT_MS, errorThresholdPercentage: 50, volumeThreshold: 4, resetTimeoutMs: RESET_MS, rollingWindowMs: 1_000, buckets: 10 },
          },
        },
      },
      startHealth: false,
    });
    layer.registry.client('plex')!.breaker.onStateChange((transition) => transitions.push(transition));
  });
  afterAll(async () => {
    await layer.dispose();
    db.close();
    await server.close();
  });

  /** One timed call of the cached library listing. */
  async function timedCall(): Promise<{ elapsed: number; endedAt: number; result?: CallResult<unknown>; error?: unknown }> {
    const started = Date.now();
    try {
      const result = await layer.gateway.call('plex', 'library', async ({ http }) => http.get('library/sections').json(), {
        idempotent: true,
        cacheKey: 'sections',
      });
      return { elapsed: Date.now() - started, endedAt: Date.now(), result };
    } catch (error) {
      return { elapsed: Date.now() - started, endedAt: Date.now(), error };
    }
  }

  it('serves fresh data while up', async () => {
    server.set('/library/sections', fault.ok({ sections: ['Movies', 'TV'] }));
    const { result } = await timedCall();
    expect(result).toMatchObject({ value: { sections: ['Movies', 'TV'] }, stale: false, source: 'upstream' });
  });

  it('while it flaps, every call ends within its budget and outages are covered by stale data', async () => {
    await sleep(30); // so the cached value has a visible age
    // Down phases outlast a call's whole budget, so retries alone cannot hide them.
    server.set('/library/sections', fault.flap(100, 450, fault.ok({ sections: ['Movies', 'TV'] }), fault.hang()));
    const outcomes: Awaited<ReturnType<typeof timedCall>>[] = [];
    const until = Date.now() + 1_500;
    while (Date.now() < until) outcomes.push(await timedCall());

    for (const outcome of outcomes) expect(outcome.elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS);
    expect(outcomes.every((outcome) => outcome.error === undefined)).toBe(true);
    const stale = outcomes.filter((outcome) => outcome.result?.stale);
    expect(stale.length).toBeGreaterThan(0);
    for (const { result, endedAt, elapsed } of stale) {
      expect(result).toMatchObject({ source: 'cache', value: { sections: ['Movies', 'TV'] } });
      expect(result!.ageMs).toBeGreaterThan(0);
      // The age is measured during the call: cachedAt + ageMs falls inside it.
      expect(result!.cachedAt! + result!.ageMs).toBeLessThanOrEqual(endedAt);
      expect(result!.cachedAt! + result!.ageMs).toBeGreaterThanOrEqual(endedAt - elapsed);
    }
  });

  it('down for good: the breaker opens, then fails fast with stale data', async () => {
    server.set('/library/sections', fault.hang());
    // Enough failing calls to fill the window past the threshold.
    for (let i = 0; i < 6 && layer.registry.client('plex')!.breaker.state !== 'open'; i++) {
      const { elapsed } = await timedCall();
      expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS);
    }
    expect(layer.registry.client('plex')!.breaker.state).toBe('open');

    const before = server.requestsTo('/library/sections').length;
    const { elapsed, result } = await timedCall();
    // Fast: no attempt was made, so not even one attempt's timeout passed.
    expect(elapsed).toBeLessThan(TIMEOUT_MS);
    expect(result).toMatchObject({ stale: true, source: 'cache', error: { code: 'CIRCUIT_OPEN', service: 'plex' } });
    expect(result!.ageMs).toBeGreaterThan(0);
    expect(server.requestsTo('/library/sections').length).toBe(before); // open means no upstream call
  });

  it('half-opens after the reset timeout; a failed trial reopens it', async () => {
    const opened = transitions.findLast((t) => t.to === 'open')!;
    await sleep(RESET_MS + 40);
    const halfOpen = transitions.find((t) => t.to === 'half-open' && t.at >= opened.at)!;
    expect(halfOpen).toBeDefined();
    // Timers run on the monotonic clock and `at` is Date.now(): they can disagree by a millisecond.
    expect(halfOpen.at - opened.at).toBeGreaterThanOrEqual(RESET_MS - 2);
    expect(halfOpen.at - opened.at).toBeLessThan(RESET_MS + SLACK_MS);

    const before = server.requestsTo('/library/sections').length;
    // The trial times out and reopens the breaker, so the retry meets CIRCUIT_OPEN.
    const { result, elapsed } = await timedCall();
    expect(result).toMatchObject({ stale: true, source: 'cache', error: { code: 'CIRCUIT_OPEN' } });
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS);
    expect(server.requestsTo('/library/sections').length).toBe(before + 1); // exactly one trial
    expect(layer.registry.client('plex')!.breaker.state).toBe('open');
  });

  it('recovers: the next trial succeeds, closes the breaker and fresh data flows again', async () => {
    server.set('/library/sections', fault.ok({ sections: ['Movies', 'TV', 'Music'] }));
    await sleep(RESET_MS + 40);
    const { result } = await timedCall();
    expect(result).toMatchObject({ stale: false, source: 'upstream', value: { sections: ['Movies', 'TV', 'Music'] } });
    expect(layer.registry.client('plex')!.breaker.state).toBe('closed');
    expect(transitions.map((t) => t.to).slice(-3)).toEqual(['open', 'half-open', 'closed']);
    expect(layer.gateway.stats('plex')).toMatchObject({ breaker: 'closed', lastError: expect.objectContaining({ service: 'plex' }) });
  });
});
