/**
 * Words, symbols and tones for the entry states, so a state never rests on
 * colour alone: green check "Working", amber triangle "Having trouble", red
 * cross "Down", amber clock "Checking again", blue wrench "Maintenance", grey
 * question mark "Not known", grey pause "Turned off".
 */
import type { EntryState, TrayLevel } from '../../../../shared/contract/areas/health-entries';

export interface StateLook {
  readonly label: string;
  readonly symbol: string;
  readonly tone: 'ok' | 'warn' | 'danger' | 'info' | 'muted';
}

export const stateLooks: Readonly<Record<EntryState, StateLook>> = {
  up: { label: 'Working', symbol: '✓', tone: 'ok' },
  degraded: { label: 'Having trouble', symbol: '▲', tone: 'warn' },
  down: { label: 'Down', symbol: '✕', tone: 'danger' },
  pending: { label: 'Checking again', symbol: '◷', tone: 'warn' },
  maintenance: { label: 'Maintenance', symbol: '⚒', tone: 'info' },
  unknown: { label: 'Not known', symbol: '?', tone: 'muted' },
  off: { label: 'Turned off', symbol: '⏸', tone: 'muted' },
};

export const levelLooks: Readonly<Record<TrayLevel, StateLook>> = {
  ok: { label: 'All working', symbol: '✓', tone: 'ok' },
  degraded: { label: 'Something is having trouble', symbol: '▲', tone: 'warn' },
  down: { label: 'Something is down', symbol: '✕', tone: 'danger' },
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
