import { Agent, request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fault, startFaultServer, type FaultServer } from './fault-server';

describe('fault server', () => {
  let server: FaultServer;
  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const get = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${server.url}${path}`, init);

  it('answers ok with a JSON body and records the request', async () => {
    server.set('/identity', fault.ok({ machineIdentifier: 'abc' }));
    const response = await get('/identity?x=1', { headers: { 'X-Test': 'yes' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ machineIdentifier: 'abc' });
    expect(server.requestsTo('/identity')).toHaveLength(1);
    expect(server.requests[0]!.headers['x-test']).toBe('yes');
  });

  it('answers 404 on unknown routes, and a chosen default', async () => {
    expect((await get('/nope')).status).toBe(404);
    server.setDefault(fault.status(503));
    expect((await get('/nope')).status).toBe(503);
  });

  it('delays a slow route', async () => {
    server.set('/slow', fault.slow(80));
    const started = Date.now();
    const response = await get('/slow');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('answers statuses, 429 with Retry-After, and malformed JSON', async () => {
    server.set('/500', fault.status(500));
    server.set('/401', fault.status(401));
    server.set('/429', fault.retryAfter(2));
    server.set('/bad', fault.malformed());
    expect((await get('/500')).status).toBe(500);
    expect((await get('/401')).status).toBe(401);
    const limited = await get('/429');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    await expect((await get('/bad')).json()).rejects.toThrow(SyntaxError);
  });

  it('resets the connection, without counting it as a client abort', async () => {
    server.set('/reset', fault.reset());
    await expect(get('/reset')).rejects.toThrow(TypeError);
    expect(server.abortedCount).toBe(0);
  });

  it('counts a hanging request the client aborts', async () => {
    server.set('/hang', fault.hang());
    const controller = new AbortController();
    const pending = get('/hang', { signal: controller.signal }).catch((error: unknown) => error);
    await server.waitFor(() => server.requestsTo('/hang').length === 1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await server.waitFor(() => server.abortedCount === 1);
  });

  it('plays a sequence by request count, then sticks to the last step or repeats', async () => {
    server.set('/seq', fault.sequence([fault.status(503), fault.status(502), fault.ok()]));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/seq')).status);
    expect(statuses).toEqual([503, 502, 200, 200]);

    server.set('/alt', fault.sequence([fault.ok(), fault.status(500)], true));
    const alternating: number[] = [];
    for (let i = 0; i < 4; i++) alternating.push((await get('/alt')).status);
    expect(alternating).toEqual([200, 500, 200, 500]);
  });

  it('flaps by time', async () => {
    server.set('/flap', fault.flap(60, 60, fault.ok(), fault.status(503)));
    expect((await get('/flap')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect((await get('/flap')).status).toBe(503);
  });

  it('keeps connections alive across requests', async () => {
    server.set('/ka', fault.ok());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((done, fail) => {
        request(`${server.url}/ka`, { agent }, (res) => {
          res.resume();
          res.on('end', () => done());
        })
          .on('error', fail)
          .end();
      });
    }
    agent.destroy();
    expect(server.requestsTo('/ka')).toHaveLength(5);
    expect(server.connectionCount).toBe(1);
  });

  it('close() ends hanging requests', async () => {
    server.set('/hang', fault.hang());
    const pending = get('/hang').catch((error: unknown) => error);
    await server.waitFor(() => server.requests.length === 1);
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
    server = await startFaultServer(); // afterEach closes this one
  });
});
