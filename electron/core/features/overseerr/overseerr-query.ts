/**
 * A search query as Overseerr's own web UI encodes it.
 *
 * Overseerr validates every request against its OpenAPI document, which does
 * not allow reserved characters in `query`: a `+` for a space, or a raw
 * `! ' ( ) *` (which `encodeURIComponent` leaves alone), is answered 400
 * "must be url encoded". So those are percent-encoded as well.
 */
export function encodeSearchQuery(query: string): string {
  return encodeURIComponent(query).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 3986 reserved characters: what Overseerr's validator refuses raw in a query value. */
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

/** True when a raw query value (as it appears in the URL) would pass Overseerr's validator. */
export function isUrlEncodedQueryValue(raw: string): boolean {
  return !RESERVED.test(raw);
}
