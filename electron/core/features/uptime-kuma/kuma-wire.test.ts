import { describe, expect, it } from 'vitest';
import { formatKumaTime, kumaState, parseKumaTime } from './kuma-wire';

describe('kumaState', () => {
  it('keeps up, down, pending and maintenance apart and calls other codes unknown', () => {
    expect([0, 1, 2, 3].map(kumaState)).toEqual(['down', 'up', 'pending', 'maintenance']);
    expect([4, -1, 99, null, undefined].map(kumaState)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });
});

describe('parseKumaTime', () => {
  it('reads a time without T or Z as UTC', () => {
    expect(parseKumaTime('2026-11-25 22:18:13.471')).toBe(Date.UTC(2026, 10, 25, 22, 18, 13, 471));
    expect(parseKumaTime('2026-11-25 22:18:13')).toBe(Date.UTC(2026, 10, 25, 22, 18, 13));
  });

  it('also reads ISO 8601 with T and a zone', () => {
    expect(parseKumaTime('2026-11-25T22:18:13.471Z')).toBe(Date.UTC(2026, 10, 25, 22, 18, 13, 471));
    expect(parseKumaTime('2026-11-25T23:18:13+01:00')).toBe(Date.UTC(2026, 10, 25, 22, 18, 13));
    expect(parseKumaTime('2026-11-25 17:18:13.5-0500')).toBe(Date.UTC(2026, 10, 25, 22, 18, 13, 500));
  });

  it('refuses what is not a heartbeat time', () => {
    for (const text of ['', 'yesterday', '2026-02-31 10:00:00', '2026-11-25 24:00:00', '25/11/2026 22:18']) expect(parseKumaTime(text)).toBeNull();
  });

  it('round-trips with formatKumaTime', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    expect(formatKumaTime(at)).toBe('2026-01-02 03:04:05.006');
    expect(parseKumaTime(formatKumaTime(at))).toBe(at);
  });
});
