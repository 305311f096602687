/**
 * The one way the core calls an upstream service.
 *
 * `call(upstream, operation, fn, options)` applies, outside in (`upstream` is
 * an upstream id from the service table; a service's primary upstream has the
 * service's name, e.g. 'plex', and its others their own, e.g. 'plex-tv'):
 *   enabled/configured → fresh cache → bulkhead → rate limit → retry (inside
 *   the call's budget, `timeoutMs`) → circuit breaker → per-attempt timeout
 *   (`breaker.timeoutMs`; aborts fn's signal) → fn(ky, retry: 0)
 * and on an outage falls back to `options.fallback`, then to the stale cache
 * entry, marked with its age (cache/fallback-chain.ts).
 *
 * `fn` receives `http`, the service's ky instance extended with a fetch that
 * follows the attempt's signal (attempt-fetch.ts), so a timeout tears down the
 * socket even if `fn` forgets to pass the signal on; a signal `fn` passes
 * itself still applies.
 */
import type { KyInstance } from 'ky';
import { isAppError } from '../../../shared/contract/errors';
import type { UpstreamId } from '../../../shared/contract/services';
import type { CallResult } from '../cache/call-result';
import { runFallbackChain } from '../cache/fallback-chain';
import { isFresh, type ResponseCache } from '../cache/response-cache';
import type { EventBus } from '../events/event-bus';
import type { CoreEvents } from '../events/core-events';
import type { Logger } from '../logging/logger';
import { linkSignals } from '../resilience/linked-signal';
import { upstreamTimeoutError } from '../resilience/resilience-errors';
import { attemptFetch } from './attempt-fetch';
import { createStatsRecorder, type ServiceStats, type StatsRecorder } from './gateway-stats';
import { serviceNotConfiguredError, serviceDisabledError } from './gateway-errors';
import { isCallable } from '../upstream/service-config';
import type { ServiceClient } from '../upstream/service-client';
import type { ServiceRegistry } from '../upstream/service-registry';
import { callTarget, canDegrade, isRetryable, toUpstreamError } from '../upstream/upstream-errors';

export interface CallContext {
  /** ky with prefix = baseUrl, auth, `retry: 0`, `timeout: false`; its requests also abort with this attempt's signal. */
  readonly http: KyInstance;
  /** Aborts on the per-attempt timeout or when the caller cancels. */
  readonly signal: AbortSignal;
  /** 0 for the first attempt. */
  readonly attempt: number;
}

export interface CallOptions<T> {
  /** Safe to repeat (reads, PUT-style writes). Only idempotent calls are retried. Default false. */
  readonly idempotent?: boolean;
  /** Caches successful answers under (service, operation, cacheKey). */
  readonly cacheKey?: string;
  /** How long a cached answer is served without asking upstream. Default 0: always ask. */
  readonly cacheTtlMs?: number;
  /** How long a cached answer may stand in when upstream fails. Default 24 h. */
  readonly staleIfErrorMs?: number;
  /** A secondary source, tried before the cache when upstream fails. */
  readonly fallback?: () => Promise<T> | T;
  readonly signal?: AbortSignal;
}

export interface Gateway {
  call<T>(
    upstream: UpstreamId,
    operation: string,
    fn: (context: CallContext) => Promise<T>,
    options?: CallOptions<T>,
  ): Promise<CallResult<T>>;
  /** Every upstream's statistics, in table order, or one upstream's. */
  stats(): ServiceStats[];
  stats(upstream: UpstreamId): ServiceStats;
}

export interface GatewayOptions {
  readonly registry: ServiceRegistry;
  readonly cache: ResponseCache;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
  readonly logger?: Pick<Logger, 'warn' | 'debug'>;
  readonly now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createGateway(options: GatewayOptions): Gateway {
  const { registry, cache, bus, logger, now = Date.now } = options;
  const recorders = new Map<UpstreamId, StatsRecorder>();
  // Services whose credentials were last rejected; the event fires once per transition.
  const authFailed = new Set<UpstreamId>();

  const recorder = (service: UpstreamId): StatsRecorder => {
    let found = recorders.get(service);
    if (!found) recorders.set(service, (found = createStatsRecorder()));
    return found;
  };

  const noteFailure = (service: UpstreamId, error: unknown, stats: StatsRecorder): void => {
    // A caller changing their mind (or a settings change) says nothing about the service.
    if (isAppError(error) && error.code === 'CANCELLED') return;
    stats.failure(error, now());
    if (isAppError(error) && error.code === 'AUTH_FAILED' && !authFailed.has(service)) {
      authFailed.add(service);
      bus.emit('service:auth-failed', { upstream: service, service: registry.config(service).service, status: error.status ?? 401, at: now() });
    }
    if (!isAppError(error)) logger?.warn({ service, err: error }, 'service call failed with an untyped error');
  };

  /** bulkhead → rate limit → retry (within the call's budget) → breaker (with the per-attempt timeout) → fn. */
  const execute = async <T>(
    client: ServiceClient,
    fn: (context: CallContext) => Promise<T>,
    callOptions: CallOptions<T>,
    stats: StatsRecorder,
  ): Promise<T> => {
    const service = client.config.name;
    // The call ends when its caller aborts or when the client is replaced or shut
    // down; a signal of its own only when there are two to follow. Running attempts
    // are ended by the breaker's dispose(), which the client's dispose() calls.
    const link = callOptions.signal ? linkSignals(client.lifetime, callOptions.signal) : undefined;
    const signal = link?.signal ?? client.lifetime;
    let reachedUpstream = false;
    const run = (n: number, parent: AbortSignal | undefined): Promise<T> =>
      client.breaker.execute(async (attemptSignal) => {
        reachedUpstream = true;
        try {
          return await fn({ http: client.http.extend({ fetch: attemptFetch(attemptSignal) }), signal: attemptSignal, attempt: n });
        } catch (error) {
          // Where the call went is worked out only when it failed: a URL parse per call adds up.
          throw toUpstreamError(error, service, now(), callTarget(client.config.baseUrl));
        }
      }, parent);
    const started = now();
    // The call's budget (timeoutMs) holds every attempt and wait: an attempt that
    // could run past it (a retry, or a call that waited in line) is cut off when it ends.
    const deadline = started + client.config.timeoutMs;
    const runWithinBudget = async (n: number): Promise<T> => {
      const budget = linkSignals(link?.signal);
      const timer = setTimeout(() => budget.abort(upstreamTimeoutError(service, client.config.timeoutMs)), Math.max(0, deadline - now()));
      try {
        return await run(n, budget.signal);
      } finally {
        clearTimeout(timer);
        budget.dispose();
      }
    };
    const attempt = (n: number): Promise<T> =>
      now() + client.config.breaker.timeoutMs <= deadline ? run(n, link?.signal) : runWithinBudget(n);
    try {
      const value = await client.bulkhead.execute(async () => {
        await client.rateLimiter.acquire(signal);
        return client.retry.execute(attempt, {
          idempotent: callOptions.idempotent ?? false,
          shouldRetry: isRetryable,
          signal,
          deadline,
          onRetry: ({ retry, delayMs, error }) =>
            logger?.debug({ service, retry, delayMs, code: isAppError(error) ? error.code : undefined }, 'retrying'),
        });
      }, signal);
      stats.latency(now() - started);
      authFailed.delete(service);
      return value;
    } catch (error) {
      if (reachedUpstream) stats.latency(now() - started);
      noteFailure(service, error, stats);
      throw error;
    } finally {
      link?.dispose();
    }
  };

  function stats(): ServiceStats[];
  function stats(service: UpstreamId): ServiceStats;
  function stats(service?: UpstreamId): ServiceStats | ServiceStats[] {
    const one = (name: UpstreamId): ServiceStats => {
      const config = registry.config(name);
      const client = registry.client(name);
      return {
        upstream: name,
        service: config.service,
        enabled: config.enabled,
        configured: config.baseUrl !== '',
        ...recorder(name).counters(),
        breaker: client?.breaker.state ?? 'closed',
        inFlight: client?.bulkhead.running ?? 0,
        queued: client?.bulkhead.queued ?? 0,
      };
    };
    if (service !== undefined) return one(service);
    return registry.configs().map((config) => one(config.name));
  }

  /** Counts the call and returns the service's client, or throws why it cannot be called. */
  const admit = (service: UpstreamId, stats: StatsRecorder): ServiceClient => {
    stats.call();
    const config = registry.config(service);
    const client = registry.client(service);
    if (!config.enabled) throw serviceDisabledError(service);
    if (!isCallable(config) || !client) throw serviceNotConfiguredError(service);
    return client;
  };

  /** fresh cache → upstream → fallback → stale cache (cache/fallback-chain.ts). */
  async function call<T>(
    service: UpstreamId,
    operation: string,
    fn: (context: CallContext) => Promise<T>,
    callOptions: CallOptions<T> = {},
  ): Promise<CallResult<T>> {
    const stats = recorder(service);
    const client = admit(service, stats);
    const { cacheKey } = callOptions;
    if (cacheKey !== undefined && (callOptions.cacheTtlMs ?? 0) > 0) {
      const entry = cache.get<T>(service, operation, cacheKey);
      if (entry && isFresh(entry, now())) {
        stats.cacheHit();
        return { value: entry.value, stale: false, ageMs: now() - entry.cachedAt, cachedAt: entry.cachedAt, source: 'cache' };
      }
    }

    const result = await runFallbackChain<T>({
      primary: () => execute(client, fn, callOptions, stats),
      secondary: callOptions.fallback,
      cached: cacheKey === undefined ? undefined : () => cache.get<T>(service, operation, cacheKey),
      shouldFallBack: canDegrade,
      now,
    });
    if (result.source !== 'upstream') stats.degraded();
    else if (cacheKey !== undefined) {
      cache.set(service, operation, cacheKey, result.value, {
        ttlMs: callOptions.cacheTtlMs ?? 0,
        staleIfErrorMs: callOptions.staleIfErrorMs ?? DAY_MS,
      });
    }
    return result;
  }

  return {
    call,
    stats,
  };
}
