/**
 * plex.tv's API v2: PINs for sign-in, the account behind a token, and the
 * account's servers. Every call carries the install's X-Plex-* identity
 * (a missing identifier makes plex.tv refuse the PIN, a new one mails the
 * owner a "New Device" alert), and every answer is parsed.
 */
import { HTTPError } from 'ky';
import { isAppError } from '../../../../shared/contract/errors';
import { PLEX_TV_HOST } from '../../../../shared/contract/services';
import { parseResponse } from '../../upstream/parse-response';
import type { PlexCall } from './plex-call';
import { PlexPinSchema, PlexResourcesSchema, PlexUserSchema, type PlexPin, type PlexResource, type PlexUser } from './plex-schemas';

export interface PlexTvClient {
  createPin(signal?: AbortSignal): Promise<PlexPin>;
  /** The PIN now; null once plex.tv no longer knows it (expired or unknown). */
  pin(id: number, signal?: AbortSignal): Promise<PlexPin | null>;
  /** The account behind a token; throws with status 401 when plex.tv rejects it. */
  user(token: string, signal?: AbortSignal): Promise<PlexUser>;
  resources(token: string, signal?: AbortSignal): Promise<PlexResource[]>;
}

export interface PlexTvClientDeps {
  readonly call: PlexCall;
  readonly identityHeaders: Readonly<Record<string, string>>;
}

const SERVICE = 'plex-tv';

/** The HTTP status of a failed call, whichever layer threw it. */
export function statusOf(error: unknown): number | undefined {
  if (isAppError(error)) return error.status;
  if (error instanceof HTTPError) return error.response.status;
  return undefined;
}

export function createPlexTvClient(deps: PlexTvClientDeps): PlexTvClient {
  const headers = (token?: string): Record<string, string> => ({ ...deps.identityHeaders, Accept: 'application/json', ...(token ? { 'X-Plex-Token': token } : {}) });
  const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    createPin(signal) {
      return deps.call(
        'create-pin',
        async (http) => parseResponse(PlexPinSchema, await http.post('api/v2/pins?strong=true', { headers: headers(), ...withSignal(signal) }).json(), SERVICE),
        { idempotent: false, ...withSignal(signal) },
      );
    },
    async pin(id, signal) {
      try {
        return await deps.call('poll-pin', async (http) => parseResponse(PlexPinSchema, await http.get(`api/v2/pins/${id}`, { headers: headers(), ...withSignal(signal) }).json(), SERVICE), {
          idempotent: true,
          ...withSignal(signal),
        });
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
    user(token, signal) {
      return deps.call('user', async (http) => parseResponse(PlexUserSchema, await http.get('api/v2/user', { headers: headers(token), ...withSignal(signal) }).json(), SERVICE), {
        idempotent: true,
        ...withSignal(signal),
      });
    },
    resources(token, signal) {
      return deps.call(
        'resources',
        async (http) => parseResponse(PlexResourcesSchema, await http.get('api/v2/resources?includeHttps=1&includeRelay=1', { headers: headers(token), ...withSignal(signal) }).json(), SERVICE),
        { idempotent: true, ...withSignal(signal) },
      );
    },
  };
}

/** Whether an address is Plex's own plex.tv (then sign-in opens app.plex.tv). */
export function isRealPlexTv(accountUrl: string): boolean {
  try {
    const host = new URL(accountUrl).hostname;
    return host === PLEX_TV_HOST || host.endsWith(`.${PLEX_TV_HOST}`);
  } catch {
    return false;
  }
}

/**
 * The page where the user approves the PIN. Parameters go in the fragment,
 * `qs`-encoded, as Plex's own clients send them. A simulated plex.tv (tests,
 * the demo) serves its own page at `<accountUrl>/auth`.
 */
export function signInUrl(accountUrl: string, pin: Pick<PlexPin, 'code'>, identity: { clientIdentifier: string; product: string }): string {
  const base = isRealPlexTv(accountUrl) ? 'https://app.plex.tv/auth' : `${accountUrl.replace(/\/+$/, '')}/auth`;
  const params = new URLSearchParams({ clientID: identity.clientIdentifier, code: pin.code, 'context[device][product]': identity.product });
  return `${base}#?${params.toString()}`;
}
