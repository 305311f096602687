import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { backoffDelay, createBackoff } from './backoff';
import { createRetryPolicy, type RetryEvent, type RetryPolicyOptions } from './retry-policy';

const options: RetryPolicyOptions = { service: 'overseerr', retries: 3, minDelayMs: 2_000, maxDelayMs: 8_000, jitterMs: 1_000 };
const retryable = (error: unknown): boolean => (error as AppError).code === 'UPSTREAM_HTTP';
const http503 = (retryAfterMs?: number): AppError =>
  new AppError('UPSTREAM_HTTP', 'HTTP 503', { service: 'overseerr', status: 503, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

/** Returns the given values in turn, as Math.random would return random ones. */
function sequence(...values: number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length]!;
}

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

  it('waits min(base · 2^n, max) plus up to the jitter, exactly, for a seeded random', async () => {
    const delays: number[] = [];
    const policy = createRetryPolicy({ ...options, retries: 5, random: seeded(42) });
    const result = policy
      .execute(async () => Promise.reject(http503()), {
        idempotent: true,
        shouldRetry: retryable,
        onRetry: (event: RetryEvent) => delays.push(event.delayMs),
      })
      .catch(() => undefined);
    await vi.runAllTimersAsync();
    await result;
    const draws = Array.from({ length: 5 }, seeded(42));
    // 2 s, 4 s, 8 s, then the 8 s cap, each plus its draw of the 1 s jitter.
    expect(delays).toEqual([2_000, 4_000, 8_000, 8_000, 8_000].map((base, n) => base + Math.floor(draws[n]! * 1_000)));
    expect(new Set(delays.map((delay, n) => delay - Math.floor(draws[n]! * 1_000))).size).toBe(3);
  });

  it('sleeps exactly each delay before the next attempt', async () => {
    const policy = createRetryPolicy({ ...options, retries: 2, random: sequence(0.5, 0.25) });
    const attempt = vi.fn(async () => Promise.reject(http503()));
    const result = policy.execute(attempt, { idempotent: true, shouldRetry: retryable }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(2_499);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(4_249);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(3);
    await result;
  });

  it('draws a fresh jitter for every retry of every call', async () => {
    const expected = seeded(7);
    const delays: number[] = [];
    const policy = createRetryPolicy({ ...options, retries: 2, random: seeded(7) });
    for (let call = 0; call < 2; call++) {
      const result = policy
        .execute(async () => Promise.reject(http503()), { idempotent: true, shouldRetry: retryable, onRetry: (event) => delays.push(event.delayMs) })
        .catch(() => undefined);
      await vi.runAllTimersAsync();
      await result;
    }
    const jitter = (): number => Math.floor(expected() * 1_000);
    expect(delays).toEqual([2_000 + jitter(), 4_000 + jitter(), 2_000 + jitter(), 4_000 + jitter()]);
    expect(new Set(delays).size).toBe(4);
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

  it('adds at most the jitter, never more, and grows from the base delay', () => {
    expect(backoffDelay(0, 0, { minDelayMs: 1_000, maxDelayMs: 30_000, jitterMs: 1_000 })).toBe(1_000);
    const highest = createBackoff({ minDelayMs: 1_000, maxDelayMs: 30_000, jitterMs: 1_000, random: () => 0.999999 });
    expect(Array.from({ length: 7 }, highest)).toEqual([1_999, 2_999, 4_999, 8_999, 16_999, 30_999, 30_999]);
  });

  it('makes no retry whose wait would end at or past the deadline, and surfaces the last error at once', async () => {
    const policy = createRetryPolicy({ ...options, retries: 5, random: () => 0 });
    const attempt = vi.fn(async () => Promise.reject(http503()));
    // Waits of 2 s then 4 s: the second would end at 6 s, past the 5 s deadline.
    const result = policy.execute(attempt, { idempotent: true, shouldRetry: retryable, deadline: Date.now() + 5_000 }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(((await result) as AppError).status).toBe(503);
    expect(vi.getTimerCount()).toBe(0);
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
