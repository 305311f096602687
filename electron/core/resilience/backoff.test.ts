import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it("doubles from the base delay up to the cap: the design's defaults without jitter", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, { baseDelayMs: 1_000, maxDelayMs: 30_000, random: () => 0 }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('adds random × 1 s by default, in whole milliseconds, on top of the cap too', () => {
    const at = (attempt: number, random: number): number => backoffDelay(attempt, { baseDelayMs: 2_000, maxDelayMs: 5_000, random: () => random });
    expect([at(0, 0.5), at(1, 0.0004), at(2, 0.999_9), at(3, 0.25)]).toEqual([2_500, 4_000, 5_999, 5_250]);
  });

  it('takes its jitter bound from jitterMs', () => {
    expect(backoffDelay(1, { baseDelayMs: 10, maxDelayMs: 50, jitterMs: 8, random: () => 0.5 })).toBe(24);
    expect(backoffDelay(1, { baseDelayMs: 10, maxDelayMs: 50, jitterMs: 0, random: () => 0.9 })).toBe(20);
  });
});
