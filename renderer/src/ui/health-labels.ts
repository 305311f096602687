/**
 * Words for health states, so status never depends on colour alone.
 */
import { Check, CircleDashed, Pause, TriangleAlert, X, type LucideIcon } from 'lucide-react';
import type { BreakerState, HealthStatus, ServiceHealth } from '../../../shared/contract/areas/health';
import type { Tone } from './status-chip';

export const healthStatusLabels: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};

/** A tone and icon per status for its chip (the label carries the meaning; icon and colour repeat it). */
export const healthStatusTones: Record<HealthStatus, { readonly tone: Tone; readonly icon: LucideIcon }> = {
  healthy: { tone: 'ok', icon: Check },
  degraded: { tone: 'warn', icon: TriangleAlert },
  unhealthy: { tone: 'danger', icon: X },
  unknown: { tone: 'neutral', icon: CircleDashed },
};

export const breakerLabels: Record<BreakerState, string> = {
  closed: 'Closed (calls go through)',
  open: 'Open (calls paused after failures)',
  'half-open': 'Half-open (trying again)',
};

export interface ServiceStateChip {
  readonly tone: Tone;
  readonly label: string;
  readonly icon?: LucideIcon;
}

/** A service's state as the chip at the top of its card says it: "Healthy", "Down", "Turned off"… */
export function serviceStateChip(health: ServiceHealth | undefined): ServiceStateChip {
  if (!health) return { tone: 'neutral', label: 'Not checked yet', icon: CircleDashed };
  if (!health.configured) return { tone: 'neutral', label: 'Not set up', icon: CircleDashed };
  if (!health.enabled) return { tone: 'neutral', label: 'Turned off', icon: Pause };
  switch (health.status) {
    case 'healthy':
      return { tone: 'ok', label: 'Healthy' };
    case 'degraded':
      return { tone: 'warn', label: 'Having problems', icon: TriangleAlert };
    case 'unhealthy':
      return { tone: 'danger', label: 'Down' };
    case 'unknown':
      return { tone: 'neutral', label: 'Not checked yet', icon: CircleDashed };
  }
}
