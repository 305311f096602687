/**
 * "Update yt-dlp now" and what the last update did: fetching MediaNest's
 * own copy, checking it, and whether it is now current. Acts at once; it is
 * not one of the staged settings.
 */
import { RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { UpdateState } from '../../../../shared/contract/areas/downloads';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { formatRelativeTime } from '../../ui/format/relative-time';
import { StatusChip, type Tone } from '../../ui/status-chip';
import { useNow } from '../../ui/use-now';
import { loadUpdateState, updateYtDlp, useDownloadsStore } from '../downloads/downloads-store';

const updateWords: Record<UpdateState['state'], { readonly tone: Tone; readonly word: string }> = {
  idle: { tone: 'neutral', word: 'Not checked yet' },
  checking: { tone: 'progress', word: 'Checking for a new release' },
  downloading: { tone: 'progress', word: 'Downloading' },
  verifying: { tone: 'progress', word: 'Checking signature and checksum' },
  updated: { tone: 'ok', word: 'Updated' },
  current: { tone: 'ok', word: 'Up to date' },
  failed: { tone: 'danger', word: 'Update failed' },
};

const working = new Set<UpdateState['state']>(['checking', 'downloading', 'verifying']);

export function YtDlpUpdate() {
  const update = useDownloadsStore((state) => state.update);
  const reachable = useCoreReachable();
  const now = useNow(30_000);
  const [pressed, setPressed] = useState(false);
  useEffect(() => {
    void loadUpdateState();
  }, []);
  const busy = pressed || (update !== null && working.has(update.state));
  const run = async (): Promise<void> => {
    setPressed(true);
    try {
      const result = await updateYtDlp();
      if (result.state === 'failed') showStatus(result.message ?? 'yt-dlp could not be updated.', 'error');
      else showStatus(result.state === 'current' ? 'yt-dlp is already current' : `yt-dlp updated${result.managedVersion ? ` to ${result.managedVersion}` : ''}`, 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setPressed(false);
    }
  };
  const words = update ? updateWords[update.state] : null;
  return (
    <div className="ytdlp-update" data-testid="ytdlp-update">
      <div className="ytdlp-update__row">
        <button type="button" className="button" disabled={!reachable || busy} aria-busy={busy} onClick={() => void run()}>
          <RefreshCw aria-hidden="true" size={16} className={busy ? 'spin' : undefined} />
          Update yt-dlp now
        </button>
        {words ? <StatusChip tone={words.tone} label={words.word} /> : null}
      </div>
      <p className="field__hint" aria-live="polite">
        {update?.managedVersion ? `MediaNest’s own copy: ${update.managedVersion}.` : 'MediaNest has no copy of its own yet; this fetches one.'}
        {update?.checkedAt ? (
          <span title={new Date(update.checkedAt).toLocaleString()}> Last checked {formatRelativeTime(update.checkedAt, now)}.</span>
        ) : null}
        {update?.message ? <span> {update.message}</span> : null}
      </p>
    </div>
  );
}
