/**
 * Downloads: will run yt-dlp into a Plex library folder. For now it shows the folder setting.
 */
import { useShallow } from 'zustand/react/shallow';
import { useSettingsStore } from '../../app/settings-store';
import { PageHeading } from '../../ui/page-heading';
import { SettingsLink } from '../../ui/settings-link';
import '../../ui/page.css';

export function DownloadsPage() {
  const { downloads, loadError } = useSettingsStore(useShallow((state) => ({ downloads: state.settings?.downloads, loadError: state.loadError })));
  return (
    <div className="page">
      <PageHeading>Downloads</PageHeading>
      <p className="page__lead">This page will show videos being downloaded with yt-dlp into a folder of your Plex library: what is queued, running and done.</p>
      {!downloads ? (
        <p className="notice">{loadError ? `The settings could not be loaded: ${loadError}` : 'Loading settings…'}</p>
      ) : downloads.folder === '' ? (
        <div className="notice notice--action" data-testid="download-folder">
          <p>No download folder chosen yet — set one in Settings.</p>
          <SettingsLink />
        </div>
      ) : (
        <div className="notice" data-testid="download-folder">
          <p>
            Download folder: <code className="path">{downloads.folder}</code>
          </p>
          <p>{downloads.maxConcurrent === 1 ? 'One download at a time.' : `Up to ${downloads.maxConcurrent} downloads at once.`}</p>
          <SettingsLink>Change in Settings</SettingsLink>
        </div>
      )}
      <p className="notice">yt-dlp downloads arrive in a later version of MediaNest.</p>
    </div>
  );
}
