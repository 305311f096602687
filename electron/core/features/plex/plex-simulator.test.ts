import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlexSimulator, type PlexSimulator } from './plex-simulator';

describe('Plex simulator', () => {
  let plex: PlexSimulator;
  beforeEach(async () => {
    plex = await createPlexSimulator({ token: 'right-token', machineIdentifier: 'machine-1' });
  });
  afterEach(() => plex.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${plex.url}${path}`, { headers });
  const json = { Accept: 'application/json' };

  it('answers /identity without a token, in XML unless JSON is asked for', async () => {
    expect(await (await get('/identity', json)).json()).toEqual({ MediaContainer: { size: 0, claimed: true, machineIdentifier: 'machine-1', version: expect.any(String) } });
    const xml = await get('/identity');
    expect(xml.headers.get('content-type')).toContain('text/xml');
    expect(await xml.text()).toMatch(/^<\?xml[^]*<MediaContainer size="0" claimed="1" machineIdentifier="machine-1"/);
  });

  it('answers 401 without a valid token, and the sections with one (header or query)', async () => {
    expect((await get('/library/sections', json)).status).toBe(401);
    expect((await get('/library/sections', { ...json, 'X-Plex-Token': 'wrong' })).status).toBe(401);
    const sections = await get('/library/sections', { ...json, 'X-Plex-Token': 'right-token' });
    const body = (await sections.json()) as { MediaContainer: { size: number; Directory: { type: string }[] } };
    expect(body.MediaContainer.Directory.map((d) => d.type)).toEqual(['movie', 'show']);
    expect(body.MediaContainer.size).toBe(2);
    expect((await get('/library/sections?X-Plex-Token=right-token')).headers.get('content-type')).toContain('text/xml');
    expect((await get('/no/such/path', { 'X-Plex-Token': 'right-token' })).status).toBe(404);
  });

  it('records the headers of every request', async () => {
    await get('/identity', { 'X-Plex-Client-Identifier': 'abc' });
    expect(plex.control.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/identity', headers: expect.objectContaining({ 'x-plex-client-identifier': 'abc' }) })]);
  });
});
