/**
 * The account side of Plex: what a claimed PIN turns into (the account token
 * checked and stored, the account's servers probed, the best one linked with
 * its own token and connection), choosing another server or connection, and
 * signing out. Tokens go to the store and nowhere else.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { PlexServer } from '../../../../shared/contract/areas/plex';
import type { Logger } from '../../logging/logger';
import { probeServer, type ProbeOptions } from './plex-connections';
import type { PlexResource } from './plex-schemas';
import { statusOf, type PlexTvClient } from './plex-tv-client';

/** The linked server, as settings keep it. */
export interface LinkedServer {
  readonly machineIdentifier: string;
  readonly name: string;
  readonly uri: string;
}

/** Where the account's facts live: settings for addresses and names, the secret store for tokens. */
export interface PlexAccountStore {
  accountUrl(): string;
  accountToken(): string | undefined;
  saveAccountToken(token: string): void;
  linkedServer(): LinkedServer | undefined;
  /** Points the Plex service at the server: its address, its token, enabled. */
  link(server: LinkedServer & { readonly accessToken: string }): void;
  /** Forgets both tokens and the linked server. */
  unlink(): void;
  /** Whether Plex is turned on (its calls, plex.tv's included, go through only then). */
  enabled(): boolean;
  setEnabled(enabled: boolean): void;
  /** Records the machine identifier of a server set up by hand (address and token typed in Settings). */
  rememberServerId(machineIdentifier: string): void;
}

export interface PlexAccountDeps {
  readonly store: PlexAccountStore;
  readonly plexTv: Pick<PlexTvClient, 'user' | 'resources'>;
  readonly probe: Omit<ProbeOptions, 'fetch'> & Pick<ProbeOptions, 'fetch'>;
  /** Told when a (different) server was linked: the index follows it. */
  readonly onLinked: (server: LinkedServer, changedServer: boolean) => void;
  readonly onUsername?: (username: string | null) => void;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

export interface PlexAccount {
  /** Checks the token with plex.tv, stores it and links the best server it can reach. */
  completeSignIn(token: string): Promise<void>;
  servers(): Promise<PlexServer[]>;
  choose(machineIdentifier: string, uri: string): Promise<void>;
  signOut(): void;
}

function isServer(resource: PlexResource): boolean {
  return resource.provides.split(',').includes('server');
}

function signedOutError(): AppError {
  return new AppError('AUTH_FAILED', 'Sign in to Plex first.', { service: 'plex', status: 401 });
}

export function createPlexAccount(deps: PlexAccountDeps): PlexAccount {
  const { store, plexTv } = deps;

  const resources = async (token: string): Promise<PlexResource[]> => (await plexTv.resources(token)).filter(isServer);

  const probeAll = (list: readonly PlexResource[]): Promise<PlexServer[]> => Promise.all(list.map((resource) => probeServer(resource, deps.probe)));

  const linkTo = (resource: PlexResource, uri: string): void => {
    if (!resource.accessToken) throw new AppError('AUTH_FAILED', `plex.tv gave no access to ${resource.name}. Ask its owner to share it again.`, { service: 'plex' });
    const previous = store.linkedServer();
    const server = { machineIdentifier: resource.clientIdentifier, name: resource.name, uri };
    store.link({ ...server, accessToken: resource.accessToken });
    deps.onLinked(server, previous?.machineIdentifier !== server.machineIdentifier);
  };

  return {
    async completeSignIn(token) {
      let user;
      try {
        user = await plexTv.user(token);
      } catch (error) {
        if (statusOf(error) === 401) throw new AppError('AUTH_FAILED', 'plex.tv did not accept the sign-in. Try again.', { service: 'plex', status: 401 });
        throw error;
      }
      store.saveAccountToken(token);
      deps.onUsername?.(user.username);
      const list = await resources(token);
      const probed = await probeAll(list);
      // The household's own server first; any server that answers otherwise.
      const pick = probed.find((server) => server.owned && server.best) ?? probed.find((server) => server.best);
      if (!pick) {
        deps.logger?.warn({ servers: list.length }, 'signed in to Plex, but no server could be reached');
        return;
      }
      linkTo(list.find((resource) => resource.clientIdentifier === pick.machineIdentifier)!, pick.best!);
    },
    async servers() {
      const token = store.accountToken();
      if (!token) throw signedOutError();
      return probeAll(await resources(token));
    },
    async choose(machineIdentifier, uri) {
      const token = store.accountToken();
      if (!token) throw signedOutError();
      const resource = (await resources(token)).find((candidate) => candidate.clientIdentifier === machineIdentifier);
      if (!resource) throw new AppError('NOT_FOUND', 'That server is no longer on your Plex account.', { service: 'plex' });
      const probed = await probeServer(resource, deps.probe);
      const chosen = probed.connections.find((connection) => connection.uri === uri.replace(/\/+$/, ''));
      if (!chosen?.ok) throw new AppError('UPSTREAM_UNREACHABLE', chosen?.problem ?? 'That address is not one of the server’s connections.', { service: 'plex' });
      linkTo(resource, chosen.uri);
    },
    signOut() {
      store.unlink();
      deps.onUsername?.(null);
    },
  };
}
