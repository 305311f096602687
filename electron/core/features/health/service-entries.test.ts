import { describe, expect, it, vi } from 'vitest';
import { upstreamSpec, type UpstreamId } from '../../../../shared/contract/services';
import type { HealthCheckResult, ServiceHealth } from '../../health/service-health';
import { createServiceEntries } from './service-entries';
import type { SourceUpdate } from '../../health/health-source';

const T = Date.UTC(2026, 11, 1, 12);

function snapshot(upstream: UpstreamId, patch: Partial<ServiceHealth> = {}): ServiceHealth {
  return { upstream, service: upstreamSpec(upstream).service, enabled: true, configured: true, status: 'healthy', responseTimeMs: 20, lastCheckedAt: T, error: null, uptime24h: 1, breaker: 'closed', ...patch };
}

function result(upstream: UpstreamId, status: HealthCheckResult['status'], checkedAt: number, responseTimeMs = 20): HealthCheckResult {
  return { upstream, status, checkedAt, responseTimeMs, httpStatus: status === 'healthy' ? 200 : 503, error: status === 'healthy' ? null : 'HTTP 503' };
}

function setup() {
  const snapshots = new Map<UpstreamId, ServiceHealth>([
    ['plex', snapshot('plex')],
    ['plex-tv', snapshot('plex-tv', { status: 'unhealthy', error: 'plex.tv rejected the token: sign in again', uptime24h: 0.5 })],
    ['overseerr', snapshot('overseerr', { enabled: false, status: 'unknown', lastCheckedAt: null, uptime24h: null })],
    ['uptime-kuma', snapshot('uptime-kuma', { configured: false, enabled: false, status: 'unknown' })],
  ]);
  const rows = new Map<UpstreamId, HealthCheckResult[]>([
    ['plex', [result('plex', 'healthy', T), result('plex', 'healthy', T - 30_000), result('plex', 'degraded', T - 60_000, 5000)]],
    ['plex-tv', [result('plex-tv', 'unhealthy', T), result('plex-tv', 'healthy', T - 30_000)]],
  ]);
  let probed: ((result: HealthCheckResult) => void) | undefined;
  let changed: ((health: ServiceHealth) => void) | undefined;
  const checkNow = vi.fn(async () => []);
  const source = createServiceEntries({
    health: { get: (upstream) => snapshots.get(upstream)!, checkNow },
    history: (upstream, limit) => (rows.get(upstream) ?? []).slice(0, limit),
    address: (upstream) => ({ plex: 'http://plex.lan:32400', 'plex-tv': 'https://plex.tv', overseerr: '', 'uptime-kuma': '' })[upstream],
    onProbed: (listener) => ((probed = listener), () => undefined),
    onChanged: (listener) => ((changed = listener), () => undefined),
  });
  const updates: SourceUpdate[] = [];
  source.subscribe((update) => updates.push(update));
  return { source, snapshots, rows, probed: (r: HealthCheckResult) => probed!(r), changed: (h: ServiceHealth) => changed!(h), updates, checkNow };
}

describe('MediaNest service entries', () => {
  it('reports each upstream with its state, since when, recent times and its own page', () => {
    const { source } = setup();
    const [plex, plexTv, overseerr, kuma] = source.entries();
    expect(plex).toMatchObject({ id: 'service:plex', source: 'medianest', service: 'plex', upstream: 'plex', name: 'Plex', group: 'MediaNest', state: 'up', since: T - 30_000, uptime24h: 1, openUrl: 'http://plex.lan:32400/web' });
    // Oldest first; a failed probe is a gap, not a 5 s spike.
    expect(plex!.recent).toEqual([null, 20, 20]);
    // plex.tv is a card of its own, by its own name: it can be down while the server works.
    expect(plexTv).toMatchObject({ id: 'service:plex-tv', service: 'plex', upstream: 'plex-tv', name: 'plex.tv', state: 'down', since: T, error: 'plex.tv rejected the token: sign in again', openUrl: 'https://plex.tv' });
    expect(overseerr).toMatchObject({ state: 'off', detail: 'Turned off in Settings.', uptime24h: null, lastCheckedAt: null, recent: [] });
    expect(kuma).toMatchObject({ state: 'off', detail: 'Turned off in Settings.', openUrl: null });
  });

  it('says a service that is on but has no address is not set up', () => {
    const { source, snapshots } = setup();
    snapshots.set('uptime-kuma', snapshot('uptime-kuma', { configured: false, status: 'unknown' }));
    expect(source.entries()[3]).toMatchObject({ state: 'off', detail: 'Not set up yet: add its address in Settings.' });
  });

  it('names the service when a secondary upstream is off because its service is', () => {
    const { source, snapshots } = setup();
    snapshots.set('plex-tv', snapshot('plex-tv', { enabled: false, status: 'unknown' }));
    expect(source.entries()[1]).toMatchObject({ state: 'off', detail: 'Plex is turned off in Settings, so plex.tv is not checked.' });
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

  it('observes plex.tv apart from the server', () => {
    const { probed, updates } = setup();
    probed(result('plex-tv', 'unhealthy', T + 30_000));
    expect(updates.at(-1)!.observations).toEqual([{ id: 'service:plex-tv', name: 'plex.tv', state: 'down', at: T + 30_000 }]);
    expect(updates.at(-1)!.changed.map((entry) => entry.id)).toEqual(['service:plex-tv']);
  });

  it('says when a service is turned off, and checks the service of the entry asked for', async () => {
    const { source, snapshots, changed, updates, checkNow } = setup();
    snapshots.set('plex', snapshot('plex', { enabled: false, status: 'unknown' }));
    changed(snapshots.get('plex')!);
    expect(updates.at(-1)!.changed[0]).toMatchObject({ id: 'service:plex', state: 'off' });
    await source.checkNow('service:overseerr');
    await source.checkNow('service:plex-tv');
    await source.checkNow('kuma:1');
    await source.checkNow();
    expect(checkNow.mock.calls).toEqual([['overseerr'], ['plex'], []]);
  });
});
