import { afterEach, describe, expect, it } from 'vitest';
import { createHttpListenerHost, type HttpListenerHost } from '../../hosting/http-listeners';
import { plexSimulator } from './plex-simulator';

describe('Plex simulator', () => {
  let host: HttpListenerHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('answers /identity in JSON or XML and guards the other endpoints', async () => {
    host = createHttpListenerHost();
    const { port } = await host.listen({ name: 'plex', host: '127.0.0.1', port: 0, handler: plexSimulator });
    const plex = `http://127.0.0.1:${port}`;
    const identity = await (await fetch(`${plex}/identity`, { headers: { Accept: 'application/json' } })).json();
    expect(identity).toMatchObject({ MediaContainer: { size: 0, claimed: true, machineIdentifier: expect.any(String) } });
    expect(await (await fetch(`${plex}/identity`)).text()).toContain('<MediaContainer');
    expect((await fetch(`${plex}/library/sections`)).status).toBe(401);
  });
});
