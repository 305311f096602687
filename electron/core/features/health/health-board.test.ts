/**
 * The board with the alert policy and a real Kuma source on a fake clock:
 * what the household is told while Kuma monitors change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthAlert, HealthEntry, HealthNotice } from '../../../../shared/contract/areas/health-entries';
import { upstreamSpec, type UpstreamId } from '../../../../shared/contract/services';
import type { HealthCheckResult, ServiceHealth } from '../../health/service-health';
import type { Db } from '../../db/database';
import { openCacheDb } from '../../db/databases';
import { createKumaHistoryStore } from '../uptime-kuma/kuma-history-store';
import { createMemoryKumaClient } from '../uptime-kuma/kuma-memory-client';
import type { ScriptedMonitor } from '../uptime-kuma/kuma-monitor-script';
import { createKumaSource, type KumaSource } from '../uptime-kuma/kuma-source';
import { createKumaStatusPages, type KumaStatusPages } from '../uptime-kuma/kuma-status-page-replies';
import { createAlertPolicy, type AlertPolicy, type AlertSettings } from './alert-policy';
import { createHealthBoard, type HealthBoard } from './health-board';
import { createMemoryMuteStore } from './mute-store';
import { createServiceEntries } from './service-entries';

const POLL_MS = 60_000;
const BEAT_MS = 20_000;
const monitors: ScriptedMonitor[] = [
  { id: 1, name: 'Plex', group: 'Media', intervalMs: BEAT_MS, script: { kind: 'steady', state: 'up' } },
  { id: 2, name: 'NAS', group: 'Storage', intervalMs: BEAT_MS, script: { kind: 'steady', state: 'up' } },
  { id: 3, name: 'Router', group: 'Network', intervalMs: BEAT_MS, script: { kind: 'steady', state: 'up' } },
];

describe('health board with Kuma monitors', () => {
  let db: Db;
  let pages: KumaStatusPages;
  let source: KumaSource;
  let policy: AlertPolicy;
  let board: HealthBoard;
  let alerts: HealthAlert[];
  let changed: HealthEntry[];
  let removed: string[];
  let notices: (readonly HealthNotice[])[];
  let playing: boolean;
  const settings: AlertSettings = { enabled: true, down: true, up: true, probesToConfirm: 2, quietHours: { enabled: false, start: '22:00', end: '07:00' }, holdWhilePlaying: true };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 11, 1, 12) });
    db = openCacheDb(':memory:');
    pages = createKumaStatusPages({ monitors, slug: 'homelab' });
    source = createKumaSource({
      client: createMemoryKumaClient(pages),
      history: createKumaHistoryStore(db),
      settings: () => ({ active: true, baseUrl: 'http://kuma.lan', statusPages: ['homelab'], pollIntervalMs: POLL_MS, hasApiKey: false }),
    });
    alerts = [];
    changed = [];
    removed = [];
    notices = [];
    playing = false;
    const mutes = createMemoryMuteStore();
    policy = createAlertPolicy({ settings: () => settings, mutedUntil: (id) => mutes.get(id, Date.now()), isPlayingLocally: async () => playing, emit: (alert) => alerts.push(alert) });
    board = createHealthBoard({ policy, mutes, onEntryChanged: (entry) => changed.push(entry), onEntriesRemoved: (ids) => removed.push(...ids), onNoticesChanged: (list) => notices.push(list) });
    board.addSource(source);
    source.refresh();
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
  });
  afterEach(() => {
    board.dispose();
    source.dispose();
    policy.dispose();
    db.close();
    vi.useRealTimers();
  });

  const titles = (): string[] => alerts.map((alert) => alert.title);

  it('says nothing while everything is up', () => {
    expect(board.entries().map((e) => [e.id, e.state])).toEqual([
      ['kuma:1', 'up'],
      ['kuma:2', 'up'],
      ['kuma:3', 'up'],
    ]);
    expect(alerts).toEqual([]);
  });

  it('tells once about a monitor that goes down and stays down', async () => {
    pages.control.setMonitorState(2, 'down');
    await vi.advanceTimersByTimeAsync(30 * POLL_MS);
    expect(titles()).toEqual(['NAS is down']);
    expect(alerts[0]!.changes).toEqual([{ id: 'kuma:2', name: 'NAS', kind: 'down' }]);
  });

  it('turns a monitor flapping on every beat for ten minutes into one down and one up', async () => {
    const timeline = pages.control.timelines.get(2)!;
    const start = Date.now();
    // Every beat for ten minutes flips the state; then it holds up.
    for (let at = start, down = true; at < start + 10 * 60_000; at += BEAT_MS, down = !down) timeline.override(down ? 'down' : 'up', at);
    timeline.override('up', start + 10 * 60_000);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(titles()).toEqual(['NAS is down']);
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    expect(titles()).toEqual(['NAS is down', 'NAS is back up']);
  });

  it('folds three monitors going down in the same check into one notification naming all three', async () => {
    for (const id of [1, 2, 3]) pages.control.setMonitorState(id, 'down');
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: '3 services are down', body: expect.stringContaining('Down: Plex, NAS and Router.') });
  });

  it('stays silent for a muted monitor until its mute ends', async () => {
    const muted = board.mute('kuma:2', 1);
    expect(muted.mutedUntil).toBe(Date.now() + 3_600_000);
    expect(changed.at(-1)).toEqual(muted);
    pages.control.setMonitorState(2, 'down');
    await vi.advanceTimersByTimeAsync(30 * POLL_MS);
    pages.control.setMonitorState(2, 'up');
    await vi.advanceTimersByTimeAsync(31 * POLL_MS);
    expect(alerts).toEqual([]);
    expect(board.entries().find((e) => e.id === 'kuma:2')!.mutedUntil).toBeNull();
    pages.control.setMonitorState(2, 'down');
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    expect(titles()).toEqual(['NAS is down']);
  });

  it('holds a notification due during local playback and shows it, folded, when playback stops', async () => {
    playing = true;
    pages.control.setMonitorState(2, 'down');
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    pages.control.setMonitorState(3, 'down');
    await vi.advanceTimersByTimeAsync(20 * POLL_MS);
    expect(alerts).toEqual([]);
    playing = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(titles()).toEqual(['2 services are down']);
  });

  it('checks an entry on demand, refuses an unknown one, and mutes only known entries', async () => {
    pages.control.setMonitorState(1, 'down');
    await vi.advanceTimersByTimeAsync(BEAT_MS);
    const entries = await board.checkEntry('kuma:1');
    expect(entries.find((e) => e.id === 'kuma:1')!.state).toBe('down');
    await expect(board.checkEntry('kuma:99')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => board.mute('kuma:99', 4)).toThrow(/no longer on the Health page/);
    expect(board.mute('kuma:1', null).mutedUntil).toBeNull();
  });

  it("passes a status page's pinned incident on as a notice, and takes it away with its source", async () => {
    expect(board.notices()).toEqual([]);
    pages.control.setIncident({ title: 'Internet is out', content: 'The provider knows.' });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(board.notices()).toEqual([expect.objectContaining({ id: 'kuma-incident:homelab:1', title: 'Internet is out', text: 'The provider knows.', tone: 'warn' })]);
    expect(notices).toEqual([board.notices()]);
    // An incident is no outage: it tells the page, not the notifications.
    expect(alerts).toEqual([]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(notices).toHaveLength(1);
    board.dispose();
    board = createHealthBoard({ policy, mutes: createMemoryMuteStore(), onEntryChanged: () => undefined, onEntriesRemoved: () => undefined, onNoticesChanged: (list) => notices.push(list) });
    const remove = board.addSource(source);
    expect(notices.at(-1)).toEqual([expect.objectContaining({ title: 'Internet is out' })]);
    remove();
    expect(notices.at(-1)).toEqual([]);
    expect(board.notices()).toEqual([]);
  });
});

describe("health board with MediaNest's own checks", () => {
  const T = Date.UTC(2026, 11, 1, 12);
  const PROBE_MS = 30_000;
  let alerts: HealthAlert[];
  let probe: (upstream: UpstreamId, status: HealthCheckResult['status']) => void;
  let board: HealthBoard;
  let policy: AlertPolicy;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T });
    alerts = [];
    const snapshots = new Map<UpstreamId, ServiceHealth>();
    const rows = new Map<UpstreamId, HealthCheckResult[]>();
    const snapshot = (upstream: UpstreamId): ServiceHealth =>
      snapshots.get(upstream) ?? { upstream, service: upstreamSpec(upstream).service, enabled: upstream.startsWith('plex'), configured: true, status: 'unknown', responseTimeMs: null, lastCheckedAt: null, error: null, uptime24h: null, breaker: 'closed' };
    let listener: ((result: HealthCheckResult) => void) | undefined;
    const source = createServiceEntries({
      health: { get: snapshot, checkNow: async () => [] },
      history: (upstream, limit) => (rows.get(upstream) ?? []).slice(0, limit),
      address: () => '',
      onProbed: (next) => ((listener = next), () => undefined),
      onChanged: () => () => undefined,
    });
    probe = (upstream, status) => {
      const result: HealthCheckResult = { upstream, status, checkedAt: Date.now(), responseTimeMs: 20, httpStatus: 200, error: null };
      rows.set(upstream, [result, ...(rows.get(upstream) ?? [])]);
      snapshots.set(upstream, { ...snapshot(upstream), status, lastCheckedAt: result.checkedAt });
      listener!(result);
    };
    const settings: AlertSettings = { enabled: true, down: true, up: true, probesToConfirm: 2, quietHours: { enabled: false, start: '22:00', end: '07:00' }, holdWhilePlaying: true };
    const mutes = createMemoryMuteStore();
    policy = createAlertPolicy({ settings: () => settings, mutedUntil: (id) => mutes.get(id, Date.now()), emit: (alert) => alerts.push(alert) });
    board = createHealthBoard({ policy, mutes, onEntryChanged: () => undefined, onEntriesRemoved: () => undefined, onNoticesChanged: () => undefined });
    board.addSource(source);
  });
  afterEach(() => {
    board.dispose();
    policy.dispose();
    vi.useRealTimers();
  });

  const round = async (plex: HealthCheckResult['status'], plexTv: HealthCheckResult['status']): Promise<void> => {
    probe('plex', plex);
    probe('plex-tv', plexTv);
    await vi.advanceTimersByTimeAsync(PROBE_MS);
  };

  it('lists plex.tv as a card of its own and says "plex.tv is down" while the server works', async () => {
    expect(board.entries().map((entry) => [entry.id, entry.name])).toEqual([
      ['service:plex', 'Plex'],
      ['service:plex-tv', 'plex.tv'],
      ['service:overseerr', 'Overseerr'],
      ['service:uptime-kuma', 'Uptime Kuma'],
    ]);
    for (let i = 0; i < 3; i++) await round('healthy', 'unhealthy');
    expect(alerts.map((alert) => [alert.title, alert.changes])).toEqual([['plex.tv is down', [{ id: 'service:plex-tv', name: 'plex.tv', kind: 'down' }]]]);
    for (let i = 0; i < 3; i++) await round('unhealthy', 'healthy');
    expect(alerts.slice(1).map((alert) => alert.body)).toEqual(['Down: Plex. Back up: plex.tv.']);
  });
});
