/**
 * Whether a value is a web address (http or https). Addresses a result
 * carries (Open in Plex, a service's page) are opened only when they are:
 * no other scheme reaches a browser or the shell.
 */
export function isWebAddress(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
