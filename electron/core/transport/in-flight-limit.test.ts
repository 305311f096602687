import { describe, expect, it } from 'vitest';
import type { InvokeResult } from '../../../shared/contract/api';
import { createInFlightLimit } from './in-flight-limit';

describe('in-flight limit', () => {
  it('answers BUSY past the limit without starting the work, and frees the slot when an invoke settles', async () => {
    let busy = 0;
    const limit = createInFlightLimit(2, () => (busy += 1));
    const releases: (() => void)[] = [];
    let started = 0;
    const slow = (): Promise<InvokeResult> =>
      new Promise((resolve) => {
        started += 1;
        releases.push(() => resolve({ ok: true, result: null }));
      });
    const first = limit.run(slow);
    const second = limit.run(slow);
    const third = await limit.run(slow);
    expect(started).toBe(2);
    expect(limit.inFlight).toBe(2);
    expect(third).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(third.ok ? '' : third.error.message).toMatch(/Try again in a moment/);
    expect(busy).toBe(1);
    releases[0]!();
    await first;
    expect(await limit.run(async () => ({ ok: true, result: 1 }))).toEqual({ ok: true, result: 1 });
    releases[1]!();
    await second;
    expect(limit.inFlight).toBe(0);
  });

  it('frees the slot when an invoke throws', async () => {
    const limit = createInFlightLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limit.inFlight).toBe(0);
  });
});
