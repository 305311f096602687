/**
 * MediaNest's own checks of its services as a health source: one entry per
 * service, fed by every probe the health monitor makes (`health:probed`), with
 * the state's start, the 24 h uptime and recent response times from the
 * stored probe history.
 */
import type { EntryState } from '../../../../shared/contract/areas/health-entries';
import { serviceNames, type ServiceName } from '../../../../shared/contract/services';
import type { HealthCheckResult, HealthStatus, ServiceHealth } from '../../health/service-health';
import { createUpdateEmitter, type HealthSource, type SourceEntry } from './health-source';

export interface ServiceEntriesDeps {
  readonly health: { get(service: ServiceName): ServiceHealth; checkNow(service?: ServiceName): Promise<ServiceHealth[]> };
  /** Stored probe results, newest first. */
  readonly history: (service: ServiceName, limit: number) => readonly HealthCheckResult[];
  /** The service's address as saved ('' when not set). */
  readonly baseUrl: (service: ServiceName) => string;
  /** Subscribes to every probe result and to status changes (a service turned off). */
  readonly onProbed: (listener: (result: HealthCheckResult) => void) => () => void;
  readonly onChanged: (listener: (health: ServiceHealth) => void) => () => void;
  readonly label: (service: ServiceName) => string;
}

export const SERVICE_ENTRY_PREFIX = 'service:';
export const MEDIANEST_GROUP = 'MediaNest';
const RECENT = 30;

export function serviceEntryId(service: ServiceName): string {
  return `${SERVICE_ENTRY_PREFIX}${service}`;
}

function entryState(health: ServiceHealth): EntryState {
  if (!health.enabled || !health.configured) return 'off';
  const map: Record<HealthStatus, EntryState> = { healthy: 'up', degraded: 'degraded', unhealthy: 'down', unknown: 'unknown' };
  return map[health.status];
}

/** Where "Open" goes for each service: its own web app. */
function openUrl(service: ServiceName, baseUrl: string): string | null {
  if (!/^https?:\/\//i.test(baseUrl)) return null;
  return service === 'plex' ? `${baseUrl.replace(/\/+$/, '')}/web` : baseUrl;
}

export function createServiceEntries(deps: ServiceEntriesDeps): HealthSource & { dispose(): void } {
  const emitter = createUpdateEmitter();
  const since = new Map<ServiceName, number | null>();

  /** When the current status began, from the stored history (read once, then kept up to date). */
  const sinceOf = (service: ServiceName, status: HealthStatus): number | null => {
    if (!since.has(service)) {
      const rows = deps.history(service, 5_000);
      let start: number | null = null;
      for (const row of rows) {
        if (row.status !== status) break;
        start = row.checkedAt;
      }
      since.set(service, start);
    }
    return since.get(service) ?? null;
  };

  const entry = (service: ServiceName): SourceEntry => {
    const health = deps.health.get(service);
    const state = entryState(health);
    const off = state === 'off';
    const recent = off ? [] : deps.history(service, RECENT).map((row) => (row.status === 'healthy' ? row.responseTimeMs : null)).reverse();
    return {
      id: serviceEntryId(service),
      source: 'medianest',
      service,
      name: deps.label(service),
      group: MEDIANEST_GROUP,
      state,
      since: off ? null : sinceOf(service, health.status),
      lastCheckedAt: off ? null : health.lastCheckedAt,
      responseTimeMs: off ? null : health.responseTimeMs,
      uptime24h: off ? null : health.uptime24h,
      detail: !health.configured ? 'Not set up yet: add its address in Settings.' : !health.enabled ? 'Turned off in Settings.' : null,
      error: off ? null : health.error,
      recent,
      openUrl: health.configured ? openUrl(service, deps.baseUrl(service)) : null,
    };
  };

  const stops = [
    deps.onProbed((result) => {
      // Unknown so far: worked out from the history on first read. Otherwise a new status starts now.
      if (since.has(result.service)) {
        const previous = deps.history(result.service, 2)[1];
        if (!previous || previous.status !== result.status) since.set(result.service, result.checkedAt);
      }
      const current = entry(result.service);
      emitter.emit({ changed: [current], removed: [], observations: [{ id: current.id, name: current.name, state: current.state, at: result.checkedAt }] });
    }),
    deps.onChanged((health) => {
      if (health.enabled && health.configured && health.status !== 'unknown') return; // probes already told
      since.delete(health.service);
      emitter.emit({ changed: [entry(health.service)], removed: [], observations: [] });
    }),
  ];

  return {
    name: 'medianest',
    entries: () => serviceNames.map(entry),
    async checkNow(id) {
      const service = serviceNames.find((name) => id === undefined || serviceEntryId(name) === id);
      if (id !== undefined && !service) return;
      await deps.health.checkNow(id === undefined ? undefined : service);
    },
    subscribe: emitter.subscribe,
    dispose() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
