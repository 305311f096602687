/**
 * Uptime Kuma's wire facts in one place: its status codes and its heartbeat
 * time format, shared by the client and the simulator.
 *
 * Codes (src/util.ts): DOWN 0, UP 1, PENDING 2, MAINTENANCE 3; anything else
 * is a code this version of MediaNest does not know and shows as unknown.
 * Heartbeat times are UTC written `YYYY-MM-DD HH:mm:ss.SSS`, without `T` or `Z`.
 */
import type { EntryState } from '../../../../shared/contract/areas/health-entries';

export const KUMA_DOWN = 0;
export const KUMA_UP = 1;
export const KUMA_PENDING = 2;
export const KUMA_MAINTENANCE = 3;

export function kumaState(code: number | null | undefined): EntryState {
  switch (code) {
    case KUMA_DOWN:
      return 'down';
    case KUMA_UP:
      return 'up';
    case KUMA_PENDING:
      return 'pending';
    case KUMA_MAINTENANCE:
      return 'maintenance';
    default:
      return 'unknown';
  }
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch ms of a heartbeat time, or null when it is not one. A time without a
 * zone is UTC (Kuma's format); `T` and a zone are accepted too, should a
 * version or a proxy send ISO 8601.
 */
export function parseKumaTime(text: string): number | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  let epoch = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    epoch -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  // Date.UTC rolls 2026-02-31 over into March; a real heartbeat never says that.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (check.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return Number.isFinite(epoch) ? epoch : null;
}

/** The inverse, for the simulator: `2026-11-25 22:18:13.471`. */
export function formatKumaTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').replace('Z', '');
}
