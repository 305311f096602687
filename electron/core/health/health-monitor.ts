/**
 * Probes every upstream of every enabled service on its own jittered interval,
 * keeps each one's ServiceHealth, and announces changes on the bus.
 *
 * - Probes run outside the breaker (a probe is how recovery is seen); a healthy
 *   probe tells an open breaker, which moves to half-open early.
 * - `health:changed` fires on every status change; `service:up`/`service:down`
 *   only once `probesToChange` consecutive probes agree, so a flapping service
 *   does not cause a storm of notifications.
 * - Timers and the clock are injectable; `dispose()` cancels in-flight probes
 *   and leaves no timer.
 */
import { upstreamIds, upstreamsOf, type ServiceName, type UpstreamId } from '../../../shared/contract/services';
import type { EventBus } from '../events/event-bus';
import type { CoreEvents } from '../events/core-events';
import type { Logger } from '../logging/logger';
import { isCallable } from '../upstream/service-config';
import type { ServiceRegistry } from '../upstream/service-registry';
import { runHealthCheck } from './health-check';
import type { HealthStore } from './health-store';
import type { Probe } from './probe';
import type { HealthCheckResult, HealthStatus, ServiceHealth } from './service-health';

export interface HealthTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HealthMonitorOptions {
  readonly registry: ServiceRegistry;
  readonly store: HealthStore;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
  readonly probe: Probe;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  readonly now?: () => number;
  /** For the ±10 % jitter on each interval. */
  readonly random?: () => number;
  readonly timers?: HealthTimers;
}

export interface HealthMonitor {
  /** Starts probing every callable upstream (the first probe runs at once). */
  start(): void;
  /** Every upstream's health, in table order. */
  list(): ServiceHealth[];
  get(upstream: UpstreamId): ServiceHealth;
  /** Probes now (one service's upstreams, or every callable one) and returns the fresh snapshots. */
  checkNow(service?: ServiceName): Promise<ServiceHealth[]>;
  /** Re-reads these upstreams' config (after settings changed): reschedules, resets disabled ones. */
  refresh(upstreams?: readonly UpstreamId[]): void;
  dispose(): void;
}

interface ServiceState {
  status: HealthStatus;
  /** The debounced up/down verdict behind service:up/down; null until probesToChange probes agree. */
  confirmed: boolean | null;
  streak: { up: boolean; count: number } | null;
  last: HealthCheckResult | null;
  uptime24h: number | null;
  timer: unknown;
  inFlight: Promise<void> | null;
  /** Bumped on reconfiguration so a probe of the old config is ignored. */
  epoch: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const JITTER = 0.1;

export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const { registry, store, bus, probe, logger } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timers: HealthTimers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const lifetime = new AbortController();
  const states = new Map<UpstreamId, ServiceState>(
    upstreamIds.map((name) => [
      name,
      { status: 'unknown', confirmed: null, streak: null, last: null, uptime24h: null, timer: undefined, inFlight: null, epoch: 0 },
    ]),
  );
  let started = false;

  const state = (name: UpstreamId): ServiceState => states.get(name)!;

  const snapshot = (name: UpstreamId): ServiceHealth => {
    const s = state(name);
    const config = registry.config(name);
    return {
      upstream: name,
      service: config.service,
      enabled: config.enabled,
      configured: config.baseUrl !== '',
      status: s.status,
      responseTimeMs: s.last?.responseTimeMs ?? null,
      lastCheckedAt: s.last?.checkedAt ?? null,
      error: s.last?.error ?? null,
      uptime24h: s.uptime24h,
      breaker: registry.client(name)?.breaker.state ?? 'closed',
    };
  };

  const setStatus = (name: UpstreamId, status: HealthStatus): void => {
    const s = state(name);
    if (s.status === status) return;
    s.status = status;
    bus.emit('health:changed', snapshot(name));
  };

  const clearTimer = (s: ServiceState): void => {
    if (s.timer !== undefined) timers.clearTimeout(s.timer);
    s.timer = undefined;
  };

  const schedule = (name: UpstreamId, delayMs: number): void => {
    const s = state(name);
    clearTimer(s);
    if (!started || lifetime.signal.aborted || !isCallable(registry.config(name))) return;
    s.timer = timers.setTimeout(() => {
      s.timer = undefined;
      void probeService(name);
    }, delayMs);
  };

  const nextDelay = (name: UpstreamId): number => {
    const interval = registry.config(name).health.intervalMs;
    return Math.round(interval * (1 - JITTER + 2 * JITTER * random()));
  };

  const apply = (name: UpstreamId, result: HealthCheckResult): void => {
    const s = state(name);
    const config = registry.config(name);
    s.last = result;
    try {
      store.record(result);
      s.uptime24h = store.uptime(name, now() - DAY_MS);
    } catch (error) {
      logger?.warn({ upstream: name, err: error }, 'could not store a health result');
    }
    if (result.status === 'healthy') registry.client(name)?.breaker.reportProbeSuccess();

    const up = result.status === 'healthy';
    s.streak = s.streak?.up === up ? { up, count: s.streak.count + 1 } : { up, count: 1 };
    const flips = s.streak.count >= config.health.probesToChange && s.confirmed !== up;
    if (flips) s.confirmed = up;

    setStatus(name, result.status);
    bus.emit('health:probed', result);
    if (flips) {
      logger?.info({ upstream: name, status: result.status }, up ? 'service is up' : 'service is down');
      const ref = { upstream: name, service: config.service };
      if (up) bus.emit('service:up', { ...ref, at: result.checkedAt });
      else bus.emit('service:down', { ...ref, at: result.checkedAt, error: result.error });
    }
  };

  const probeService = (name: UpstreamId): Promise<void> => {
    const s = state(name);
    if (s.inFlight) return s.inFlight;
    const config = registry.config(name);
    if (!isCallable(config) || lifetime.signal.aborted) return Promise.resolve();
    const epoch = s.epoch;
    const run = runHealthCheck(config, probe, { signal: lifetime.signal, now }).then(
      ({ result }) => {
        if (epoch === s.epoch && !lifetime.signal.aborted) apply(name, result);
      },
      () => undefined, // CANCELLED: the monitor is shutting down.
    );
    const tracked: Promise<void> = run.finally(() => {
      if (s.inFlight === tracked) s.inFlight = null;
      // A reconfiguration bumped the epoch and already scheduled the next probe.
      if (epoch === s.epoch) schedule(name, nextDelay(name));
    });
    s.inFlight = tracked;
    return tracked;
  };

  return {
    start() {
      if (started || lifetime.signal.aborted) return;
      started = true;
      for (const name of upstreamIds) schedule(name, 0);
    },
    list: () => upstreamIds.map(snapshot),
    get: snapshot,
    async checkNow(service) {
      const names = service === undefined ? upstreamIds.filter((name) => isCallable(registry.config(name))) : upstreamsOf(service).map((upstream) => upstream.id);
      await Promise.all(names.map((name) => probeService(name)));
      return names.map(snapshot);
    },
    refresh(upstreams = upstreamIds) {
      for (const name of upstreams) {
        const s = state(name);
        s.epoch++;
        s.inFlight = null;
        clearTimer(s);
        if (!isCallable(registry.config(name))) {
          // Nothing to watch: forget the verdict so re-enabling starts clean.
          s.confirmed = null;
          s.streak = null;
          s.last = null;
          setStatus(name, 'unknown');
          continue;
        }
        schedule(name, 0);
      }
    },
    dispose() {
      if (lifetime.signal.aborted) return;
      lifetime.abort();
      for (const s of states.values()) {
        s.epoch++;
        clearTimer(s);
      }
    },
  };
}
