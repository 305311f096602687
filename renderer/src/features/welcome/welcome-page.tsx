/**
 * The first five minutes: what MediaNest does, then one card per service
 * with one action each and its result in place. "Skip for now" is always
 * there and remembered on this device.
 */
import { ArrowRight } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { loadSettings, useSettingsStore } from '../../app/settings-store';
import { navigate } from '../../app/routing/hash-router';
import { useCoreReachable } from '../../app/app-store';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import { serviceSetup } from '../../ui/service-setup';
import { DownloadFolderCard } from './download-folder-card';
import { PlexCard } from './plex-card';
import { ServiceConnectCard } from './service-connect-card';
import { rememberWelcome } from './welcome-memory';
import './welcome.css';

function leave(memory: 'skipped' | 'done'): void {
  rememberWelcome(memory);
  navigate('library');
}

export function WelcomePage() {
  const { settings, loadError } = useSettingsStore(useShallow((state) => ({ settings: state.settings, loadError: state.loadError })));
  const reachable = useCoreReachable();
  const anyConnected = settings ? (['plex', 'overseerr', 'uptime-kuma'] as const).some((service) => serviceSetup(settings, service) === 'ready') : false;

  return (
    <div className="page page--reading welcome">
      <PageHeader
        title="Welcome to MediaNest"
        lead="MediaNest puts your home media server in one window: browse Plex, ask for new films and shows through Overseerr, see at a glance whether everything is up, and download videos straight into your library. Connect what you use; you can change all of it later in Settings."
        actions={
          <button type="button" className="button button--quiet" onClick={() => leave('skipped')}>
            Skip for now
          </button>
        }
      />
      {settings ? (
        <div className="welcome__cards">
          <PlexCard connected={serviceSetup(settings, 'plex') === 'ready'} />
          <ServiceConnectCard service="overseerr" savedAddress={settings.services.overseerr.baseUrl} connected={serviceSetup(settings, 'overseerr') === 'ready'} />
          <ServiceConnectCard service="uptime-kuma" savedAddress={settings.services['uptime-kuma'].baseUrl} connected={serviceSetup(settings, 'uptime-kuma') === 'ready'} />
          <DownloadFolderCard savedFolder={settings.downloads.folder} />
        </div>
      ) : loadError ? (
        <LoadError title="The settings could not be loaded." message={loadError} onRetry={loadSettings} canRetry={reachable} />
      ) : (
        <div className="welcome__cards" aria-busy="true" aria-label="Loading">
          {[0, 1, 2, 3].map((index) => (
            <div key={index} className="skeleton welcome__skeleton" />
          ))}
        </div>
      )}
      <footer className="welcome__footer">
        <button type="button" className="button button--primary" onClick={() => leave(anyConnected ? 'done' : 'skipped')}>
          {anyConnected ? 'Go to MediaNest' : 'Skip for now'}
          <ArrowRight aria-hidden="true" size={16} />
        </button>
      </footer>
    </div>
  );
}
