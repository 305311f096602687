/**
 * Wires a transport to the stores: one client, every store bound to it, the
 * connection state mirrored for the banner, and a full reload after the link
 * comes back (events sent while it was down are gone for good).
 */
import { createContractClient, type ContractClient } from '../../../shared/contract/api';
import { initAppStore, loadAppInfo, setConnectionState } from './app-store';
import { refreshHealth, initHealthStore } from '../features/health/health-store';
import { initSettingsStore, loadSettings } from './settings-store';
import { initPlexStore, loadStatus as loadPlexStatus } from '../features/plex/plex-store';
import { initRequestsStore, loadRequests } from '../features/overseerr/requests-store';
import { initDownloadsStore, loadDownloads } from '../features/downloads/downloads-store';
import type { PickedTransport } from './transport/pick-transport';

export interface StartedApp {
  readonly client: ContractClient;
  stop(): void;
}

export function startApp(picked: Pick<PickedTransport, 'transport' | 'connection'>): StartedApp {
  const client = createContractClient(picked.transport);
  const disposers = [initAppStore(client), initSettingsStore(client), initHealthStore(client), initPlexStore(client), initRequestsStore(client), initDownloadsStore(client)];
  // The Health nav entry shows the worst state from the start, not only once its page was opened;
  // the Downloads entry how many run.
  void refreshHealth();
  void loadDownloads();

  let lostSinceLoad = false;
  disposers.push(
    picked.connection.watchConnection((state) => {
      setConnectionState(state);
      if (state === 'offline') lostSinceLoad = true;
      if (state === 'connected' && lostSinceLoad) {
        lostSinceLoad = false;
        void loadAppInfo();
        void loadSettings();
        void loadPlexStatus();
        void refreshHealth();
        void loadRequests();
        void loadDownloads();
      }
    }),
  );

  return {
    client,
    stop() {
      for (const dispose of disposers.reverse()) dispose();
    },
  };
}
