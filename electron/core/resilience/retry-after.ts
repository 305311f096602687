/**
 * Parses an HTTP `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds
 * or an HTTP-date. Returns milliseconds from `now`, never negative, or
 * undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only date forms: Date.parse also accepts plain numbers and ISO strings.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
