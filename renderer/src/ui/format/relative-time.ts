/**
 * "12 s ago", "3 min ago": compact enough for a phone, exact enough for health checks.
 */
export function formatRelativeTime(then: number, now: number): string {
  const seconds = Math.floor((now - then) / 1000);
  // A clock a little ahead (the media PC vs. the phone) would otherwise say "-2 s ago".
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
