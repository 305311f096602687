/**
 * Plex in Settings: sign in with Plex, which server and how to reach it (each
 * connection with its measured latency), sync now with progress, sign out.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PlexConnectionChoice } from '../../../../shared/contract/areas/plex';
import { showError, showStatus } from '../../app/app-store';
import { cancelSync, chooseServer, loadServers, loadSignIn, loadStatus, signOut, syncNow, usePlexStore } from './plex-store';
import { PlexSignInPanel } from './plex-sign-in-panel';
import './plex.css';

const KIND_WORDS: Record<PlexConnectionChoice['kind'], string> = { local: 'On your network', remote: 'Over the internet', relay: 'Through Plex’s relay (slow)' };

async function attempt(action: () => Promise<void>, done?: string): Promise<void> {
  try {
    await action();
    if (done) showStatus(done);
  } catch (error) {
    showError(error);
  }
}

export function PlexSettingsSection() {
  const { status, servers, serversError, serversLoading } = usePlexStore(useShallow((s) => ({ status: s.status, servers: s.servers, serversError: s.serversError, serversLoading: s.serversLoading })));
  const [confirmSignOut, setConfirmSignOut] = useState(false);

  useEffect(() => {
    void loadStatus();
    void loadSignIn();
  }, []);

  const sync = status?.sync;
  const running = sync?.state === 'running';
  return (
    <section className="settings-section" aria-labelledby="plex-account-title" data-testid="plex-settings">
      <h2 id="plex-account-title" className="settings-section__title">
        Plex account
      </h2>
      {!status ? (
        <p className="notice">Reading Plex’s state…</p>
      ) : !status.signedIn ? (
        <PlexSignInPanel />
      ) : (
        <>
          <p>
            Signed in{status.username ? ` as ${status.username}` : ''}.{' '}
            {status.server ? (
              <>
                Library from <strong>{status.server.name}</strong> at <code>{status.server.uri}</code>{status.online ? '' : ' (offline now)'}.
              </>
            ) : (
              'No server is linked yet: pick one below.'
            )}
          </p>
          {status.authExpired ? (
            <div className="notice notice--error" role="alert">
              <p>Plex no longer accepts MediaNest’s sign-in. Sign in again to carry on.</p>
              <PlexSignInPanel compact />
            </div>
          ) : null}
          <div className="plex-connection">
            <button type="button" className="button" aria-busy={serversLoading} onClick={() => void loadServers()}>
              {servers ? 'Check connections again' : 'Show servers and connections'}
            </button>
            <button type="button" className="button" disabled={!status.server || running || !status.online} onClick={() => void attempt(() => syncNow(), 'Syncing your library')}>
              Sync now
            </button>
            {running ? (
              <button type="button" className="button button--quiet" onClick={() => void cancelSync()}>
                Stop syncing
              </button>
            ) : null}
            {confirmSignOut ? (
              <>
                <button type="button" className="button" onClick={() => void attempt(signOut, 'Signed out of Plex').then(() => setConfirmSignOut(false))}>
                  Yes, sign out
                </button>
                <button type="button" className="button button--quiet" onClick={() => setConfirmSignOut(false)}>
                  Keep me signed in
                </button>
              </>
            ) : (
              <button type="button" className="button button--quiet" onClick={() => setConfirmSignOut(true)}>
                Sign out
              </button>
            )}
          </div>
          {!status.online && status.server ? <p className="details__why">Syncing waits until Plex answers again.</p> : null}
          {sync && sync.state !== 'idle' ? (
            <p aria-live="polite" data-testid="plex-sync-progress">
              {running
                ? `Syncing ${sync.sectionTitle ?? ''}: ${sync.done.toLocaleString()} of ${sync.total.toLocaleString()} items`
                : sync.state === 'done'
                  ? `Library in sync: ${sync.total.toLocaleString()} items.`
                  : sync.state === 'cancelled'
                    ? 'Sync stopped.'
                    : `The last sync failed: ${sync.message ?? 'Plex did not answer.'}`}
            </p>
          ) : null}
          {running && sync.total > 0 ? <progress max={sync.total} value={sync.done} aria-label="Sync progress" /> : null}
          {serversError ? <p className="notice notice--error">{serversError}</p> : null}
          {servers ? (
            <ul className="plex-servers" aria-label="Your Plex servers">
              {servers.length === 0 ? <li>No server is shared with this account.</li> : null}
              {servers.map((server) => (
                <li key={server.machineIdentifier}>
                  <strong>{server.name}</strong>
                  {server.owned ? '' : ' (shared with you)'}
                  <ul>
                    {server.connections.map((connection) => {
                      const current = status.server?.machineIdentifier === server.machineIdentifier && status.server.uri === connection.uri;
                      return (
                        <li key={connection.uri} className="plex-connection">
                          <span>
                            {KIND_WORDS[connection.kind]}, {connection.protocol === 'https' ? 'secure' : 'not encrypted'}: <code>{connection.uri}</code>
                          </span>
                          <span>{connection.ok ? `answers in ${connection.latencyMs} ms` : connection.problem}</span>
                          {current ? (
                            <span>✓ In use</span>
                          ) : connection.ok ? (
                            <button type="button" className="button button--quiet" onClick={() => void attempt(() => chooseServer(server.machineIdentifier, connection.uri), `Using ${server.name}`)}>
                              Use this
                            </button>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
