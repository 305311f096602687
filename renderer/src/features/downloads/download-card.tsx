/**
 * One download as a card: title, channel and library, its state as a chip
 * and in words, the progress bar with speed, time left and "3 of 12" for a
 * playlist (whose items open below), a failure with what to do about it and
 * when MediaNest tries again, and the actions the core allows right now.
 */
import { Clapperboard, Film, ListVideo, Pause, Play, RotateCw, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import type { DownloadItem, DownloadJob } from '../../../../shared/contract/areas/downloads';
import { showError, useCoreReachable } from '../../app/app-store';
import { navigate } from '../../app/routing/hash-router';
import { ConfirmButton } from '../../ui/confirm-button';
import { formatRelativeTime } from '../../ui/format/relative-time';
import { ProgressBar } from '../../ui/progress-bar';
import { SettingsLink } from '../../ui/settings-link';
import { StatusChip, type Tone } from '../../ui/status-chip';
import { isWebAddress } from '../../../../shared/contract/web-address';
import { inHowLong, itemCounts, qualityLabels, settingsFixes, stateChips } from './download-words';
import { actOnJob, removeJob, type JobAction } from './downloads-store';

const itemTones: Record<DownloadItem['state'], { readonly tone: Tone; readonly word: string }> = {
  queued: { tone: 'warn', word: 'Waiting' },
  running: { tone: 'progress', word: 'Downloading' },
  completed: { tone: 'ok', word: 'Done' },
  failed: { tone: 'danger', word: 'Failed' },
  skipped: { tone: 'neutral', word: 'Already there' },
};

function PlaylistItems({ job }: { readonly job: DownloadJob }) {
  const counts = itemCounts(job);
  if (!counts) return null;
  return (
    <details className="download-card__items">
      <summary>
        {counts.total === 1 ? 'One video' : `${counts.total} videos`}, {counts.done} done
      </summary>
      <ol className="download-items" aria-label={`Videos of ${job.title}`}>
        {job.items.map((item) => (
          <li key={item.index} className="download-item" data-state={item.state}>
            <span className="download-item__index">{item.index + 1}</span>
            <span className="download-item__title">{item.title}</span>
            <span className="download-item__state">
              <StatusChip size="small" tone={itemTones[item.state].tone} label={item.state === 'running' && item.percent !== null ? `${Math.floor(item.percent)} %` : itemTones[item.state].word} />
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

function OpenInPlex({ job }: { readonly job: DownloadJob }) {
  if (isWebAddress(job.openUrl)) {
    return (
      <a className="button button--small button--primary" href={job.openUrl} target="_blank" rel="noopener noreferrer">
        <Clapperboard aria-hidden="true" size={14} />
        Open in Plex
      </a>
    );
  }
  const ratingKey = job.items.find((item) => item.ratingKey)?.ratingKey;
  if (!ratingKey) return null;
  return (
    <button type="button" className="button button--small button--primary" onClick={() => navigate('library', `item-${ratingKey}`)}>
      <Clapperboard aria-hidden="true" size={14} />
      Open in Plex
    </button>
  );
}

export function DownloadCard({ job, now }: { readonly job: DownloadJob; readonly now: number }) {
  const reachable = useCoreReachable();
  const [busy, setBusy] = useState(false);
  const chip = stateChips[job.state];
  const counts = itemCounts(job);
  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const button = (action: JobAction, label: string, Icon: typeof Pause) => (
    <button type="button" className="button button--small" disabled={busy || !reachable} onClick={() => void act(() => actOnJob(action, job.id))} aria-label={`${label}: ${job.title}`}>
      <Icon aria-hidden="true" size={14} />
      {label}
    </button>
  );
  const showProgress = job.state === 'running' || job.state === 'paused' || (job.state === 'queued' && job.progress !== null);
  const percent = job.progress?.percent ?? null;
  const nextTry = job.nextAttemptAt !== null && job.nextAttemptAt > now ? inHowLong(job.nextAttemptAt, now) : null;
  const fix = job.failure ? settingsFixes[job.failure.kind] : undefined;
  const KindIcon = job.kind === 'playlist' ? ListVideo : Film;
  return (
    <li className="download-card" data-testid="download-card" data-state={job.state} id={`download-${job.id}`}>
      <div className="download-card__art" aria-hidden="true">
        <KindIcon size={28} />
      </div>
      <div className="download-card__main">
        <h3 className="download-card__title">{job.title}</h3>
        <p className="download-card__meta">
          {[job.channel, job.kind === 'playlist' ? 'Playlist' : null, qualityLabels[job.quality], `into ${job.sectionTitle}`].filter(Boolean).join(' · ')}
        </p>
        <div className="download-card__status">
          <StatusChip tone={chip.tone} icon={chip.icon} label={chip.word} />
          {job.label && job.label !== chip.word ? <span className="download-card__label">{job.label}</span> : null}
        </div>
        {showProgress ? (
          <ProgressBar
            label={`${chip.word} ${job.title}`}
            value={percent === null ? null : percent / 100}
            bytesPerSecond={job.state === 'running' ? job.progress?.speed : null}
            etaSeconds={job.state === 'running' && (job.progress?.eta ?? 0) >= 1 ? job.progress?.eta : null}
            items={counts}
            tone={job.state === 'paused' ? 'warn' : 'accent'}
          />
        ) : null}
        {job.failure && job.state === 'failed' ? (
          <div className="download-card__failure" role="group" aria-label="What went wrong">
            <p className="download-card__failure-message">{job.failure.message}</p>
            <p className="download-card__advice">{job.failure.advice}</p>
            {nextTry ? (
              <p className="download-card__retry" title={new Date(job.nextAttemptAt!).toLocaleString()}>
                MediaNest tries again by itself {nextTry} (attempt {job.attempts + 1}).
              </p>
            ) : null}
            {fix ? <SettingsLink section="downloads">{fix}</SettingsLink> : null}
            {job.failure.detail ? (
              <details className="download-card__detail">
                <summary>Details</summary>
                <code>{job.failure.detail}</code>
              </details>
            ) : null}
          </div>
        ) : null}
        <PlaylistItems job={job} />
        {job.state === 'completed' || job.state === 'cancelled' ? (
          <p className="download-card__time">
            <span title={new Date(job.finishedAt ?? job.updatedAt).toLocaleString()}>
              {job.state === 'completed' ? 'Finished' : 'Cancelled'} {formatRelativeTime(job.finishedAt ?? job.updatedAt, now)}
            </span>
            {job.collection ? <span> · in the collection “{job.collection.title}”</span> : null}
          </p>
        ) : null}
      </div>
      <div className="download-card__actions">
        {job.state === 'completed' ? <OpenInPlex job={job} /> : null}
        {job.canPause ? button('pause', 'Pause', Pause) : null}
        {job.canResume ? button('resume', 'Resume', Play) : null}
        {job.canRetry ? button('retry', 'Retry', RotateCw) : null}
        {job.canCancel ? (
          <ConfirmButton small confirmLabel="Yes, cancel it" keepLabel="Keep it" disabled={busy || !reachable} onConfirm={() => void act(() => actOnJob('cancel', job.id))}>
            <X aria-hidden="true" size={14} />
            Cancel download
          </ConfirmButton>
        ) : null}
        {job.canRemove ? (
          <button type="button" className="button button--small button--quiet" disabled={busy || !reachable} onClick={() => void act(() => removeJob(job.id))} aria-label={`Remove from the list: ${job.title}`}>
            <Trash2 aria-hidden="true" size={14} />
            Remove
          </button>
        ) : null}
      </div>
    </li>
  );
}
