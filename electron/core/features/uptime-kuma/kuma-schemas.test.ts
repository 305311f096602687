import { describe, expect, it } from 'vitest';
import { readSample, sampleDir } from '../../../../tests/support/shared-samples';
import { HeartbeatsSchema, StatusPageSchema } from './kuma-schemas';

const recorded = sampleDir('uptime-kuma-2.5.3', 'kuma schemas (recorded 2.5.3)');

/** A 1.23 status page: `incident` (not `incidents`), the old config fields. */
const page123 = {
  config: { slug: 'home', title: 'Home', description: null, icon: '/icon.svg', theme: 'light', published: true, showTags: true, customCSS: '', footerText: null, showPoweredBy: true, googleAnalyticsId: null, showCertificateExpiry: false },
  incident: { id: 4, style: 'danger', title: 'Internet is out', content: 'The provider is on it.', pin: true, createdDate: '2024-05-01 10:00:00', lastUpdatedDate: null },
  publicGroupList: [
    { id: 2, name: 'Network', weight: 2, monitorList: [{ id: 9, name: 'Router', sendUrl: 0, type: 'ping', tags: [] }] },
    { id: 1, name: 'Media', weight: 1, monitorList: [{ id: 7, name: 'NAS', sendUrl: 1, url: 'http://nas.lan/', type: 'http' }] },
  ],
  maintenanceList: [{ id: 1, title: 'Disk swap', description: 'Saturday morning', strategy: 'single', active: 1, status: 'under-maintenance' }],
};

describe('StatusPageSchema', () => {
  it('reads the 1.23/2.0 shape with its single incident, groups by weight', () => {
    const page = StatusPageSchema.parse(page123);
    expect(page).toEqual({
      slug: 'home',
      title: 'Home',
      groups: [
        { name: 'Media', monitors: [{ id: 7, name: 'NAS', type: 'http', url: 'http://nas.lan/' }] },
        { name: 'Network', monitors: [{ id: 9, name: 'Router', type: 'ping', url: null }] },
      ],
      incidents: [{ id: 4, style: 'danger', title: 'Internet is out', content: 'The provider is on it.', at: Date.UTC(2024, 4, 1, 10) }],
      maintenances: [{ title: 'Disk swap', content: 'Saturday morning' }],
    });
    expect(StatusPageSchema.parse({ ...page123, incident: null }).incidents).toEqual([]);
  });

  it('reads the 2.1+ shape with incidents[]', () => {
    const { incident: _incident, ...rest } = page123;
    const page = StatusPageSchema.parse({
      ...rest,
      incidents: [
        { id: 1, style: 'info', title: 'A', content: null, pin: true, active: true, createdDate: '2024-05-01 10:00:00', lastUpdatedDate: '2024-05-01 11:30:00.250' },
        { id: 2, style: 'warning', title: 'B', content: 'b', createdDate: 'yesterday' },
        { id: 3, style: 'danger', title: 'Unpinned', content: 'c', pin: false },
        { id: 5, style: 'danger', title: 'Resolved', content: 'd', active: 0 },
      ],
    });
    expect(page.incidents).toEqual([
      { id: 1, style: 'info', title: 'A', content: null, at: Date.UTC(2024, 4, 1, 11, 30, 0, 250) },
      { id: 2, style: 'warning', title: 'B', content: 'b', at: null },
    ]);
  });

  it('refuses an answer without the status page fields', () => {
    expect(StatusPageSchema.safeParse({ status: 'fail', msg: 'Status Page Not Found' }).success).toBe(false);
  });

  it.skipIf(!recorded)('reads the page a real Uptime Kuma 2.5.3 sent', () => {
    const page = StatusPageSchema.parse(JSON.parse(readSample(recorded!, 'status-page-homelab.json')));
    expect(page.groups.map((g) => [g.name, g.monitors.map((m) => m.id)])).toEqual([
      ['Services', [1, 2]],
      ['Network', [3]],
    ]);
    expect(page.incidents).toEqual([]);
  });
});

describe('HeartbeatsSchema', () => {
  it('reads 50 beats (1.23), UTC times without a zone, null pings and unknown codes', () => {
    const start = Date.UTC(2024, 4, 1, 9, 0, 0);
    const list = Array.from({ length: 50 }, (_, i) => ({
      status: i === 49 ? 5 : i % 2,
      time: new Date(start + i * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
      msg: '',
      ping: i % 2 === 0 ? null : 12,
    }));
    const beats = HeartbeatsSchema.parse({ heartbeatList: { '7': list }, uptimeList: { '7_24': 0.5, '7_720': 0.9 } });
    const seven = beats.beats.get(7)!;
    expect(seven).toHaveLength(50);
    expect(seven[0]).toEqual({ status: 0, at: start, ping: null });
    expect(seven[1]).toEqual({ status: 1, at: start + 60_000, ping: 12 });
    expect(seven[49]!.status).toBe(5);
    expect([...beats.uptime24h]).toEqual([[7, 0.5]]);
  });

  it('sorts beats oldest first and skips one with an unreadable time', () => {
    const beats = HeartbeatsSchema.parse({
      heartbeatList: {
        '1': [
          { status: 1, time: '2026-11-25 22:18:53.472', msg: '', ping: 4 },
          { status: 1, time: 'garbage', msg: '', ping: 4 },
          { status: 0, time: '2026-11-25 22:18:13.471', msg: '', ping: null },
        ],
      },
      uptimeList: {},
    });
    expect(beats.beats.get(1)!.map((b) => b.status)).toEqual([0, 1]);
  });

  it.skipIf(!recorded)('reads the beats a real Uptime Kuma 2.5.3 sent', () => {
    const beats = HeartbeatsSchema.parse(JSON.parse(readSample(recorded!, 'status-page-heartbeat-homelab-after-60s.json')));
    expect(beats.beats.get(2)!.map((b) => [b.status, b.ping])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(beats.beats.get(1)![0]!.at).toBe(Date.UTC(2026, 10, 25, 22, 18, 13, 471));
    expect(Object.fromEntries(beats.uptime24h)).toEqual({ 1: 1, 2: 0, 3: 1 });
  });
});
