import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUptimeKumaSimulator, type UptimeKumaSimulator } from './uptime-kuma-simulator';

const basic = (password: string): Record<string, string> => ({ Authorization: `Basic ${Buffer.from(`any-user:${password}`).toString('base64')}` });

describe('Uptime Kuma simulator', () => {
  let kuma: UptimeKumaSimulator;
  beforeEach(async () => {
    kuma = await createUptimeKumaSimulator({ apiKey: 'uk1_right', statusPageSlug: 'homelab' });
  });
  afterEach(() => kuma.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${kuma.url}${path}`, { headers, redirect: 'manual' });

  it('answers its entry page and status page as JSON, and the recorded 404 for an unknown slug', async () => {
    expect(await (await get('/api/entry-page')).json()).toEqual({ type: 'entryPage', entryPage: 'dashboard' });
    const page = (await (await get('/api/status-page/HomeLab')).json()) as { config: { slug: string }; incidents: unknown[]; publicGroupList: { name: string }[] };
    expect(page.config.slug).toBe('homelab');
    expect(page.incidents).toEqual([]);
    expect(page.publicGroupList.map((group) => group.name)).toEqual(['Media', 'Storage', 'Network']);
    const unknown = await get('/api/status-page/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: 'fail', msg: 'Status Page Not Found' });
  });

  it('guards /metrics with Basic auth, the API key as password, and a Basic challenge', async () => {
    for (const headers of [{}, basic('uk1_wrong')]) {
      const denied = await get('/metrics', headers);
      expect([denied.status, denied.headers.get('www-authenticate')]).toEqual([401, 'Basic']);
    }
    const metrics = await get('/metrics', basic('uk1_right'));
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^monitor_status\{monitor_id="1",.*\} 1$/m);
  });

  it('redirects / to /dashboard and answers its web page for every other path', async () => {
    const root = await get('/');
    expect([root.status, root.headers.get('location')]).toEqual([302, '/dashboard']);
    for (const path of ['/dashboard', '/api/v1/status', '/identity']) {
      const page = await get(path);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(Number(page.headers.get('content-length'))).toBe(Buffer.byteLength(await page.text()));
    }
  });

  it('answers heartbeats as Kuma does: UTC times without T or Z, null pings for failures, the recorded headers', async () => {
    const reply = await get('/api/status-page/heartbeat/homelab', { 'x-apicache-bypass': '1' });
    expect(reply.headers.get('cache-control')).toBe('no-cache');
    expect(reply.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(reply.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-/);
    const body = (await reply.json()) as { heartbeatList: Record<string, { status: number; time: string; msg: string; ping: number | null }[]>; uptimeList: Record<string, number> };
    expect(Object.keys(body.heartbeatList)).toEqual(['1', '2', '3', '4', '5']);
    const beats = body.heartbeatList['1']!;
    expect(beats).toHaveLength(100);
    for (const beat of beats) expect(beat.time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(beats.map((beat) => beat.msg)).toEqual(beats.map(() => ''));
    expect(body.heartbeatList['4']!.at(-1)).toMatchObject({ status: 3, ping: null });
    expect(body.uptimeList['1_24']).toBe(1);
  });

  it('scripts a monitor that flaps on every beat', async () => {
    const flapping = await createUptimeKumaSimulator({ monitors: [{ id: 9, name: 'Flaky', group: 'G', intervalMs: 1000, script: { kind: 'flapping' } }] });
    try {
      const body = (await (await fetch(`${flapping.url}/api/status-page/heartbeat/homelab`)).json()) as { heartbeatList: Record<string, { status: number }[]> };
      const codes = body.heartbeatList['9']!.map((beat) => beat.status);
      expect(codes.every((code, i) => i === 0 || code !== codes[i - 1])).toBe(true);
    } finally {
      await flapping.close();
    }
  });
});
