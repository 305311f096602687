import { describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../../../../shared/contract/areas/downloads';
import { createProgressThrottle, type ThrottleClock } from './progress-throttle';

function fakeClock(): ThrottleClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
      }
      now = until;
    },
  };
}

const at = (downloadedBytes: number, phase: DownloadProgress['phase'] = 'downloading'): DownloadProgress => ({
  downloadedBytes,
  totalBytes: 1000,
  estimated: false,
  percent: downloadedBytes / 10,
  speed: null,
  eta: null,
  phase,
  fragmentIndex: null,
  fragmentCount: null,
});

describe('progress throttle', () => {
  it('delivers at most one value per interval, the newest, however fast they come', () => {
    const clock = fakeClock();
    const seen: number[] = [];
    const throttle = createProgressThrottle(250, (progress) => seen.push(progress.downloadedBytes), clock);
    for (let bytes = 1; bytes <= 100; bytes += 1) {
      throttle.push(at(bytes));
      clock.advance(10); // 100 a second for one second
    }
    clock.advance(300);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(100);
    expect(seen.length).toBeLessThanOrEqual(5);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it('sends a change of phase at once and the last value on flush', () => {
    const clock = fakeClock();
    const seen: string[] = [];
    const throttle = createProgressThrottle(250, (progress) => seen.push(`${progress.phase}:${progress.downloadedBytes}`), clock);
    throttle.push(at(1));
    throttle.push(at(500));
    throttle.push(at(1000, 'finished'));
    expect(seen).toEqual(['downloading:1', 'finished:1000']);
    throttle.push(at(1000, 'finished'));
    throttle.flush();
    expect(seen).toEqual(['downloading:1', 'finished:1000', 'finished:1000']);
    throttle.flush();
    expect(seen).toHaveLength(3);
  });

  it('drops what is pending once disposed', () => {
    const clock = fakeClock();
    const seen: number[] = [];
    const throttle = createProgressThrottle(250, (progress) => seen.push(progress.downloadedBytes), clock);
    throttle.push(at(1));
    throttle.push(at(2));
    throttle.dispose();
    clock.advance(1000);
    expect(seen).toEqual([1]);
  });
});
