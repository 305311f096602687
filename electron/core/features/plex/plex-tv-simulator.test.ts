import { afterEach, describe, expect, it } from 'vitest';
import { createPlexTvSimulator, PLEX_TV_UNAUTHENTICATED, type PlexTvSimulator } from './plex-tv-simulator';

describe('plex.tv simulator', () => {
  let simulator: PlexTvSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('answers the account for its token and 401 with plex.tv’s body otherwise', async () => {
    simulator = await createPlexTvSimulator({ token: 'account-token' });
    const user = (token?: string) =>
      fetch(`${simulator!.url}/api/v2/user`, { headers: { Accept: 'application/json', ...(token ? { 'X-Plex-Token': token } : {}) } });
    const ok = await user('account-token');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 1, username: 'demo', uuid: expect.any(String) });
    for (const token of [undefined, 'wrong']) {
      const denied = await user(token);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual(PLEX_TV_UNAUTHENTICATED);
    }
  });
});
