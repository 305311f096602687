/**
 * Words for health states, so status never depends on colour alone.
 */
import type { BreakerState, HealthStatus } from '../../../shared/contract/areas/health';

export const healthStatusLabels: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};

/** A shape per status for the badge (read as decoration; the label carries the meaning). */
export const healthStatusSymbols: Record<HealthStatus, string> = {
  healthy: '●',
  degraded: '▲',
  unhealthy: '■',
  unknown: '○',
};

export const breakerLabels: Record<BreakerState, string> = {
  closed: 'Closed (calls go through)',
  open: 'Open (calls paused after failures)',
  'half-open': 'Half-open (trying again)',
};
