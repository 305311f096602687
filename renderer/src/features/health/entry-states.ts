/**
 * Words, icons and tones for the entry states, so a state never rests on
 * colour alone: green check "Working", amber triangle "Having trouble", red
 * cross "Down", amber clock "Checking again", blue wrench "Maintenance", grey
 * question mark "Not known", grey pause "Turned off".
 */
import { Check, CircleHelp, Clock, Pause, TriangleAlert, Wrench, X, type LucideIcon } from 'lucide-react';
import type { EntryState, TrayLevel } from '../../../../shared/contract/areas/health-entries';
import type { Tone } from '../../ui/status-chip';

export interface StateLook {
  readonly label: string;
  readonly icon: LucideIcon;
  readonly tone: Tone;
}

export const stateLooks: Readonly<Record<EntryState, StateLook>> = {
  up: { label: 'Working', icon: Check, tone: 'ok' },
  degraded: { label: 'Having trouble', icon: TriangleAlert, tone: 'warn' },
  down: { label: 'Down', icon: X, tone: 'danger' },
  pending: { label: 'Checking again', icon: Clock, tone: 'warn' },
  maintenance: { label: 'Maintenance', icon: Wrench, tone: 'info' },
  unknown: { label: 'Not known', icon: CircleHelp, tone: 'neutral' },
  off: { label: 'Turned off', icon: Pause, tone: 'neutral' },
};

export const levelLooks: Readonly<Record<TrayLevel, StateLook>> = {
  ok: { label: 'All working', icon: Check, tone: 'ok' },
  degraded: { label: 'Something is having trouble', icon: TriangleAlert, tone: 'warn' },
  down: { label: 'Something is down', icon: X, tone: 'danger' },
};

/** "less than a minute", "12 min", "3 h 5 min", "2 days". */
export function durationWords(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/** "14:02" in the viewer's time. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
