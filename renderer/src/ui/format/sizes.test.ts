import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRuntime, formatSpeed } from './sizes';

describe('sizes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_000, '1.0 KB'],
    [1_450_000, '1.4 MB'],
    [250_000_000, '250 MB'],
    [3_200_000_000, '3.2 GB'],
    [-5, '0 B'],
  ])('formatBytes(%i) is %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('formats speeds', () => {
    expect(formatSpeed(3_200_000)).toBe('3.2 MB/s');
  });

  it.each([
    [0, '0 s'],
    [42.4, '42 s'],
    [120, '2 min'],
    [125, '2 min 5 s'],
    [900, '15 min'],
    [3600, '1 h'],
    [4020, '1 h 7 min'],
  ])('formatDuration(%d) is %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('formats runtimes given in minutes', () => {
    expect(formatRuntime(112)).toBe('1 h 52 min');
    expect(formatRuntime(45)).toBe('45 min');
  });
});
