import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { createBackoff } from './backoff';
import { createRetryPolicy, type RetryEvent, type RetryPolicyOptions } from './retry-policy';

const options: RetryPolicyOptions = { service: 'overseerr', retries: 3, minDelayMs: 2_000, maxDelayMs: 8_000 };
const retryable = (error: unknown): boolean => (error as AppError).code === 'UPSTREAM_HTTP';
const http503 = (retryAfterMs?: number): AppError =>
  new AppError('UPSTREAM_HTTP', 'HTTP 503', { service: 'overseerr', status: 503, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

/** A deterministic generator (mulberry32) so jitter assertions are reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createRetryPolicy', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries up to the limit, then surfaces the last error', async () => {
    const policy = createRetryPolicy({ ...options, random: () => 0 });
    const attempt = vi.fn(async (_n: number) => Promise.reject(http503()));
    const result = policy.execute(attempt, { idempotent: true, shouldRetry: retryable }).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(((await result) as AppError).status).toBe(503);
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(attempt.mock.calls.map(([n]) => n)).toEqual([0, 1, 2, 3]);
  });

  it('stops at the first success', async () => {
    const policy = createRetryPolicy({ ...options, random: () => 0 });
    const attempt = vi.fn(async (n: number) => (n < 2 ? Promise.reject(http503()) : `ok on ${n}`));
    const result = policy.execute(attempt, { idempotent: true, shouldRetry: retryable });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ok on 2');
  });

  it('waits with decorrelated jitter inside [min, min(max, 3 × previous)] for a seeded random', async () => {
    const delays: number[] = [];
    const policy = createRetryPolicy({ ...options, retries: 6, random: seeded(42) });
    const result = policy
      .execute(async () => Promise.reject(http503()), {
        idempotent: true,
        shouldRetry: retryable,
        onRetry: (event: RetryEvent) => delays.push(event.delayMs),
      })
      .catch(() => undefined);
    await vi.runAllTimersAsync();
    await result;
    expect(delays).toHaveLength(6);
    let previous = options.minDelayMs;
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(options.minDelayMs);
      expect(delay).toBeLessThanOrEqual(Math.min(options.maxDelayMs, previous * 3));
      previous = delay;
    }
    // Same seed, same schedule.
    const again = createBackoff({ ...options, random: seeded(42) });
    expect(delays).toEqual(delays.map(() => again()));
  });

  it('actually sleeps the backoff between attempts', async () => {
    const policy = createRetryPolicy({ ...options, retries: 1, random: () => 0 });
    const attempt = vi.fn(async () => Promise.reject(http503()));
    const result = policy.execute(attempt, { idempotent: true, shouldRetry: retryable }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(options.minDelayMs - 1);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    await result;
  });

  it('full jitter stays inside [0, min(max, min × 2^n)]', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const backoff = createBackoff({ minDelayMs: 100, maxDelayMs: 1_000, jitter: 'full', random: seeded(seed) });
      for (let n = 0; n < 8; n++) {
        const delay = backoff();
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** n));
      }
    }
    const extremes = createBackoff({ minDelayMs: 100, maxDelayMs: 1_000, jitter: 'full', random: () => 0.999999 });
    expect([extremes(), extremes(), extremes(), extremes(), extremes()]).toEqual([99, 199, 399, 799, 999]);
  });

  it('never retries a non-idempotent operation', async () => {
    const policy = createRetryPolicy(options);
    const attempt = vi.fn(async () => Promise.reject(http503()));
    await expect(policy.execute(attempt, { idempotent: false, shouldRetry: retryable })).rejects.toMatchObject({ status: 503 });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('never retries an error the caller rejects (e.g. an open breaker)', async () => {
    const policy = createRetryPolicy(options);
    const attempt = vi.fn(async () => Promise.reject(new AppError('CIRCUIT_OPEN', 'open', { retryAfterMs: 5 })));
    await expect(policy.execute(attempt, { idempotent: true, shouldRetry: retryable })).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
    });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('honours Retry-After instead of the backoff', async () => {
    const policy = createRetryPolicy({ ...options, retries: 1, random: () => 0 });
    const attempt = vi.fn(async (n: number) => (n === 0 ? Promise.reject(http503(5_000)) : 'ok'));
    const result = policy.execute(attempt, { idempotent: true, shouldRetry: retryable });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('ok');
  });

  it('gives up when Retry-After is longer than the cap, keeping retryAfterMs for the caller', async () => {
    const policy = createRetryPolicy({ ...options, maxRetryAfterMs: 10_000 });
    const attempt = vi.fn(async () => Promise.reject(http503(60_000)));
    await expect(policy.execute(attempt, { idempotent: true, shouldRetry: retryable })).rejects.toMatchObject({
      retryAfterMs: 60_000,
    });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('stops with CANCELLED when the caller aborts during the backoff', async () => {
    const policy = createRetryPolicy(options);
    const controller = new AbortController();
    const attempt = vi.fn(async () => Promise.reject(http503()));
    const result = policy
      .execute(attempt, { idempotent: true, shouldRetry: retryable, signal: controller.signal })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(((await result) as AppError).toJSON()).toMatchObject({ code: 'CANCELLED', service: 'overseerr' });
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start when the caller already aborted', async () => {
    const policy = createRetryPolicy(options);
    const attempt = vi.fn(async () => 'ok');
    await expect(
      policy.execute(attempt, { idempotent: true, shouldRetry: retryable, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(attempt).not.toHaveBeenCalled();
  });
});
