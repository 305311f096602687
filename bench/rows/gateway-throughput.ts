/**
 * `gateway.throughput_ratio`: requests per second through the whole gateway
 * (bulkhead, rate limit, retry, breaker, per-attempt timeout, stats) divided by
 * plain ky against the same local keep-alive server, in the same run. Goal ≥ 0.9:
 * the resilience layer may cost at most a tenth of the throughput.
 *
 * The worst case on purpose: the server runs in this process and answers a tiny
 * body at once, so the client's CPU per request is all there is to measure.
 * Plain ky gets the same headers and its own 5 s timeout, as it would be used
 * without the gateway. The rate limit is set out of the way: it exists to slow
 * calls down and would otherwise be what is measured.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import type { BenchRow } from '../bench-row';
import { createBenchPlexLayer } from './bench-plex-layer';

const REQUESTS = 2_000;
const WARMUP = 500;
const CONCURRENCY = 5; // Plex's bulkhead
const ROUNDS = 7;

async function startServer(): Promise<{ server: Server; url: string }> {
  const body = JSON.stringify({ MediaContainer: { machineIdentifier: 'bench', version: '1.40.0' } });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Requests per second for `count` calls of `call` with `concurrency` workers. */
async function measure(count: number, concurrency: number, call: () => Promise<unknown>): Promise<number> {
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued++ < count) await call();
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function measureThroughputRatio(): Promise<{ ratio: number; plain: number; gateway: number }> {
  const { server, url } = await startServer();
  const { layer, dispose } = createBenchPlexLayer(url, { bulkhead: { concurrency: CONCURRENCY } });
  // Plain ky as it would be used without the gateway: same headers, and ky's own
  // per-request timeout (Plex's 5 s) so both sides pay for timeout protection.
  const plainKy = ky.create({ prefix: url, timeout: 5_000, headers: { Accept: 'application/json', 'X-Plex-Token': 'bench-token' } });
  const plain = (): Promise<unknown> => plainKy.get('identity').json();
  const viaGateway = (): Promise<unknown> =>
    layer.gateway.call('plex', 'identity', ({ http }) => http.get('identity').json(), { idempotent: true });
  try {
    await measure(WARMUP, CONCURRENCY, plain);
    await measure(WARMUP, CONCURRENCY, viaGateway);
    const plainRates: number[] = [];
    const gatewayRates: number[] = [];
    const ratios: number[] = [];
    // Back-to-back pairs, alternating which side goes first, and the median of the
    // pair ratios: load from other processes and GC pauses hit both sides alike.
    for (let round = 0; round < ROUNDS; round++) {
      const [first, second] = round % 2 === 0 ? [plain, viaGateway] : [viaGateway, plain];
      const a = await measure(REQUESTS, CONCURRENCY, first);
      const b = await measure(REQUESTS, CONCURRENCY, second);
      const [plainRate, gatewayRate] = round % 2 === 0 ? [a, b] : [b, a];
      plainRates.push(plainRate);
      gatewayRates.push(gatewayRate);
      ratios.push(gatewayRate / plainRate);
    }
    return { ratio: median(ratios), plain: median(plainRates), gateway: median(gatewayRates) };
  } finally {
    await dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const rows: BenchRow[] = [
  {
    name: 'gateway.throughput_ratio',
    unit: 'ratio',
    goal: '≥ 0.9',
    async run() {
      const { ratio } = await measureThroughputRatio();
      return { value: ratio, pass: ratio >= 0.9 };
    },
  },
];
