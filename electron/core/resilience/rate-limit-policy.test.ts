import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../shared/contract/errors';
import { createRateLimiter, type RateLimiter } from './rate-limit-policy';

const take = (limiter: RateLimiter, signal?: AbortSignal): Promise<void> => limiter.acquire(signal);

describe('createRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets calls through at once while tokens remain, without a timer', async () => {
    const limiter = createRateLimiter({ service: 'plex', requests: 2, perMs: 1_000, maxWaitMs: 5_000 });
    await take(limiter);
    await take(limiter);
    expect(vi.getTimerCount()).toBe(0);
    const third = take(limiter);
    expect(vi.getTimerCount()).toBe(1);
    limiter.dispose();
    await expect(third).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('allows a burst of `requests`, then spaces calls at perMs / requests', async () => {
    const limiter = createRateLimiter({ service: 'plex', requests: 4, perMs: 1_000, maxWaitMs: 5_000 });
    for (let i = 0; i < 4; i++) await take(limiter);
    let fifth = false;
    const waiting = take(limiter).then(() => (fifth = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(fifth).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(fifth).toBe(true);
  });

  it('rejects with RATE_LIMITED and retryAfterMs when the wait would exceed the budget', async () => {
    const limiter = createRateLimiter({ service: 'overseerr', requests: 2, perMs: 1_000, maxWaitMs: 600 });
    await take(limiter);
    await take(limiter);
    const queued = take(limiter); // waits 500 ms: within budget
    const error = (await take(limiter).catch((e: unknown) => e)) as AppError;
    expect(error.toJSON()).toMatchObject({ code: 'RATE_LIMITED', service: 'overseerr', retryAfterMs: 1_000 });
    await vi.advanceTimersByTimeAsync(500);
    await queued;
  });

  it('gives back the reservation of a caller that aborts, and leaves no timer', async () => {
    const limiter = createRateLimiter({ service: 'plex', requests: 1, perMs: 1_000, maxWaitMs: 5_000 });
    await take(limiter);
    const controller = new AbortController();
    const waiting = take(limiter, controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(((await waiting) as AppError).code).toBe('CANCELLED');
    expect(vi.getTimerCount()).toBe(0);
    expect(limiter.available).toBeCloseTo(0, 5);
  });

  it('dispose cancels waiters', async () => {
    const limiter = createRateLimiter({ service: 'plex', requests: 1, perMs: 1_000, maxWaitMs: 5_000 });
    await take(limiter);
    const waiting = take(limiter).catch((e: unknown) => e);
    limiter.dispose();
    expect(((await waiting) as AppError).code).toBe('CANCELLED');
    expect(vi.getTimerCount()).toBe(0);
  });
});
