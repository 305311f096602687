import { afterEach, describe, expect, it } from 'vitest';
import { createHttpListenerHost, type HttpListenerHost } from '../../hosting/http-listeners';
import { overseerrSimulator } from './overseerr-simulator';

describe('Overseerr simulator', () => {
  let host: HttpListenerHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('answers the public status and refuses a wrong API key as Overseerr does', async () => {
    host = createHttpListenerHost();
    const { port } = await host.listen({ name: 'overseerr', host: '127.0.0.1', port: 0, handler: overseerrSimulator });
    const overseerr = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${overseerr}/api/v1/status`)).json()).toMatchObject({ version: expect.any(String), restartRequired: false });
    const denied = await fetch(`${overseerr}/api/v1/request`, { headers: { 'X-Api-Key': 'wrong' } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ status: 403, error: 'You do not have permission to access this endpoint' });
  });
});
