import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { createBulkhead } from './bulkhead-policy';
import { CircuitBreaker, type BreakerTransition, type CircuitBreakerOptions } from './circuit-breaker';

// brakes schedules through bluebird, which captured the real setImmediate at load;
// only timers and Date are faked, so awaiting a call still lets bluebird run.
const toFake = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;

const base: CircuitBreakerOptions = {
  service: 'plex',
  errorThresholdPercentage: 50,
  volumeThreshold: 4,
  resetTimeoutMs: 10_000,
  rollingWindowMs: 10_000,
  buckets: 10,
  timeoutMs: 1_000,
};

const boom = (): AppError => new AppError('UPSTREAM_HTTP', 'HTTP 500', { service: 'plex', status: 500 });
const ok = async (): Promise<string> => 'ok';
const fail = async (): Promise<never> => {
  throw boom();
};

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

async function failTimes(breaker: CircuitBreaker, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await settle(breaker.execute(fail));
}

async function openBreaker(breaker: CircuitBreaker): Promise<void> {
  await failTimes(breaker, base.volumeThreshold);
  expect(breaker.state).toBe('open');
}

/** Starts a trial that waits to be released; two calls made meanwhile must be turned away without running. */
async function expectSingleTrial(breaker: CircuitBreaker): Promise<void> {
  let release!: (value: string) => void;
  const trialWork = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
  const others = vi.fn(ok);
  const trial = breaker.execute(trialWork);
  const rejected = await Promise.all([settle(breaker.execute(others)), settle(breaker.execute(others))]);
  expect(rejected.map((error) => (error as AppError).code)).toEqual(['CIRCUIT_OPEN', 'CIRCUIT_OPEN']);
  expect(others).not.toHaveBeenCalled();
  expect(trialWork).toHaveBeenCalledTimes(1);
  release('fine');
  await expect(trial).resolves.toBe('fine');
}

describe('CircuitBreaker', () => {
  let breakers: CircuitBreaker[] = [];
  const make = (options: Partial<CircuitBreakerOptions> = {}): CircuitBreaker => {
    const breaker = new CircuitBreaker({ ...base, ...options });
    breakers.push(breaker);
    return breaker;
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...toFake] });
  });
  afterEach(() => {
    for (const breaker of breakers) breaker.dispose();
    breakers = [];
    vi.useRealTimers();
  });

  describe('1. opening', () => {
    it('opens exactly when the failure rate passes the threshold, not at it', async () => {
      const breaker = make();
      await breaker.execute(ok);
      await breaker.execute(ok);
      await failTimes(breaker, 2); // 2 of 4 = 50 %, not above 50 %
      expect(breaker.state).toBe('closed');
      await failTimes(breaker, 1); // 3 of 5 = 60 %
      expect(breaker.state).toBe('open');
    });

    it('never opens below the volume threshold, even at 100 % failures', async () => {
      const breaker = make({ volumeThreshold: 5 });
      await failTimes(breaker, 4);
      expect(breaker.state).toBe('closed');
      await failTimes(breaker, 1);
      expect(breaker.state).toBe('open');
    });

    it('counts successes made while the window held no failures', async () => {
      const breaker = make();
      for (let i = 0; i < 4; i++) await breaker.execute(ok);
      await failTimes(breaker, 4); // 4 of 8 = 50 %: the successes are in the window
      expect(breaker.state).toBe('closed');
      await failTimes(breaker, 1); // 5 of 9
      expect(breaker.state).toBe('open');
    });

    it('can open on a success that lifts the volume past the threshold', async () => {
      const breaker = make();
      await failTimes(breaker, 3); // below the volume threshold
      expect(breaker.state).toBe('closed');
      await breaker.execute(ok); // 3 of 4 failed = 75 %
      expect(breaker.state).toBe('open');
    });

    it('maps a 30 % threshold without floating-point drift at the boundary', async () => {
      const breaker = make({ errorThresholdPercentage: 70, volumeThreshold: 10 });
      for (let i = 0; i < 3; i++) await breaker.execute(ok);
      await failTimes(breaker, 7); // exactly 70 %
      expect(breaker.state).toBe('closed');
      await failTimes(breaker, 1); // 8 of 11
      expect(breaker.state).toBe('open');
    });
  });

  describe('2. open', () => {
    it('fails fast with CIRCUIT_OPEN and retryAfterMs, never calling the work', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(4_000);
      const work = vi.fn(ok);
      const error = await settle(breaker.execute(work));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).toJSON()).toEqual({
        code: 'CIRCUIT_OPEN',
        message: expect.any(String),
        service: 'plex',
        retryAfterMs: 6_000,
      });
      expect(work).not.toHaveBeenCalled();
    });
  });

  describe('3. half-open timing', () => {
    it('is still open one tick before the reset timeout and half-open at it', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs - 1);
      expect(breaker.state).toBe('open');
      vi.advanceTimersByTime(1);
      expect(breaker.state).toBe('half-open');
    });
  });

  describe('4. half-open trial', () => {
    it('lets exactly one trial through; concurrent callers are rejected', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await expectSingleTrial(breaker);
    });

    it('closes on a successful trial and starts a fresh window', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await breaker.execute(ok);
      expect(breaker.state).toBe('closed');
      // The failures that opened it are gone: 3 more stay below the volume threshold.
      await failTimes(breaker, 3);
      expect(breaker.state).toBe('closed');
    });

    it('reopens on a failed trial and restarts the reset timer', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      vi.advanceTimersByTime(2_500); // half-open for a while before the trial arrives
      await settle(breaker.execute(fail));
      expect(breaker.state).toBe('open');
      expect(breaker.retryAfterMs).toBe(base.resetTimeoutMs);
      vi.advanceTimersByTime(base.resetTimeoutMs - 1);
      expect(breaker.state).toBe('open');
      vi.advanceTimersByTime(1);
      expect(breaker.state).toBe('half-open');
    });

    it('a cancelled trial gives no verdict and frees the trial slot', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      const controller = new AbortController();
      const trial = settle(breaker.execute(() => new Promise<never>(() => undefined), controller.signal));
      controller.abort();
      expect(((await trial) as AppError).code).toBe('CANCELLED');
      expect(breaker.state).toBe('half-open');
      await breaker.execute(ok);
      expect(breaker.state).toBe('closed');
    });

    it('a filtered error in the trial closes it: the service answered', async () => {
      const breaker = make({ errorFilter: (error) => (error as AppError).status === 404 });
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await settle(breaker.execute(async () => Promise.reject(new AppError('UPSTREAM_HTTP', '404', { status: 404 }))));
      expect(breaker.state).toBe('closed');
    });

    it('rejects a call while the trial runs with the time left until the trial times out', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      const trial = settle(breaker.execute(() => new Promise<never>(() => undefined)));
      vi.advanceTimersByTime(400);
      const error = (await settle(breaker.execute(ok))) as AppError;
      expect(error.toJSON()).toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: base.timeoutMs - 400 });
      expect(breaker.retryAfterMs).toBe(base.timeoutMs - 400);
      await vi.advanceTimersByTimeAsync(base.timeoutMs - 400);
      expect(((await trial) as AppError).code).toBe('UPSTREAM_TIMEOUT');
      expect(breaker.state).toBe('open');
      expect(breaker.retryAfterMs).toBe(base.resetTimeoutMs);
    });

    it('a probe success while half-open changes nothing: the trial stays the only call let through', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      const seen: BreakerTransition[] = [];
      breaker.onStateChange((transition) => seen.push(transition));
      let release!: (value: string) => void;
      const trial = breaker.execute(() => new Promise<string>((resolve) => (release = resolve)));
      breaker.reportProbeSuccess();
      expect(breaker.state).toBe('half-open');
      const other = vi.fn(ok);
      expect(((await settle(breaker.execute(other))) as AppError).code).toBe('CIRCUIT_OPEN');
      expect(other).not.toHaveBeenCalled();
      expect(seen).toEqual([]);
      release('fine');
      await expect(trial).resolves.toBe('fine');
      expect(seen.map(({ to }) => to)).toEqual(['closed']);
    });

    it('a successful health probe moves an open breaker to half-open early', async () => {
      const breaker = make();
      await openBreaker(breaker);
      breaker.reportProbeSuccess();
      expect(breaker.state).toBe('half-open');
      expect(vi.getTimerCount()).toBe(1); // only brakes' bucket rotation remains
    });
  });

  describe('5. rolling window', () => {
    it('forgets failures older than the window', async () => {
      const breaker = make({ volumeThreshold: 3 });
      await failTimes(breaker, 2);
      vi.advanceTimersByTime(base.rollingWindowMs); // every bucket has rotated out
      await failTimes(breaker, 2);
      expect(breaker.state).toBe('closed');
      await failTimes(breaker, 1);
      expect(breaker.state).toBe('open');
    });

    it('keeps failures still inside the window', async () => {
      const breaker = make({ volumeThreshold: 3 });
      await failTimes(breaker, 2);
      vi.advanceTimersByTime(base.rollingWindowMs - 2 * (base.rollingWindowMs / base.buckets));
      await failTimes(breaker, 1);
      expect(breaker.state).toBe('open');
    });
  });

  describe('6. filtered errors', () => {
    it('do not count toward opening', async () => {
      const notFound = (): AppError => new AppError('UPSTREAM_HTTP', '404', { status: 404 });
      const breaker = make({ errorFilter: (error) => (error as AppError).status === 404 });
      for (let i = 0; i < 10; i++) {
        await settle(
          breaker.execute(async () => {
            throw notFound();
          }),
        );
      }
      expect(breaker.state).toBe('closed');
      await failTimes(breaker, 3);
      expect(breaker.state).toBe('closed'); // only 3 counted calls so far
      await failTimes(breaker, 1);
      expect(breaker.state).toBe('open');
    });

    it('caller cancellations never count', async () => {
      const breaker = make({ volumeThreshold: 1 });
      const controller = new AbortController();
      controller.abort();
      for (let i = 0; i < 5; i++) await settle(breaker.execute(ok, controller.signal));
      expect(breaker.state).toBe('closed');
    });
  });

  describe('7. timeout', () => {
    it('rejects with UPSTREAM_TIMEOUT, aborts the work, frees the bulkhead slot; a late result changes nothing', async () => {
      const breaker = make({ volumeThreshold: 2, timeoutMs: 500 });
      const bulkhead = createBulkhead({ service: 'plex', concurrency: 1, queueLimit: 1 });
      let seen: AbortSignal | undefined;
      let lateResolve!: (value: string) => void;
      const hanging = (signal: AbortSignal): Promise<string> => {
        seen = signal;
        // Ignores its signal on purpose: the slot must still come back.
        return new Promise<string>((resolve) => (lateResolve = resolve));
      };
      const first = settle(bulkhead.execute(() => breaker.execute(hanging)));
      const queuedWork = vi.fn(ok);
      const second = bulkhead.execute(() => breaker.execute(queuedWork));
      expect(bulkhead.running).toBe(1);
      expect(bulkhead.queued).toBe(1);

      await vi.advanceTimersByTimeAsync(500);
      const error = (await first) as AppError;
      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      expect(error.service).toBe('plex');
      expect(seen?.aborted).toBe(true);
      expect(seen?.reason).toBe(error);
      await expect(second).resolves.toBe('ok');
      expect(queuedWork).toHaveBeenCalledTimes(1);

      // One failure and one success so far; the late success must not be counted.
      lateResolve('late');
      await Promise.resolve();
      await failTimes(breaker, 1); // 2 failures of 3 counted calls: 67 % > 50 %
      expect(breaker.state).toBe('open');
      bulkhead.dispose();
    });

    it('a late result after the breaker opened changes nothing', async () => {
      const breaker = make({ volumeThreshold: 1, timeoutMs: 100_000 });
      let lateReject!: (error: unknown) => void;
      const slow = settle(breaker.execute(() => new Promise<never>((_, reject) => (lateReject = reject))));
      await failTimes(breaker, 1);
      expect(breaker.state).toBe('open');
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await breaker.execute(ok); // trial closes it
      lateReject(boom()); // started before the open: another generation
      await slow;
      expect(breaker.state).toBe('closed');
    });
  });

  describe('10. events', () => {
    it('fires one event per transition, in order', async () => {
      const breaker = make();
      const seen: BreakerTransition[] = [];
      breaker.onStateChange((transition) => seen.push(transition));
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await settle(breaker.execute(fail)); // trial fails: reopen
      await settle(breaker.execute(fail)); // rejected while open: no event
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await breaker.execute(ok);
      await breaker.execute(ok);
      expect(seen.map(({ from, to }) => `${from}>${to}`)).toEqual([
        'closed>open',
        'open>half-open',
        'half-open>open',
        'open>half-open',
        'half-open>closed',
      ]);
      expect(seen[1]!.at - seen[0]!.at).toBe(base.resetTimeoutMs);
    });
  });

  describe('10b. listeners', () => {
    it('a transition listener already sees the new state and its retry time', async () => {
      const breaker = make();
      const seen: { to: string; state: string; retryAfterMs: number }[] = [];
      breaker.onStateChange(({ to }) => seen.push({ to, state: breaker.state, retryAfterMs: breaker.retryAfterMs }));
      await openBreaker(breaker);
      vi.advanceTimersByTime(base.resetTimeoutMs);
      await breaker.execute(ok);
      expect(seen).toEqual([
        { to: 'open', state: 'open', retryAfterMs: base.resetTimeoutMs },
        { to: 'half-open', state: 'half-open', retryAfterMs: 0 },
        { to: 'closed', state: 'closed', retryAfterMs: 0 },
      ]);
    });
  });

  describe('10c. the caller signal', () => {
    it("leaves no abort listener on the caller's signal, however the attempt ends", async () => {
      const breaker = make({ volumeThreshold: 100, timeoutMs: 500 });
      const { signal } = new AbortController();
      await breaker.execute(ok, signal);
      await settle(breaker.execute(fail, signal));
      const hanging = settle(breaker.execute(() => new Promise<never>(() => undefined), signal));
      expect(getEventListeners(signal, 'abort')).toHaveLength(1); // while it runs
      await vi.advanceTimersByTimeAsync(500);
      expect(((await hanging) as AppError).code).toBe('UPSTREAM_TIMEOUT');
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    });
  });

  describe('11. dispose', () => {
    it('leaves no timer behind, even while open', async () => {
      const breaker = make();
      expect(vi.getTimerCount()).toBeGreaterThan(0); // brakes' bucket rotation
      await openBreaker(breaker);
      breaker.dispose();
      expect(vi.getTimerCount()).toBe(0);
      expect(((await settle(breaker.execute(ok))) as AppError).code).toBe('CANCELLED');
    });

    it('ends running attempts with CANCELLED and aborts their work', async () => {
      const breaker = make({ volumeThreshold: 1 });
      let seen: AbortSignal | undefined;
      const running = settle(
        breaker.execute((signal) => {
          seen = signal;
          return new Promise<never>(() => undefined);
        }),
      );
      breaker.dispose();
      expect(((await running) as AppError).code).toBe('CANCELLED');
      expect(seen?.aborted).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('leaves no timer when disposed closed', () => {
      make().dispose();
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('12. serialise and restore', () => {
    it('round-trips an open state and resumes the remaining open period', async () => {
      const breaker = make();
      await openBreaker(breaker);
      vi.advanceTimersByTime(3_000);
      const saved = JSON.parse(JSON.stringify(breaker)) as ReturnType<CircuitBreaker['toJSON']>;
      expect(saved).toEqual({ state: 'open', openedAt: Date.now() - 3_000 });
      breaker.dispose();

      const restored = CircuitBreaker.fromJSON(saved, base);
      breakers.push(restored);
      expect(restored.state).toBe('open');
      expect(restored.retryAfterMs).toBe(7_000);
      const work = vi.fn(ok);
      await settle(restored.execute(work));
      expect(work).not.toHaveBeenCalled();
      vi.advanceTimersByTime(6_999);
      expect(restored.state).toBe('open');
      vi.advanceTimersByTime(1);
      expect(restored.state).toBe('half-open');
      await restored.execute(ok);
      expect(restored.state).toBe('closed');
    });

    it('restores an open period that already ran out as half-open', () => {
      const restored = CircuitBreaker.fromJSON({ state: 'open', openedAt: Date.now() - 60_000 }, base);
      breakers.push(restored);
      expect(restored.state).toBe('half-open');
    });

    it('restores half-open as half-open with a single trial', async () => {
      const restored = CircuitBreaker.fromJSON({ state: 'half-open', openedAt: Date.now() - 60_000 }, base);
      breakers.push(restored);
      expect(restored.state).toBe('half-open');
      await expectSingleTrial(restored);
      expect(restored.state).toBe('closed');
    });

    it('a failed trial after a half-open restore reopens it for a full reset timeout', async () => {
      const restored = CircuitBreaker.fromJSON({ state: 'half-open', openedAt: Date.now() - 60_000 }, base);
      breakers.push(restored);
      await settle(restored.execute(fail));
      expect(restored.state).toBe('open');
      expect(restored.retryAfterMs).toBe(base.resetTimeoutMs);
    });

    it('restores closed as closed', async () => {
      const restored = CircuitBreaker.fromJSON({ state: 'closed', openedAt: null }, base);
      breakers.push(restored);
      expect(restored.state).toBe('closed');
      await expect(restored.execute(ok)).resolves.toBe('ok');
    });
  });
});
