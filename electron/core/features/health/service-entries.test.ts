import { describe, expect, it, vi } from 'vitest';
import type { ServiceName } from '../../../../shared/contract/services';
import type { HealthCheckResult, ServiceHealth } from '../../health/service-health';
import { createServiceEntries } from './service-entries';
import type { SourceUpdate } from './health-source';

const T = Date.UTC(2026, 11, 1, 12);

function snapshot(service: ServiceName, patch: Partial<ServiceHealth> = {}): ServiceHealth {
  return { service, enabled: true, configured: true, status: 'healthy', responseTimeMs: 20, lastCheckedAt: T, error: null, uptime24h: 1, breaker: 'closed', ...patch };
}

function result(service: ServiceName, status: HealthCheckResult['status'], checkedAt: number, responseTimeMs = 20): HealthCheckResult {
  return { service, status, checkedAt, responseTimeMs, httpStatus: status === 'healthy' ? 200 : 503, error: status === 'healthy' ? null : 'HTTP 503' };
}

function setup() {
  const snapshots = new Map<ServiceName, ServiceHealth>([
    ['plex', snapshot('plex')],
    ['overseerr', snapshot('overseerr', { enabled: false, status: 'unknown', lastCheckedAt: null, uptime24h: null })],
    ['uptime-kuma', snapshot('uptime-kuma', { configured: false, enabled: false, status: 'unknown' })],
  ]);
  const rows = new Map<ServiceName, HealthCheckResult[]>([['plex', [result('plex', 'healthy', T), result('plex', 'healthy', T - 30_000), result('plex', 'degraded', T - 60_000, 5000)]]]);
  let probed: ((result: HealthCheckResult) => void) | undefined;
  let changed: ((health: ServiceHealth) => void) | undefined;
  const checkNow = vi.fn(async () => []);
  const source = createServiceEntries({
    health: { get: (service) => snapshots.get(service)!, checkNow },
    history: (service, limit) => (rows.get(service) ?? []).slice(0, limit),
    baseUrl: (service) => (service === 'plex' ? 'http://plex.lan:32400' : ''),
    onProbed: (listener) => ((probed = listener), () => undefined),
    onChanged: (listener) => ((changed = listener), () => undefined),
    label: (service) => ({ plex: 'Plex', overseerr: 'Overseerr', 'uptime-kuma': 'Uptime Kuma' })[service],
  });
  const updates: SourceUpdate[] = [];
  source.subscribe((update) => updates.push(update));
  return { source, snapshots, rows, probed: (r: HealthCheckResult) => probed!(r), changed: (h: ServiceHealth) => changed!(h), updates, checkNow };
}

describe('MediaNest service entries', () => {
  it('reports each service with its state, since when, recent times and its own page', () => {
    const { source } = setup();
    const [plex, overseerr, kuma] = source.entries();
    expect(plex).toMatchObject({ id: 'service:plex', source: 'medianest', service: 'plex', name: 'Plex', group: 'MediaNest', state: 'up', since: T - 30_000, uptime24h: 1, openUrl: 'http://plex.lan:32400/web' });
    // Oldest first; a failed probe is a gap, not a 5 s spike.
    expect(plex!.recent).toEqual([null, 20, 20]);
    expect(overseerr).toMatchObject({ state: 'off', detail: 'Turned off in Settings.', uptime24h: null, lastCheckedAt: null, recent: [] });
    expect(kuma).toMatchObject({ state: 'off', detail: 'Not set up yet: add its address in Settings.', openUrl: null });
  });

  it('sends one observation per probe, and a new since when the status changes', () => {
    const { source, snapshots, rows, probed, updates } = setup();
    source.entries();
    const failed = result('plex', 'unhealthy', T + 30_000);
    rows.set('plex', [failed, ...rows.get('plex')!]);
    snapshots.set('plex', snapshot('plex', { status: 'unhealthy', lastCheckedAt: T + 30_000, error: 'Connection refused' }));
    probed(failed);
    expect(updates.at(-1)!.observations).toEqual([{ id: 'service:plex', name: 'Plex', state: 'down', at: T + 30_000 }]);
    expect(updates.at(-1)!.changed[0]).toMatchObject({ state: 'down', since: T + 30_000, error: 'Connection refused' });
    const again = result('plex', 'unhealthy', T + 60_000);
    rows.set('plex', [again, ...rows.get('plex')!]);
    probed(again);
    expect(updates.at(-1)!.changed[0]!.since).toBe(T + 30_000);
  });

  it('says when a service is turned off, and checks only the one asked for', async () => {
    const { source, snapshots, changed, updates, checkNow } = setup();
    snapshots.set('plex', snapshot('plex', { enabled: false, status: 'unknown' }));
    changed(snapshots.get('plex')!);
    expect(updates.at(-1)!.changed[0]).toMatchObject({ id: 'service:plex', state: 'off' });
    await source.checkNow('service:overseerr');
    await source.checkNow('kuma:1');
    await source.checkNow();
    expect(checkNow.mock.calls).toEqual([['overseerr'], [undefined]]);
  });
});
