import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { createRetryPolicy, type RetryEvent, type RetryPolicyOptions } from './retry-policy';

const options: RetryPolicyOptions = { service: 'overseerr', retries: 3, minDelayMs: 2_000, maxDelayMs: 8_000 };
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

  it('waits min(base × 2^n, max) plus the jitter, exactly, for given random values', async () => {
    const delays: number[] = [];
    const policy = createRetryPolicy({ ...options, retries: 6, random: sequence(0, 0.5, 0.25, 0.999, 0.1, 0.75) });
    const result = policy
      .execute(async () => Promise.reject(http503()), {
        idempotent: true,
        shouldRetry: retryable,
        onRetry: (event: RetryEvent) => delays.push(event.delayMs),
      })
      .catch(() => undefined);
    await vi.runAllTimersAsync();
    await result;
    // 2 s, 4 s, 8 s, then the 8 s cap; the jitter (up to 1 s) comes on top of the cap.
    expect(delays).toEqual([2_000, 4_500, 8_250, 8_999, 8_100, 8_750]);
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
    const random = seeded(42);
    const expected = seeded(42);
    const delays: number[] = [];
    const policy = createRetryPolicy({ ...options, retries: 2, random });
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
