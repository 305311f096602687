/**
 * The small adapters the composition root hands the Plex feature: the
 * account store over settings and secrets, reachability from health, and
 * calls to either upstream through the gateway.
 */
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import type { Settings } from '../../../../shared/contract/areas/settings';
import { services, upstreamSpec } from '../../../../shared/contract/services';
import type { Gateway } from '../../gateway/gateway';
import type { SecretStore } from '../../secrets/secret-store';
import type { SettingsService } from '../../settings/settings-service';
import type { PlexAccountStore } from './plex-account';
import type { PlexReachability } from './plex-feature';
import type { PlexCall } from './plex-call';

/** Each upstream sends its own token: the server's to the server, the account's to plex.tv. */
const SERVER_TOKEN = upstreamSpec('plex').secret!.name;
const ACCOUNT_TOKEN = upstreamSpec('plex-tv').secret!.name;

export function createPlexAccountStore(settings: Pick<SettingsService, 'get' | 'update'>, secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>): PlexAccountStore {
  const block = (): Settings['plexAccount'] => settings.get().plexAccount;
  return {
    accountUrl: () => settings.get().services.plex.accountUrl,
    accountToken: () => secrets.get(ACCOUNT_TOKEN),
    saveAccountToken: (token) => secrets.set(ACCOUNT_TOKEN, token),
    linkedServer() {
      const { serverId, serverName } = block();
      const uri = settings.get().services.plex.baseUrl;
      // Signed in (a server id), or set up by hand with an address and its token.
      if (!uri || (!serverId && !secrets.get(SERVER_TOKEN))) return undefined;
      return { machineIdentifier: serverId, name: serverName || services.plex.displayName, uri };
    },
    enabled: () => settings.get().services.plex.enabled,
    setEnabled(enabled) {
      settings.update({ services: { plex: { enabled } } });
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

/** One upstream's calls through the gateway (breaker, limits, retries, health), answered with the value. */
export function createPlexCall(gateway: Pick<Gateway, 'call'>, upstream: 'plex' | 'plex-tv'): PlexCall {
  return async (operation, fn, options = {}) =>
    (await gateway.call(upstream, operation, ({ http }) => fn(http), { idempotent: options.idempotent ?? true, ...(options.signal ? { signal: options.signal } : {}) })).value;
}
