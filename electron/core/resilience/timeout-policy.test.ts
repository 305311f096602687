import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../shared/contract/errors';
import { cancelledError } from './resilience-errors';
import { withTimeout, type CancelAttempt } from './timeout-policy';

describe('withTimeout', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes a result through and clears its timer', async () => {
    await expect(withTimeout(async () => 42, { service: 'plex', timeoutMs: 100 })).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with UPSTREAM_TIMEOUT at the deadline and aborts the work signal with that error', async () => {
    let seen: AbortSignal | undefined;
    const result = withTimeout(
      (signal) => {
        seen = signal;
        // Like fetch: rejects with an AbortError once aborted. That must not win.
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      },
      { service: 'plex', timeoutMs: 100 },
    ).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(99);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result) as AppError;
    expect(error.toJSON()).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'plex' });
    expect(seen?.reason).toBe(error);
  });

  it('rejects with CANCELLED when the caller aborts, and removes its listener', async () => {
    const controller = new AbortController();
    const result = withTimeout(() => new Promise(() => undefined), {
      service: 'plex',
      timeoutMs: 100,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    controller.abort();
    expect(((await result) as AppError).code).toBe('CANCELLED');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('turns a synchronous throw into a rejection', async () => {
    await expect(
      withTimeout(
        () => {
          throw new Error('sync');
        },
        { service: 'plex', timeoutMs: 100 },
      ),
    ).rejects.toThrow('sync');
  });

  it('lists a running attempt in `running` until it settles; its entry cancels it', async () => {
    const running = new Set<CancelAttempt>();
    let seen: AbortSignal | undefined;
    const result = withTimeout(
      (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      },
      { service: 'plex', timeoutMs: 100, running },
    ).catch((e: unknown) => e);
    expect(running.size).toBe(1);
    await withTimeout(async () => 'done', { service: 'plex', timeoutMs: 100, running });
    expect(running.size).toBe(1);
    const reason = cancelledError('plex');
    for (const cancel of [...running]) cancel(reason);
    expect(await result).toBe(reason);
    expect(seen?.reason).toBe(reason);
    expect(running.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
