import { afterEach, describe, expect, it } from 'vitest';
import { createPlexTvSimulator, PLEX_TV_UNAUTHENTICATED, type PlexTvSimulator } from './plex-tv-simulator';
import { TEST_IDENTITY_HEADERS } from './plex-test-support';

describe('plex.tv simulator', () => {
  let simulator: PlexTvSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('answers the account for its token and 401 with plex.tv’s body otherwise', async () => {
    simulator = await createPlexTvSimulator({ token: 'account-token', username: 'demo' });
    const user = (token?: string) =>
      fetch(`${simulator!.url}/api/v2/user`, { headers: { ...TEST_IDENTITY_HEADERS, Accept: 'application/json', ...(token ? { 'X-Plex-Token': token } : {}) } });
    const ok = await user('account-token');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: expect.any(Number), username: 'demo', uuid: expect.any(String), authToken: 'account-token' });
    for (const token of [undefined, 'wrong']) {
      const denied = await user(token);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual(PLEX_TV_UNAUTHENTICATED);
    }
    expect(simulator.control.requests.map((request) => request.path)).toEqual(['/api/v2/user', '/api/v2/user', '/api/v2/user']);
  });

  it('approves a PIN through its control, and the token it hands out is then accepted', async () => {
    simulator = await createPlexTvSimulator();
    const json = { ...TEST_IDENTITY_HEADERS, Accept: 'application/json' };
    const pin = (await (await fetch(`${simulator.url}/api/v2/pins?strong=true`, { method: 'POST', headers: json })).json()) as { id: number; authToken: string | null };
    expect(pin.authToken).toBeNull();
    const token = simulator.control.account.claimPin(pin.id);
    const polled = (await (await fetch(`${simulator.url}/api/v2/pins/${pin.id}`, { headers: json })).json()) as { authToken: string };
    expect(polled.authToken).toBe(token);
    expect((await fetch(`${simulator.url}/api/v2/user`, { headers: { ...json, 'X-Plex-Token': token } })).status).toBe(200);
  });
});
