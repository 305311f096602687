/**
 * `gateway.overhead_us`: how much longer one call takes through the whole
 * gateway (bulkhead, rate limit, retry, breaker, per-attempt timeout, stats)
 * than the same call with plain ky, one call at a time, against a local
 * keep-alive server that answers a tiny body at once: the client's own time
 * per call is all there is to measure. Goal ≤ 30 µs.
 *
 * Plain ky gets the same headers and its own 5 s timeout, as it would be used
 * without the gateway; the rate limit is set out of the way (it exists to
 * slow calls down and would otherwise be what is measured).
 *
 * A round makes CALLS plain calls, CALLS gateway calls and CALLS more plain
 * calls ("plain again"), interleaved one by one in every order in turn, so
 * load from other processes falls on every side alike; each side's median
 * call time keeps a preempted call from counting. The row is the median over
 * the rounds of (gateway − plain); the median of (plain again − plain), taken
 * the same way in the same run, is printed beside it: the noise floor.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import type { BenchRow } from '../bench-row';
import { createBenchPlexLayer } from './bench-plex-layer';

const ROUNDS = 9;
const CALLS = 500;
const WARMUP = 1_000;
const GOAL_US = 30;

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

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Every order of three sides: each side comes after each other side equally often. */
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;

/** Microseconds each call took: `count` calls of each of the three sides, interleaved. */
async function interleavedRound(sides: readonly [() => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>], count: number, round: number): Promise<number[][]> {
  const times: number[][] = [[], [], []];
  for (let i = 0; i < count; i++) {
    for (const side of ORDERS[(round + i) % ORDERS.length]!) {
      const started = performance.now();
      await sides[side]();
      times[side]!.push((performance.now() - started) * 1000);
    }
  }
  return times;
}

export interface OverheadMeasurement {
  /** Median over the rounds of the gateway's median call time minus plain ky's, µs. */
  readonly overheadUs: number;
  /** The same for plain again minus plain: what the method reads when there is no difference. */
  readonly noiseUs: number;
  /** Median over the rounds of plain ky's median call time, µs. */
  readonly plainUs: number;
}

export async function measureGatewayOverhead(rounds = ROUNDS, calls = CALLS): Promise<OverheadMeasurement> {
  const { server, url } = await startServer();
  const { layer, dispose } = createBenchPlexLayer(url);
  const plainKy = ky.create({ prefix: url, timeout: 5_000, headers: { Accept: 'application/json', 'X-Plex-Token': 'bench-token' } });
  const plain = (): Promise<unknown> => plainKy.get('identity').json();
  const viaGateway = (): Promise<unknown> =>
    layer.gateway.call('plex', 'identity', ({ http }) => http.get('identity').json(), { idempotent: true });
  try {
    await interleavedRound([plain, viaGateway, plain], WARMUP, 0);
    const overheads: number[] = [];
    const noises: number[] = [];
    const plains: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const [first, gateway, again] = (await interleavedRound([plain, viaGateway, plain], calls, round)).map(median) as [
        number,
        number,
        number,
      ];
      overheads.push(gateway - first);
      noises.push(again - first);
      plains.push(first);
    }
    return { overheadUs: median(overheads), noiseUs: median(noises), plainUs: median(plains) };
  } finally {
    await dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const rows: BenchRow[] = [
  {
    name: 'gateway.overhead_us',
    unit: 'µs',
    goal: `≤ ${GOAL_US}`,
    async run() {
      const { overheadUs, noiseUs, plainUs } = await measureGatewayOverhead();
      return {
        value: overheadUs,
        pass: overheadUs <= GOAL_US,
        detail: `noise floor (plain − plain) ${noiseUs.toFixed(1)} µs; plain ky ${plainUs.toFixed(0)} µs a call`,
      };
    },
  },
];
