/**
 * Sizes, speeds and durations as people read them: "1.4 GB", "3.2 MB/s",
 * "2 min left", "1 h 52 min".
 */
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units, as file managers and download sites show them. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** 42 → "42 s", 125 → "2 min 5 s", 4000 → "1 h 7 min"; rounded to what matters at that size. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** A runtime in minutes, as a details view shows it: "1 h 52 min", "45 min". */
export function formatRuntime(minutes: number): string {
  return formatDuration(Math.round(minutes) * 60);
}
