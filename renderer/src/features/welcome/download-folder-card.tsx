/**
 * The download folder in the welcome view: a folder on the media PC inside
 * a Plex library, saved with one button.
 */
import { FolderCheck, FolderOpen } from 'lucide-react';
import { useState } from 'react';
import { useCoreReachable } from '../../app/app-store';
import { saveSettings } from '../../app/settings-store';
import { describeError } from '../../ui/error-words';
import { TextField } from '../../ui/field';
import { StatusChip } from '../../ui/status-chip';
import { fieldErrorsFromError } from '../settings/field-errors';
import { WelcomeCard } from './welcome-card';

export function DownloadFolderCard({ savedFolder }: { readonly savedFolder: string }) {
  const reachable = useCoreReachable();
  const [folder, setFolder] = useState(savedFolder);
  const [phase, setPhase] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();

  const save = async (): Promise<void> => {
    const value = folder.trim();
    if (value === '') {
      setError('Enter a folder on the media PC, e.g. /srv/media/Videos');
      return;
    }
    setPhase('saving');
    setError(undefined);
    try {
      await saveSettings({ downloads: { folder: value } });
      setPhase('saved');
      setMessage(`Saved. Downloads go to ${value}.`);
    } catch (caught) {
      setPhase('failed');
      setError(fieldErrorsFromError(caught)['downloads.folder']);
      setMessage(describeError(caught));
    }
  };

  return (
    <WelcomeCard
      service="downloads"
      title="Downloads"
      purpose="Videos you download with MediaNest land in this folder, where Plex finds them."
      state={savedFolder ? <StatusChip tone="ok" icon={FolderCheck} label="Folder chosen" /> : <StatusChip tone="neutral" icon={FolderOpen} label="No folder yet" />}
    >
      <form
        className="welcome-card__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextField
          label="Download folder"
          value={folder}
          onChange={(value) => {
            setFolder(value);
            setError(undefined);
          }}
          placeholder="e.g. /srv/media/Videos"
          hint="A folder on the media PC inside one of your Plex libraries."
          error={error}
        />
        <div className="welcome-card__actions">
          <button type="submit" className="button button--primary" disabled={!reachable || phase === 'saving'} aria-busy={phase === 'saving'}>
            Choose a download folder
          </button>
        </div>
        <p className="welcome-card__result" aria-live="polite" data-tone={phase === 'failed' ? 'error' : phase === 'saved' ? 'ok' : undefined} data-testid="welcome-downloads-result">
          {phase === 'saving' ? 'Saving…' : message}
        </p>
      </form>
    </WelcomeCard>
  );
}
