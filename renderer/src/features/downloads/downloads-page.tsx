/**
 * Downloads: will run yt-dlp into a Plex library folder. For now it shows the folder setting.
 */
import { Download, FolderOpen } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { useCoreReachable } from '../../app/app-store';
import { loadSettings, useSettingsStore } from '../../app/settings-store';
import { EmptyState } from '../../ui/empty-state';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import { SettingsLink } from '../../ui/settings-link';

export function DownloadsPage() {
  const { downloads, loadError } = useSettingsStore(useShallow((state) => ({ downloads: state.settings?.downloads, loadError: state.loadError })));
  const reachable = useCoreReachable();
  return (
    <div className="page">
      <PageHeader title="Downloads" lead="Videos downloaded with yt-dlp into a folder of your Plex library: what is queued, running and done." />
      {!downloads ? (
        loadError ? (
          <LoadError title="The settings could not be loaded." message={loadError} onRetry={loadSettings} canRetry={reachable} />
        ) : (
          <div className="skeleton service-notice__skeleton" aria-label="Loading settings" />
        )
      ) : downloads.folder === '' ? (
        <EmptyState icon={FolderOpen} title="Choose a download folder" testId="download-folder" action={<SettingsLink primary section="downloads">Choose a folder</SettingsLink>}>
          <p>No download folder chosen yet — set one in Settings.</p>
        </EmptyState>
      ) : (
        <EmptyState icon={Download} title="Downloads arrive in a later version" testId="download-folder" action={<SettingsLink section="downloads">Change in Settings</SettingsLink>}>
          <p>
            Download folder: <code className="path">{downloads.folder}</code>
          </p>
          <p>{downloads.maxConcurrent === 1 ? 'One download at a time.' : `Up to ${downloads.maxConcurrent} downloads at once.`}</p>
        </EmptyState>
      )}
    </div>
  );
}
