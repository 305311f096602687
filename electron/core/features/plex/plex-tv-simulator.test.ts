import { afterEach, describe, expect, it } from 'vitest';
import { createHttpListenerHost, type HttpListenerHost } from '../../hosting/http-listeners';
import { PLEX_SIMULATOR_TOKEN } from './plex-simulator';
import { plexTvSimulator } from './plex-tv-simulator';

describe('plex.tv simulator', () => {
  let host: HttpListenerHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('answers the account for its token and 401 with plex.tv’s body otherwise', async () => {
    host = createHttpListenerHost();
    const { port } = await host.listen({ name: 'plex-tv', host: '127.0.0.1', port: 0, handler: plexTvSimulator });
    const user = (token?: string) => fetch(`http://127.0.0.1:${port}/api/v2/user`, { headers: { Accept: 'application/json', ...(token ? { 'X-Plex-Token': token } : {}) } });
    const ok = await user(PLEX_SIMULATOR_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 1, username: 'demo', uuid: expect.any(String) });
    for (const token of [undefined, 'wrong']) {
      const denied = await user(token);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual({ errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] });
    }
  });
});
