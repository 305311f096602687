import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

describe('formatRelativeTime', () => {
  it.each([
    [0, 'just now'],
    [-5_000, 'just now'],
    [12_400, '12 s ago'],
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [3_600_000, '1 h ago'],
    [3 * 86_400_000, '3 d ago'],
  ])('%i ms ago reads %s', (elapsed, expected) => {
    expect(formatRelativeTime(1_000_000_000 - elapsed, 1_000_000_000)).toBe(expected);
  });
});
