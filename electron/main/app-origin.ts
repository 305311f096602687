/**
 * The app's own origin: `medianest://app`, served by the custom protocol.
 *
 * Every trust decision in the shell (IPC senders, navigation, CSP) compares
 * against this origin after parsing with `new URL()`. For a non-special scheme
 * WHATWG `URL.origin` is the opaque `"null"` outside Chromium, so origins are
 * built here from protocol and host instead; credentials and ports make a URL
 * foreign, so `medianest://app@evil`, `medianest://app.evil` and
 * `medianest://app:1` never pass for the app.
 */
export const APP_SCHEME = 'medianest';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `scheme://host` of a URL, or null when it has none (about:, data:, javascript:, file:///…) or carries credentials. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True when `url` belongs to one of `allowedOrigins` (exact origin match). */
export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.some((allowed) => allowed.toLowerCase() === origin);
}

export function isAppUrl(url: string): boolean {
  return isAllowedOrigin(url, [APP_ORIGIN]);
}
