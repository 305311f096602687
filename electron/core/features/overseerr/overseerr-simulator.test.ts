import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOverseerrSimulator, type OverseerrSimulator } from './overseerr-simulator';

describe('Overseerr simulator', () => {
  let overseerr: OverseerrSimulator;
  beforeEach(async () => {
    overseerr = await createOverseerrSimulator({ apiKey: 'right-key' });
  });
  afterEach(() => overseerr.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${overseerr.url}${path}`, { headers, redirect: 'manual' });

  it('answers the public status with its length', async () => {
    const status = await get('/api/v1/status');
    expect(status.status).toBe(200);
    const text = await status.text();
    expect(status.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({ version: '1.34.0', commitTag: 'demo', updateAvailable: false, commitsBehind: 0, restartRequired: false });
  });

  it('answers 401 without a key and 403 with a wrong one, with the recorded bodies', async () => {
    const missing = await get('/api/v1/auth/me');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: "cookie 'connect.sid' required", errors: [{ path: '/api/v1/auth/me', message: "cookie 'connect.sid' required" }] });
    const wrong = await get('/api/v1/auth/me', { 'X-Api-Key': 'wrong' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ status: 403, error: 'You do not have permission to access this endpoint' });
    const right = await get('/api/v1/auth/me', { 'X-Api-Key': 'right-key' });
    expect(await right.json()).toMatchObject({ id: 1, email: expect.any(String) });
  });

  it("answers the request validator's 404 for an undocumented API path, key or not", async () => {
    for (const headers of [{}, { 'X-Api-Key': 'right-key' }] as Record<string, string>[]) {
      const response = await get('/api/v1/nothing-here', headers);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'not found', errors: [{ path: '/api/v1/nothing-here', message: 'not found' }] });
    }
  });

  it('sends a visitor outside the API to /login (307), which is a web page', async () => {
    for (const path of ['/', '/requests', '/api/entry-page']) {
      const response = await get(path);
      expect([response.status, response.headers.get('location'), response.headers.get('content-length')]).toEqual([307, '/login', '0']);
    }
    const login = await get('/login');
    expect(login.headers.get('content-type')).toContain('text/html');
  });

  it('records every request and misbehaves on demand', async () => {
    overseerr.control.setMode({ kind: 'redirect', location: '/sso' });
    expect([(await get('/api/v1/status')).status]).toEqual([302]);
    overseerr.control.setMode({ kind: 'web-page' });
    expect(await (await get('/api/v1/status')).text()).toContain('<html>');
    overseerr.control.setMode({ kind: 'unavailable' });
    expect((await get('/api/v1/status')).status).toBe(503);
    overseerr.control.setMode({ kind: 'drop' });
    await expect(get('/api/v1/status')).rejects.toThrow();
    overseerr.control.reset();
    expect((await get('/api/v1/status')).status).toBe(200);
    expect(overseerr.control.requests.map((r) => r.path)).toEqual(Array(5).fill('/api/v1/status'));
  });
});
