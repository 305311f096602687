/**
 * Thousands of `services:test` calls aimed at an address that accepts and
 * never answers, over several serve-mode sockets: the open connections stay
 * within the test bulkhead, every call is answered (most of them BUSY at
 * once), and `app:info` keeps answering quickly all the while.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TEST_CONCURRENCY, SERVICE_TEST_QUEUE_LIMIT } from '../../electron/core/health/service-test-queue';
import { DEFAULT_MAX_IN_FLIGHT } from '../../electron/core/transport/in-flight-limit';
import { startServeHarness, useFixtureRenderer, type ServeHarness, type WireMessage, type WsTestClient } from '../support/serve-harness';

const fixtureRenderer = useFixtureRenderer();

const SOCKETS = 4;
const CALLS_PER_SOCKET = 750;
/** Each admitted test waits this long for an answer that never comes. */
const PROBE_TIMEOUT_MS = 400;

/** A TCP server that accepts connections and never says a word; it counts how many are open at once. */
async function startSilentServer(): Promise<{ port: number; open: () => number; peak: () => number; total: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let peak = 0;
  let total = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    total += 1;
    peak = Math.max(peak, sockets.size);
    socket.on('error', () => {});
    // Read (and drop) what the client sends, so its closing is seen at once.
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    open: () => sockets.size,
    peak: () => peak,
    total: () => total,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('services:test is bounded', () => {
  let harness: ServeHarness;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  const clients: WsTestClient[] = [];

  beforeAll(async () => {
    [harness, silent] = await Promise.all([startServeHarness({ rendererDir: fixtureRenderer() }), startSilentServer()]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await harness?.stop();
    await silent?.close();
  });

  it('keeps open connections within the bulkhead and app:info answering while thousands of tests hang', async () => {
    for (let i = 0; i < SOCKETS + 1; i += 1) clients.push(await harness.connect());
    const [watcher, ...flooders] = clients as [WsTestClient, ...WsTestClient[]];
    const settings = { enabled: true, baseUrl: `http://127.0.0.1:${silent.port}`, tuning: { health: { timeoutMs: PROBE_TIMEOUT_MS } } };

    // Fire everything at once, without waiting for answers: what a hostile or broken client does.
    let nextId = 1_000_000;
    const answers: Promise<WireMessage>[] = [];
    for (const client of flooders) {
      for (let i = 0; i < CALLS_PER_SOCKET; i += 1) {
        const id = nextId++;
        client.send({ type: 'invoke', id, channel: 'services:test', payload: { service: 'overseerr', settings, secret: 'typed-key' } });
        answers.push(client.waitFor((message) => message.type === 'result' && message.id === id, 15_000));
      }
    }

    // Meanwhile the UI's own calls: app:info, one after the other, timed, for as long as the flood lasts.
    const latencies: number[] = [];
    let flooding = true;
    let answeredDuringFlood = 0;
    const watching = (async () => {
      const until = Date.now() + PROBE_TIMEOUT_MS * 3;
      while (flooding || Date.now() < until) {
        const started = performance.now();
        expect(await watcher.invoke('app:info')).toMatchObject({ ok: true });
        latencies.push(performance.now() - started);
        if (flooding) answeredDuringFlood += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const results = await Promise.all(answers).finally(() => {
      flooding = false;
    });
    await watching;

    expect(silent.peak()).toBeGreaterThan(0);
    expect(silent.peak()).toBeLessThanOrEqual(SERVICE_TEST_CONCURRENCY);
    const busy = results.filter((result) => result.ok === false && result.error?.code === 'BUSY');
    const probed = results.filter((result) => result.ok === true);
    expect(busy.length + probed.length).toBe(results.length);
    // Only what fits in the bulkhead and its line ever ran; per socket, at most the in-flight limit was even admitted.
    expect(probed.length).toBeGreaterThan(0);
    expect(probed.length).toBeLessThanOrEqual(SERVICE_TEST_CONCURRENCY + SERVICE_TEST_QUEUE_LIMIT + SOCKETS * DEFAULT_MAX_IN_FLIGHT);
    expect(silent.total()).toBeGreaterThanOrEqual(probed.length);
    // The admitted ones waited out their timeout and said so.
    for (const result of probed) expect(result.result).toMatchObject({ ok: false, error: `No answer from 127.0.0.1:${silent.port} within ${PROBE_TIMEOUT_MS} ms` });
    expect(busy[0]?.error?.message).toMatch(/Try again in a moment/);

    // The UI kept its answers coming while thousands of tests hung (how fast is a bench matter; frozen is not).
    expect(answeredDuringFlood).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(5000);
    // Timed-out tests closed their sockets: nothing is left holding a descriptor.
    await expect.poll(() => silent.open(), { timeout: 2000 }).toBe(0);
  }, 20_000);
});
