import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../shared/contract/errors';
import { createBulkhead } from './bulkhead-policy';

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('createBulkhead', () => {
  it('never runs more than `concurrency` at once and drains the queue in order', async () => {
    const bulkhead = createBulkhead({ service: 'plex', concurrency: 3, queueLimit: 20 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 10 }, gate);
    const calls = gates.map((g, i) =>
      bulkhead.execute(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await g.promise;
        running--;
        return i;
      }),
    );
    expect(bulkhead.running).toBe(3);
    expect(bulkhead.queued).toBe(7);
    for (const g of gates) {
      g.open();
      await new Promise((resolve) => setImmediate(resolve));
      expect(running).toBeLessThanOrEqual(3);
    }
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects with BULKHEAD_FULL once the queue is full, without running the work', async () => {
    const bulkhead = createBulkhead({ service: 'uptime-kuma', concurrency: 1, queueLimit: 2 });
    const g = gate();
    const accepted = [1, 2, 3].map(() => bulkhead.execute(() => g.promise));
    const work = vi.fn(async () => undefined);
    const error = (await bulkhead.execute(work).catch((e: unknown) => e)) as AppError;
    expect(error.toJSON()).toMatchObject({ code: 'BULKHEAD_FULL', service: 'uptime-kuma' });
    expect(work).not.toHaveBeenCalled();
    g.open();
    await Promise.all(accepted);
    await expect(bulkhead.execute(async () => 'room again')).resolves.toBe('room again');
  });

  it('with queueLimit 0 rejects as soon as every slot is busy', async () => {
    const bulkhead = createBulkhead({ service: 'plex', concurrency: 1, queueLimit: 0 });
    const g = gate();
    const first = bulkhead.execute(() => g.promise);
    await expect(bulkhead.execute(async () => undefined)).rejects.toMatchObject({ code: 'BULKHEAD_FULL' });
    g.open();
    await first;
  });

  it('drops a queued call whose caller aborts, with CANCELLED, and frees its place', async () => {
    const bulkhead = createBulkhead({ service: 'plex', concurrency: 1, queueLimit: 1 });
    const g = gate();
    const first = bulkhead.execute(() => g.promise);
    const controller = new AbortController();
    const work = vi.fn(async () => undefined);
    const queued = bulkhead.execute(work, controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(((await queued) as AppError).code).toBe('CANCELLED');
    expect(bulkhead.queued).toBe(0);
    g.open();
    await first;
    expect(work).not.toHaveBeenCalled();
  });

  it('dispose rejects waiting calls with CANCELLED and refuses new ones', async () => {
    const bulkhead = createBulkhead({ service: 'plex', concurrency: 1, queueLimit: 5 });
    const g = gate();
    const running = bulkhead.execute(() => g.promise.then(() => 'finished'));
    const waiting = bulkhead.execute(async () => 'never').catch((e: unknown) => e);
    bulkhead.dispose();
    expect(((await waiting) as AppError).code).toBe('CANCELLED');
    await expect(bulkhead.execute(async () => 'late')).rejects.toMatchObject({ code: 'CANCELLED' });
    g.open();
    await expect(running).resolves.toBe('finished');
  });

  it('gives the slot back when the work fails or throws', async () => {
    const bulkhead = createBulkhead({ service: 'plex', concurrency: 1, queueLimit: 0 });
    await expect(bulkhead.execute(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(bulkhead.running).toBe(0);
    await expect(
      bulkhead.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(bulkhead.running).toBe(0);
    await expect(bulkhead.execute(async () => 'ran')).resolves.toBe('ran');
  });

  it("listens to the caller's signal only while the call waits in line", async () => {
    const bulkhead = createBulkhead({ service: 'plex', concurrency: 1, queueLimit: 1 });
    const { signal } = new AbortController();
    const g = gate();
    const first = bulkhead.execute(() => g.promise, signal);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0); // a free slot: no wait, no listener
    const queued = bulkhead.execute(async () => 'second', signal);
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    g.open();
    await first;
    await expect(queued).resolves.toBe('second');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
