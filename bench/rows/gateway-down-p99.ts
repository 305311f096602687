/**
 * `gateway.down_p99_ms`: p99 latency of a cached call while its service is down
 * (nothing listening; the breaker has opened), instead of waiting out Plex's
 * 3–5 s timeout. Goal ≤ 5 ms: a dead service must not make the UI wait.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { BenchRow } from '../bench-row';
import { createBenchPlexLayer } from './bench-plex-layer';

const CALLS = 2_000;
const WARMUP = 200;

/** A port on 127.0.0.1 that nothing listens on (connections are refused). */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function measureDownP99(): Promise<{ p99: number; p50: number; breaker: string }> {
  const { layer, dispose } = createBenchPlexLayer(`http://127.0.0.1:${await deadPort()}`, { timeoutMs: 3_000 });
  const library = (idempotent: boolean) =>
    layer.gateway.call('plex', 'library', ({ http }) => http.get('library/sections').json(), { idempotent, cacheKey: 'sections' });
  try {
    layer.cache.set('plex', 'library', 'sections', { sections: ['Movies', 'TV'] }, { ttlMs: 0, staleIfErrorMs: 86_400_000 });
    // Refused connections fail in about a millisecond; single attempts open the breaker quickly.
    for (let i = 0; i < 20 && layer.registry.client('plex')!.breaker.state !== 'open'; i++) await library(false);
    for (let i = 0; i < WARMUP; i++) await library(true);
    const latencies: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const result = await library(true);
      latencies.push(performance.now() - started);
      if (!result.stale) throw new Error('expected a stale cached answer while the service is down');
    }
    latencies.sort((a, b) => a - b);
    return {
      p99: latencies[Math.ceil(0.99 * latencies.length) - 1]!,
      p50: latencies[Math.ceil(0.5 * latencies.length) - 1]!,
      breaker: layer.registry.client('plex')!.breaker.state,
    };
  } finally {
    await dispose();
  }
}

export const rows: BenchRow[] = [
  {
    name: 'gateway.down_p99_ms',
    unit: 'ms',
    goal: '≤ 5',
    async run() {
      const { p99 } = await measureDownP99();
      return { value: p99, pass: p99 <= 5 };
    },
  },
];
