import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryState, HealthAlert } from '../../../../shared/contract/areas/health-entries';
import { createAlertPolicy, inQuietHours, type AlertPolicy, type AlertSettings } from './alert-policy';

const PROBE_MS = 30_000;
const FOLD_MS = 2_000;
const RECHECK_MS = 30_000;
const HOUR = 3_600_000;

describe('alert policy', () => {
  let alerts: HealthAlert[];
  let settings: AlertSettings;
  let mutes: Map<string, number>;
  let playing: boolean;
  let minutes: number;
  let policy: AlertPolicy;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 11, 1, 12) });
    alerts = [];
    settings = { enabled: true, down: true, up: true, probesToConfirm: 2, quietHours: { enabled: false, start: '22:00', end: '07:00' }, holdWhilePlaying: true };
    mutes = new Map();
    playing = false;
    minutes = 12 * 60;
    policy = createAlertPolicy({
      settings: () => settings,
      mutedUntil: (id) => mutes.get(id) ?? null,
      isPlayingLocally: () => Promise.resolve(playing),
      emit: (alert) => alerts.push(alert),
      localMinutes: () => minutes,
      foldWindowMs: FOLD_MS,
      recheckMs: RECHECK_MS,
    });
  });
  afterEach(() => {
    policy.dispose();
    vi.useRealTimers();
  });

  /** One check of these entries (name = id), then the time until the next probe. */
  const check = async (states: Record<string, EntryState>, waitMs = PROBE_MS): Promise<void> => {
    policy.observe(Object.entries(states).map(([id, state]) => ({ id, name: id, state, at: Date.now() })));
    await vi.advanceTimersByTimeAsync(waitMs);
  };
  const titles = (): string[] => alerts.map((alert) => alert.title);

  it('says nothing about services that are up from the start', async () => {
    for (let i = 0; i < 5; i++) await check({ Plex: 'up', NAS: 'up' });
    expect(alerts).toEqual([]);
  });

  it('notifies exactly once for a service that goes down and stays down', async () => {
    await check({ Plex: 'up' });
    await check({ Plex: 'up' });
    for (let i = 0; i < 30; i++) await check({ Plex: 'down' });
    expect(titles()).toEqual(['Plex is down']);
    expect(alerts[0]!.changes).toEqual([{ id: 'Plex', name: 'Plex', kind: 'down' }]);
  });

  it('needs the configured number of probes before down and before up', async () => {
    settings = { ...settings, probesToConfirm: 3 };
    for (let i = 0; i < 3; i++) await check({ Plex: 'up' });
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    expect(alerts).toEqual([]);
    await check({ Plex: 'down' });
    expect(titles()).toEqual(['Plex is down']);
    await check({ Plex: 'up' });
    await check({ Plex: 'up' });
    expect(alerts).toHaveLength(1);
    await check({ Plex: 'up' });
    expect(titles()).toEqual(['Plex is down', 'Plex is back up']);
  });

  it('turns ten minutes of flapping on every probe into one down and one up', async () => {
    await check({ NAS: 'up' });
    await check({ NAS: 'up' });
    const end = Date.now() + 10 * 60_000;
    let down = true;
    while (Date.now() < end) {
      await check({ NAS: down ? 'down' : 'up' });
      down = !down;
    }
    expect(titles()).toEqual(['NAS is down']);
    for (let i = 0; i < 5; i++) await check({ NAS: 'up' });
    expect(titles()).toEqual(['NAS is down', 'NAS is back up']);
  });

  it('folds three services going down in the same check into one notification naming all three', async () => {
    await check({ Plex: 'up', NAS: 'up', Overseerr: 'up' });
    await check({ Plex: 'up', NAS: 'up', Overseerr: 'up' });
    await check({ Plex: 'down', NAS: 'down', Overseerr: 'down' });
    await check({ Plex: 'down', NAS: 'down', Overseerr: 'down' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: '3 services are down', body: expect.stringContaining('Down: Plex, NAS and Overseerr.') });
    expect(alerts[0]!.changes.map((change) => change.id)).toEqual(['Plex', 'NAS', 'Overseerr']);
  });

  it('folds separate probes that land within the fold window', async () => {
    await check({ Plex: 'up', NAS: 'up' });
    await check({ Plex: 'up', NAS: 'up' });
    await check({ Plex: 'down' }, 100);
    await check({ NAS: 'down' }, PROBE_MS);
    await check({ Plex: 'down' }, 500);
    await check({ NAS: 'down' }, PROBE_MS);
    expect(titles()).toEqual(['2 services are down']);
  });

  it('stays silent for a muted service until its mute ends', async () => {
    await check({ NAS: 'up' });
    await check({ NAS: 'up' });
    mutes.set('NAS', Date.now() + HOUR);
    for (let i = 0; i < 4; i++) await check({ NAS: 'down' });
    for (let i = 0; i < 4; i++) await check({ NAS: 'up' });
    for (let i = 0; i < 4; i++) await check({ NAS: 'down' });
    expect(alerts).toEqual([]);
    await vi.advanceTimersByTimeAsync(HOUR);
    // It was down when the mute ended: its recovery and the next outage are news again.
    for (let i = 0; i < 4; i++) await check({ NAS: 'up' });
    for (let i = 0; i < 4; i++) await check({ NAS: 'down' });
    expect(titles()).toEqual(['NAS is back up', 'NAS is down']);
  });

  it('holds what falls due during local playback and shows it folded when playback stops', async () => {
    await check({ Plex: 'up', NAS: 'up', Router: 'up' });
    await check({ Plex: 'up', NAS: 'up', Router: 'up' });
    playing = true;
    await check({ NAS: 'down' });
    await check({ NAS: 'down' });
    await check({ Router: 'down' });
    await check({ Router: 'down' });
    // Down and back during the film: nothing to say afterwards.
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    await check({ Plex: 'up' });
    await check({ Plex: 'up' });
    await vi.advanceTimersByTimeAsync(10 * RECHECK_MS);
    expect(alerts).toEqual([]);
    expect(policy.holding).toBe(true);
    playing = false;
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(titles()).toEqual(['2 services are down']);
    expect(alerts[0]!.body).toContain('Down: NAS and Router.');
    expect(policy.holding).toBe(false);
  });

  it('does not hold when Plex cannot say whether it plays', async () => {
    const quietLogger = { warn: vi.fn() };
    policy.dispose();
    policy = createAlertPolicy({
      settings: () => settings,
      mutedUntil: () => null,
      isPlayingLocally: () => Promise.reject(new Error('Plex is down')),
      emit: (alert) => alerts.push(alert),
      foldWindowMs: FOLD_MS,
      logger: quietLogger,
    });
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    expect(titles()).toEqual(['Plex is down']);
    expect(quietLogger.warn).toHaveBeenCalled();
  });

  it('holds during quiet hours and folds the night into one notification', async () => {
    settings = { ...settings, quietHours: { enabled: true, start: '22:00', end: '07:00' } };
    await check({ Plex: 'up', NAS: 'up' });
    await check({ Plex: 'up', NAS: 'up' });
    minutes = 23 * 60;
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    minutes = 3 * 60;
    await check({ NAS: 'down' });
    await check({ NAS: 'down' });
    await vi.advanceTimersByTimeAsync(5 * RECHECK_MS);
    expect(alerts).toEqual([]);
    minutes = 7 * 60;
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(titles()).toEqual(['2 services are down']);
  });

  it('respects each kind and the master switch in Settings', async () => {
    settings = { ...settings, up: false };
    await check({ Plex: 'up' });
    await check({ Plex: 'up' });
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    await check({ Plex: 'up' });
    await check({ Plex: 'up' });
    expect(titles()).toEqual(['Plex is down']);
    settings = { ...settings, up: true, enabled: false };
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    expect(alerts).toHaveLength(1);
  });

  it('counts degraded as down and pending or maintenance as neither', async () => {
    await check({ A: 'up', B: 'up', C: 'up' });
    await check({ A: 'up', B: 'up', C: 'up' });
    for (let i = 0; i < 5; i++) await check({ A: 'degraded', B: 'pending', C: 'maintenance' });
    expect(titles()).toEqual(['A is down']);
    // Pending in between does not stop a real outage from counting.
    await check({ B: 'down' });
    await check({ B: 'pending' });
    await check({ B: 'down' });
    expect(titles()).toEqual(['A is down', 'B is down']);
  });

  it('tells a service that is down at start', async () => {
    await check({ Plex: 'down' });
    await check({ Plex: 'down' });
    expect(titles()).toEqual(['Plex is down']);
  });

  it('forgets entries that are gone and leaves no timer after dispose', async () => {
    await check({ Plex: 'down' }, 0);
    policy.forget(['Plex']);
    await check({ Plex: 'down' }, PROBE_MS);
    expect(alerts).toEqual([]);
    policy.observe([{ id: 'X', name: 'X', state: 'down', at: Date.now() }]);
    policy.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('inQuietHours', () => {
  it('handles windows within a day and across midnight', () => {
    const night = { enabled: true, start: '22:00', end: '07:00' };
    expect([21 * 60 + 59, 22 * 60, 0, 6 * 60 + 59, 7 * 60].map((m) => inQuietHours(night, m))).toEqual([false, true, true, true, false]);
    const nap = { enabled: true, start: '13:00', end: '15:30' };
    expect([12 * 60 + 59, 13 * 60, 15 * 60 + 29, 15 * 60 + 30].map((m) => inQuietHours(nap, m))).toEqual([false, true, true, false]);
    expect(inQuietHours({ ...night, enabled: false }, 23 * 60)).toBe(false);
    expect(inQuietHours({ enabled: true, start: '25:00', end: '07:00' }, 3 * 60)).toBe(false);
  });
});
