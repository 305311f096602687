import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { ServiceHealthSchema } from '../../../shared/contract/areas/health';
import { defaultSettings, type Settings } from '../../../shared/contract/areas/settings';
import type { UpstreamId } from '../../../shared/contract/services';
import { type Db } from '../db/database';
import { openCacheDb } from '../db/databases';
import type { CoreEvents } from '../events/core-events';
import { createEventBus } from '../events/event-bus';
import { createServiceRegistry, type ServiceRegistry } from '../upstream/service-registry';
import type { ResolvedServiceConfig } from '../upstream/service-config';
import { createHealthMonitor, type HealthMonitor } from './health-monitor';
import { createHealthStore } from './health-store';
import { addressFailed, failed, networkStep, passed, type ProbeOutcome } from './probe-outcome';

const toFake = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;
const INTERVAL = 30_000;

function services(patch: Partial<Settings['services']> = {}): Settings['services'] {
  return {
    ...defaultSettings().services,
    plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://plex.local:32400', tuning: { breaker: { volumeThreshold: 1 } } },
    overseerr: { enabled: true, baseUrl: 'http://overseerr.local:5055', tuning: {} },
    ...patch,
  };
}

const ok: ProbeOutcome = { address: passed('Answers as the program', 200), credential: passed('Accepted', 200) };
const http503: ProbeOutcome = addressFailed(failed('degraded', 'HTTP 503', 503));

describe('health monitor', () => {
  let db: Db;
  let registry: ServiceRegistry;
  let monitor: HealthMonitor;
  let bus: ReturnType<typeof createEventBus<CoreEvents>>;
  let events: { event: keyof CoreEvents; payload: unknown }[];
  /** What the fake probe answers next, per service. */
  let answers: Record<UpstreamId, ProbeOutcome | 'hang'>;
  let probe: ReturnType<typeof vi.fn<(config: ResolvedServiceConfig, signal: AbortSignal) => Promise<ProbeOutcome>>>;
  let random: number;

  const build = (settings = services()): void => {
    registry = createServiceRegistry({ services: settings, getSecret: () => undefined });
    monitor = createHealthMonitor({
      registry,
      store: createHealthStore(db),
      bus,
      probe,
      random: () => random,
    });
  };

  const named = (event: keyof CoreEvents): unknown[] => events.filter((e) => e.event === event).map((e) => e.payload);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...toFake] });
    db = openCacheDb(':memory:');
    bus = createEventBus<CoreEvents>();
    events = [];
    bus.onAny((event, payload) => events.push({ event, payload }));
    answers = { plex: ok, 'plex-tv': ok, overseerr: ok, 'uptime-kuma': ok };
    random = 0.5;
    probe = vi.fn((config: ResolvedServiceConfig, signal: AbortSignal) => {
      const answer = answers[config.name];
      if (answer === 'hang') return new Promise<ProbeOutcome>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      return Promise.resolve(answer);
    });
    build();
  });
  afterEach(() => {
    monitor.dispose();
    registry.dispose();
    db.close();
    vi.useRealTimers();
  });

  const probesOf = (service: UpstreamId): number => probe.mock.calls.filter(([config]) => config.name === service).length;

  it('reports unknown before any probe, in the contract shape', () => {
    const list = monitor.list();
    // One entry per upstream, each under its service: Plex has two (its server and plex.tv).
    expect(list.map((h) => [h.upstream, h.service, h.status, h.enabled, h.configured])).toEqual([
      ['plex', 'plex', 'unknown', true, true],
      ['plex-tv', 'plex', 'unknown', true, true],
      ['overseerr', 'overseerr', 'unknown', true, true],
      ['uptime-kuma', 'uptime-kuma', 'unknown', false, false],
    ]);
    for (const health of list) expect(ServiceHealthSchema.strict().parse(health)).toEqual(health);
  });

  it('probes enabled services at start, then on a jittered interval', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(probesOf('plex')).toBe(1);
    expect(probesOf('uptime-kuma')).toBe(0);
    expect(monitor.get('plex')).toMatchObject({ status: 'healthy', lastCheckedAt: Date.now(), error: null, uptime24h: 1 });

    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(probesOf('plex')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(probesOf('plex')).toBe(2);
  });

  it('keeps the jitter within ±10 % of the interval', async () => {
    random = 0; // the shortest wait: 0.9 × interval
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    random = 0.999_999; // the longest: 1.1 × interval, drawn after the second probe
    await vi.advanceTimersByTimeAsync(INTERVAL * 0.9 - 1);
    expect(probesOf('plex')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(probesOf('plex')).toBe(2);

    await vi.advanceTimersByTimeAsync(INTERVAL * 1.1 - 1);
    expect(probesOf('plex')).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(probesOf('plex')).toBe(3);
  });

  it('fires health:changed on every status change, and only then', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(INTERVAL); // healthy again: no event
    answers.plex = http503;
    await vi.advanceTimersByTimeAsync(INTERVAL);
    answers.plex = addressFailed(networkStep('refused'));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    const plexChanges = named('health:changed').filter((h) => (h as { upstream: string }).upstream === 'plex');
    expect(plexChanges.map((h) => (h as { status: string }).status)).toEqual(['healthy', 'degraded', 'unhealthy']);
    expect(plexChanges[2]).toMatchObject({ error: 'Connection refused' });
  });

  it('announces service:up / service:down only after probesToChange agreeing probes', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(named('service:up')).toEqual([]);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(named('service:up')).toEqual([
      { upstream: 'plex', service: 'plex', at: Date.now() },
      { upstream: 'plex-tv', service: 'plex', at: Date.now() },
      { upstream: 'overseerr', service: 'overseerr', at: Date.now() },
    ]);

    answers.plex = http503;
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(monitor.get('plex').status).toBe('degraded');
    expect(named('service:down')).toEqual([]);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(named('service:down')).toEqual([{ upstream: 'plex', service: 'plex', at: Date.now(), error: 'HTTP 503' }]);
  });

  it('does not storm while a service flaps', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(INTERVAL); // plex confirmed up
    for (let i = 0; i < 10; i++) {
      answers.plex = i % 2 === 0 ? http503 : ok;
      await vi.advanceTimersByTimeAsync(INTERVAL);
    }
    expect(named('service:up').filter((e) => (e as { upstream: string }).upstream === 'plex')).toHaveLength(1);
    expect(named('service:down')).toHaveLength(0);
    expect(monitor.get('plex').uptime24h).toBeCloseTo(7 / 12, 5);
  });

  it('times a hanging probe out as degraded and aborts it', async () => {
    answers.plex = 'hang';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    const signal = probe.mock.calls.find(([config]) => config.name === 'plex')![1];
    expect(monitor.get('plex').status).toBe('unknown');
    await vi.advanceTimersByTimeAsync(5_000); // the health timeout
    expect(signal.aborted).toBe(true);
    expect(monitor.get('plex')).toMatchObject({ status: 'degraded', error: 'No answer from plex.local:32400 within 5 s', responseTimeMs: 5_000 });
  });

  it('treats a probe that throws as a network failure', async () => {
    probe.mockImplementationOnce(() => Promise.reject(new Error('weird')));
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.get('plex')).toMatchObject({ status: 'unhealthy', error: 'plex.local:32400 could not be reached from this computer' });
  });

  it('checkNow probes at once, shares an in-flight probe and restarts the interval', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(10_000);
    answers.plex = { address: passed('Answers as Plex', 200), credential: failed('unhealthy', 'Plex rejected the token: sign in again', 401) };
    const [first, second] = await Promise.all([monitor.checkNow('plex'), monitor.checkNow('plex')]);
    expect(probesOf('plex')).toBe(2);
    expect(first).toEqual(second);
    // Every upstream of the service: the server, then plex.tv.
    expect(first!.map((h) => h.upstream)).toEqual(['plex', 'plex-tv']);
    expect(first![0]).toMatchObject({ upstream: 'plex', status: 'unhealthy', error: 'Plex rejected the token: sign in again' });
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(probesOf('plex')).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(probesOf('plex')).toBe(3);

    const all = await monitor.checkNow();
    expect(all.map((h) => h.upstream)).toEqual(['plex', 'plex-tv', 'overseerr']);
  });

  it('forgets a service that gets disabled and stops probing it', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.get('overseerr').status).toBe('healthy');
    registry.update(services({ overseerr: { enabled: false, baseUrl: 'http://overseerr.local:5055', tuning: {} } }));
    monitor.refresh(['overseerr']);
    expect(monitor.get('overseerr')).toMatchObject({ status: 'unknown', enabled: false, lastCheckedAt: null });
    expect(named('health:changed').at(-1)).toMatchObject({ service: 'overseerr', status: 'unknown' });
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(probesOf('overseerr')).toBe(1);
  });

  it('re-probes a reconfigured service at once', async () => {
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    registry.update(services({ plex: { accountUrl: 'http://127.0.0.1:9', enabled: true, baseUrl: 'http://elsewhere:32400', tuning: {} } }));
    monitor.refresh(['plex']);
    await vi.advanceTimersByTimeAsync(0);
    expect(probesOf('plex')).toBe(2);
    expect(probe.mock.calls.at(-1)![0].baseUrl).toBe('http://elsewhere:32400');
  });

  it('tells an open breaker about a healthy probe (half-open early) and shows the breaker state', async () => {
    const breaker = registry.client('plex')!.breaker;
    await breaker.execute(async () => Promise.reject(new AppError('UPSTREAM_UNREACHABLE', 'down', { service: 'plex' }))).catch(() => undefined);
    expect(monitor.get('plex').breaker).toBe('open');
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(breaker.state).toBe('half-open');
    expect(monitor.get('plex').breaker).toBe('half-open');
  });

  it('dispose cancels in-flight probes and leaves no timer', async () => {
    answers.plex = 'hang';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.dispose();
    registry.dispose(); // owns the breakers' bucket intervals
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(monitor.get('plex').status).toBe('unknown');
  });
});
