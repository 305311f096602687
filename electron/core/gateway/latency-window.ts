/**
 * The last N latencies in a fixed ring buffer, for p50/p95 that cost O(N log N)
 * only when read and a constant amount of memory forever.
 */
export interface LatencyWindow {
  record(ms: number): void;
  /** Nearest-rank percentile (0 < p ≤ 100) over the window; null when empty. */
  percentile(p: number): number | null;
  readonly size: number;
}

export function createLatencyWindow(capacity = 256): LatencyWindow {
  const samples = new Float64Array(capacity);
  let next = 0;
  let size = 0;
  return {
    record(ms) {
      samples[next] = ms;
      next = (next + 1) % capacity;
      if (size < capacity) size++;
    },
    percentile(p) {
      if (size === 0) return null;
      const sorted = samples.slice(0, size).sort();
      const rank = Math.min(size, Math.max(1, Math.ceil((p / 100) * size)));
      return sorted[rank - 1]!;
    },
    get size() {
      return size;
    },
  };
}
