/**
 * The one state the Health nav entry shows: the worst among the upstreams
 * that are set up and turned on (a service nobody uses is not "down"). Each
 * upstream is named on its own ("plex.tv is down" while Plex's server is fine).
 */
import type { HealthStatus, ServiceHealth } from '../../../../shared/contract/areas/health';

const severity: Record<HealthStatus, number> = { unknown: 0, healthy: 1, degraded: 2, unhealthy: 3 };

/** Null when nothing is watched yet, so the nav shows no dot rather than a grey guess. */
export function worstHealth(health: Partial<Record<string, ServiceHealth>>): HealthStatus | null {
  let worst: HealthStatus | null = null;
  for (const entry of Object.values(health)) {
    if (!entry || !entry.enabled || !entry.configured) continue;
    if (worst === null || severity[entry.status] > severity[worst]) worst = entry.status;
  }
  return worst;
}

/** "Plex is down", "All services are healthy": the dot's words. */
export function healthSummaryText(health: Partial<Record<string, ServiceHealth>>, displayName: (upstream: string) => string): string | null {
  const watched = Object.values(health).filter((entry): entry is ServiceHealth => Boolean(entry?.enabled && entry.configured));
  if (watched.length === 0) return null;
  const down = watched.filter((entry) => entry.status === 'unhealthy').map((entry) => displayName(entry.upstream));
  const slow = watched.filter((entry) => entry.status === 'degraded').map((entry) => displayName(entry.upstream));
  if (down.length > 0) return `${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down`;
  if (slow.length > 0) return `${slow.join(', ')} ${slow.length === 1 ? 'has' : 'have'} problems`;
  if (watched.every((entry) => entry.status === 'healthy')) return 'All services are healthy';
  return 'Not checked yet';
}
