/**
 * One service's live policies, built from its resolved config: the ky instance,
 * bulkhead, rate limiter, retry policy and circuit breaker, plus a lifetime
 * signal every call links to so `dispose()` ends in-flight and queued calls
 * with CANCELLED and leaves no timer behind.
 */
import { setMaxListeners } from 'node:events';
import type { KyInstance } from 'ky';
import { createBulkhead, type Bulkhead } from '../resilience/bulkhead-policy';
import { CircuitBreaker, type BreakerSnapshot } from '../resilience/circuit-breaker';
import { createRateLimiter, type RateLimiter } from '../resilience/rate-limit-policy';
import { cancelledError } from '../resilience/resilience-errors';
import { createRetryPolicy, type RetryPolicy } from '../resilience/retry-policy';
import type { ResolvedServiceConfig } from './service-config';
import { createServiceHttp, type GetSecret } from './service-http';
import { callTarget, countsAgainstBreaker } from './upstream-errors';

export interface ServiceClient {
  readonly config: ResolvedServiceConfig;
  /** ky for the service's current secret (see service-http.ts). */
  readonly http: KyInstance;
  readonly bulkhead: Bulkhead;
  readonly rateLimiter: RateLimiter;
  readonly retry: RetryPolicy;
  readonly breaker: CircuitBreaker;
  /** Aborts (reason: CANCELLED) when the client is replaced or shut down. */
  readonly lifetime: AbortSignal;
  dispose(): void;
}

export interface ServiceClientDeps {
  readonly getSecret: GetSecret;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Resume a previous breaker's state (same service, same address). */
  readonly breakerState?: BreakerSnapshot;
}

export function createServiceClient(config: ResolvedServiceConfig, deps: ServiceClientDeps): ServiceClient {
  const service = config.name;
  const lifetime = new AbortController();
  // Every call in flight or in line listens to the lifetime signal, about once at
  // a time (directly, or through the signal the gateway links with a caller's).
  // Node warns past 10 listeners; raise the limit to what the bulkhead allows,
  // with room, so a real leak would still be reported.
  setMaxListeners(2 * (config.bulkhead.concurrency + config.bulkhead.queueLimit) + 10, lifetime.signal);
  const target = callTarget(config.baseUrl);
  const breaker = new CircuitBreaker({
    service,
    // breaker.timeoutMs is the per-attempt timeout, inside the call's budget (config.timeoutMs).
    ...config.breaker,
    ...(target ? { where: target.hostPort } : {}),
    errorFilter: (error) => !countsAgainstBreaker(error),
    ...(deps.now ? { now: deps.now } : {}),
  });
  if (deps.breakerState) breaker.restore(deps.breakerState);
  const bulkhead = createBulkhead({ service, ...config.bulkhead });
  const rateLimiter = createRateLimiter({
    service,
    ...config.rateLimit,
    // Waiting in line longer than a whole attempt may take is not worth it.
    maxWaitMs: config.timeoutMs,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const retry = createRetryPolicy({
    service,
    ...config.retry,
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const http = createServiceHttp(config, deps.getSecret);
  return {
    config,
    get http() {
      return http();
    },
    bulkhead,
    rateLimiter,
    retry,
    breaker,
    lifetime: lifetime.signal,
    dispose() {
      if (lifetime.signal.aborted) return;
      lifetime.abort(cancelledError(service));
      bulkhead.dispose();
      rateLimiter.dispose();
      breaker.dispose();
    },
  };
}
