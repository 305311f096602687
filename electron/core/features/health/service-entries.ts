/**
 * MediaNest's own checks as a health source: one entry per upstream (Plex's
 * server and plex.tv apart, each by its own name), fed by every probe the
 * health monitor makes (`health:probed`), with the state's start, the 24 h
 * uptime and recent response times from the stored probe history.
 */
import type { EntryState } from '../../../../shared/contract/areas/health-entries';
import { services, upstreams, type ResolvedUpstream, type ServiceName, type UpstreamId } from '../../../../shared/contract/services';
import { createUpdateEmitter, type HealthSource, type SourceEntry } from '../../health/health-source';
import type { HealthCheckResult, HealthStatus, ServiceHealth } from '../../health/service-health';

export interface ServiceEntriesDeps {
  readonly health: { get(upstream: UpstreamId): ServiceHealth; checkNow(service?: ServiceName): Promise<ServiceHealth[]> };
  /** Stored probe results, newest first. */
  readonly history: (upstream: UpstreamId, limit: number) => readonly HealthCheckResult[];
  /** The upstream's address as saved ('' when not set). */
  readonly address: (upstream: UpstreamId) => string;
  /** Subscribes to every probe result and to status changes (a service turned off). */
  readonly onProbed: (listener: (result: HealthCheckResult) => void) => () => void;
  readonly onChanged: (listener: (health: ServiceHealth) => void) => () => void;
}

export const SERVICE_ENTRY_PREFIX = 'service:';
export const MEDIANEST_GROUP = 'MediaNest';
const RECENT = 30;

/** `service:plex`, `service:plex-tv`: one entry per upstream, keyed by its id. */
export function serviceEntryId(upstream: UpstreamId): string {
  return `${SERVICE_ENTRY_PREFIX}${upstream}`;
}

function entryState(health: ServiceHealth): EntryState {
  if (!health.enabled || !health.configured) return 'off';
  const map: Record<HealthStatus, EntryState> = { healthy: 'up', degraded: 'degraded', unhealthy: 'down', unknown: 'unknown' };
  return map[health.status];
}

/** Where "Open" goes: the program's own web app (Plex Web on a server), else the address. */
function openUrl(upstream: UpstreamId, address: string): string | null {
  if (!/^https?:\/\//i.test(address)) return null;
  return upstream === 'plex' ? `${address.replace(/\/+$/, '')}/web` : address;
}

export function createServiceEntries(deps: ServiceEntriesDeps): HealthSource & { dispose(): void } {
  const byId = new Map(upstreams.map((upstream) => [upstream.id, upstream]));
  const emitter = createUpdateEmitter();
  const since = new Map<UpstreamId, number | null>();

  /** When the current status began, from the stored history (read once, then kept up to date). */
  const sinceOf = (upstream: UpstreamId, status: HealthStatus): number | null => {
    if (!since.has(upstream)) {
      const rows = deps.history(upstream, 5_000);
      let start: number | null = null;
      for (const row of rows) {
        if (row.status !== status) break;
        start = row.checkedAt;
      }
      since.set(upstream, start);
    }
    return since.get(upstream) ?? null;
  };

  const detailOf = (upstream: ResolvedUpstream, health: ServiceHealth): string | null => {
    const serviceName = services[upstream.service].displayName;
    const own = upstream.displayName === serviceName;
    if (!health.enabled) return own ? 'Turned off in Settings.' : `${serviceName} is turned off in Settings, so ${upstream.displayName} is not checked.`;
    if (!health.configured) return 'Not set up yet: add its address in Settings.';
    return null;
  };

  const entry = (upstream: ResolvedUpstream): SourceEntry => {
    const health = deps.health.get(upstream.id);
    const state = entryState(health);
    const off = state === 'off';
    const recent = off ? [] : deps.history(upstream.id, RECENT).map((row) => (row.status === 'healthy' ? row.responseTimeMs : null)).reverse();
    return {
      id: serviceEntryId(upstream.id),
      source: 'medianest',
      service: upstream.service,
      upstream: upstream.id,
      name: upstream.displayName,
      group: MEDIANEST_GROUP,
      state,
      since: off ? null : sinceOf(upstream.id, health.status),
      lastCheckedAt: off ? null : health.lastCheckedAt,
      responseTimeMs: off ? null : health.responseTimeMs,
      uptime24h: off ? null : health.uptime24h,
      detail: detailOf(upstream, health),
      error: off ? null : health.error,
      recent,
      openUrl: health.configured ? openUrl(upstream.id, deps.address(upstream.id)) : null,
    };
  };

  const stops = [
    deps.onProbed((result) => {
      const upstream = byId.get(result.upstream);
      if (!upstream) return;
      // Unknown so far: worked out from the history on first read. Otherwise a new status starts now.
      if (since.has(result.upstream)) {
        const previous = deps.history(result.upstream, 2)[1];
        if (!previous || previous.status !== result.status) since.set(result.upstream, result.checkedAt);
      }
      const current = entry(upstream);
      emitter.emit({ changed: [current], removed: [], observations: [{ id: current.id, name: current.name, state: current.state, at: result.checkedAt }] });
    }),
    deps.onChanged((health) => {
      const upstream = byId.get(health.upstream);
      if (!upstream) return;
      if (health.enabled && health.configured && health.status !== 'unknown') return; // probes already told
      since.delete(health.upstream);
      emitter.emit({ changed: [entry(upstream)], removed: [], observations: [] });
    }),
  ];

  return {
    name: 'medianest',
    entries: () => upstreams.map(entry),
    async checkNow(id) {
      if (id === undefined) {
        await deps.health.checkNow();
        return;
      }
      const upstream = upstreams.find((each) => serviceEntryId(each.id) === id);
      // The monitor checks a service's upstreams together (Plex's server and plex.tv): cheap, and both cards move.
      if (upstream) await deps.health.checkNow(upstream.service);
    },
    subscribe: emitter.subscribe,
    dispose() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
