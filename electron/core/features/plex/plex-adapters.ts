/**
 * The small adapters the composition root hands the Plex feature: the
 * account store over settings and secrets, reachability from health, and
 * plex.tv over ky (its own address from settings, its own timeout).
 */
import ky, { type KyInstance } from 'ky';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import type { Settings } from '../../../../shared/contract/areas/settings';
import { secretNames, secretSpec, services, upstreamSpec } from '../../../../shared/contract/services';
import type { SecretStore } from '../../secrets/secret-store';
import type { SettingsService } from '../../settings/settings-service';
import { toUpstreamError } from '../../upstream/upstream-errors';
import type { PlexAccountStore } from './plex-account';
import type { PlexReachability } from './plex-feature';
import type { PlexTvCall } from './plex-tv-client';

/** The server's token is the one the Plex upstream sends; the account's is the other one. */
const SERVER_TOKEN = upstreamSpec('plex').secret!.name;
const ACCOUNT_TOKEN = secretNames.find((name) => secretSpec(name).service === 'plex' && secretSpec(name).fromSignIn)!;

export function createPlexAccountStore(settings: Pick<SettingsService, 'get' | 'update'>, secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>): PlexAccountStore {
  const block = (): Settings['plexAccount'] => settings.get().plexAccount;
  return {
    accountUrl: () => block().accountUrl,
    accountToken: () => secrets.get(ACCOUNT_TOKEN),
    saveAccountToken: (token) => secrets.set(ACCOUNT_TOKEN, token),
    linkedServer() {
      const { serverId, serverName } = block();
      const uri = settings.get().services.plex.baseUrl;
      // Signed in (a server id), or set up by hand with an address and its token.
      if (!uri || (!serverId && !secrets.get(SERVER_TOKEN))) return undefined;
      return { machineIdentifier: serverId, name: serverName || services.plex.displayName, uri };
    },
    rememberServerId(machineIdentifier) {
      settings.update({ plexAccount: { serverId: machineIdentifier } });
    },
    link(server) {
      secrets.set(SERVER_TOKEN, server.accessToken);
      settings.update({ services: { plex: { enabled: true, baseUrl: server.uri } }, plexAccount: { serverId: server.machineIdentifier, serverName: server.name } });
    },
    unlink() {
      secrets.delete(ACCOUNT_TOKEN);
      secrets.delete(SERVER_TOKEN);
      // Nothing left to reach it with: turned off, so health does not report a missing token.
      settings.update({ services: { plex: { enabled: false } }, plexAccount: { serverId: '', serverName: '' } });
    },
  };
}

/**
 * Plex counts as online unless health saw it fail (unhealthy, or degraded: there
 * but dropping or timing out, which stalls a library as surely) or its breaker is open.
 */
export function createPlexReachability(health: { get(): ServiceHealth | undefined; subscribe(listener: () => void): () => void }): PlexReachability {
  return {
    online() {
      const current = health.get();
      return !current || ((current.status === 'healthy' || current.status === 'unknown') && current.breaker !== 'open');
    },
    reason() {
      const current = health.get();
      if (!current) return null;
      if (current.breaker === 'open') return 'Plex stopped answering; MediaNest is giving it a rest.';
      return current.status === 'healthy' || current.status === 'unknown' ? null : (current.error ?? 'Plex does not answer.');
    },
    onChange: (listener) => health.subscribe(listener),
  };
}

/** plex.tv through ky: prefix from settings at each call, no retries of its own, a bounded wait, errors in words. */
export function createPlexTvHttpCall(accountUrl: () => string, timeoutMs = 10_000): PlexTvCall {
  let cached: { url: string; http: KyInstance } | undefined;
  const http = (): KyInstance => {
    const url = accountUrl().replace(/\/+$/, '');
    if (cached?.url !== url) cached = { url, http: ky.create({ prefix: url, retry: 0, timeout: timeoutMs }) };
    return cached.http;
  };
  return async (_operation, fn) => {
    try {
      return await fn(http());
    } catch (error) {
      throw toUpstreamError(error, 'plex', Date.now());
    }
  };
}
