/**
 * A stored job as the page sees it: its state in words, the live progress of
 * the item in hand folded into the whole, and what may be done with it now.
 */
import type { DownloadItem, DownloadJob, DownloadProgress } from '../../../../shared/contract/areas/downloads';
import type { StoredJob } from './downloads-store';

/** What only the running job knows: which step it is in and the item's live progress. */
export interface LiveState {
  readonly step: 'listing' | 'downloading' | 'placing';
  readonly itemIndex: number | null;
  readonly progress: DownloadProgress | null;
}

const MAX_ITEMS = 5000;

function label(job: StoredJob, live: LiveState | undefined, pausedAll: boolean): string {
  const done = job.items.filter((item) => item.state === 'completed' || item.state === 'skipped').length;
  switch (job.state) {
    case 'queued':
      if (pausedAll) return 'Paused with all downloads';
      if (job.nextAttemptAt !== null) return `Trying again shortly (attempt ${job.attempts + 1})`;
      return 'Waiting for a free slot';
    case 'running':
      if (!live || live.step === 'listing') return 'Looking up the address';
      if (live.step === 'placing') return 'Adding to Plex';
      if (live.progress?.phase === 'processing') return 'Processing';
      return job.kind === 'playlist' ? `Downloading ${Math.min(done + 1, job.items.length)} of ${job.items.length}` : 'Downloading';
    case 'paused':
      return 'Paused';
    case 'completed':
      return 'Ready to watch';
    case 'failed':
      return job.failure?.message.slice(0, 300) ?? 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** The item's progress as the job's: items done count whole, the one in hand by its share. */
function overall(job: StoredJob, live: LiveState | undefined): DownloadProgress | null {
  const progress = live?.progress ?? job.progress;
  if (!progress || job.items.length <= 1) return progress;
  const done = job.items.filter((item) => item.state === 'completed' || item.state === 'skipped').length;
  const share = progress.percent === null ? 0 : progress.percent / 100;
  return { ...progress, percent: Math.min(100, ((done + share) / job.items.length) * 100) };
}

export function toJobView(job: StoredJob, live: LiveState | undefined, pausedAll: boolean): DownloadJob {
  const items: DownloadItem[] = job.items.slice(0, MAX_ITEMS).map((item) => ({
    index: item.index,
    title: item.title.slice(0, 500),
    url: item.url.slice(0, 4096),
    state: item.state,
    percent: live?.itemIndex === item.index && live.progress ? live.progress.percent : item.percent,
    file: item.file,
    ratingKey: item.ratingKey,
  }));
  const state = job.state;
  return {
    id: job.id,
    url: job.url,
    kind: job.kind,
    title: job.title.slice(0, 500),
    channel: job.channel?.slice(0, 500) ?? null,
    quality: job.quality,
    sectionKey: job.sectionKey,
    sectionTitle: job.sectionTitle.slice(0, 500),
    state,
    label: label(job, live, pausedAll),
    progress: state === 'completed' ? null : overall(job, live),
    items,
    failure: job.failure,
    attempts: job.attempts,
    nextAttemptAt: state === 'queued' ? job.nextAttemptAt : null,
    collection: job.collection,
    openUrl: job.openUrl,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
    canPause: state === 'queued' || state === 'running',
    canResume: state === 'paused',
    canCancel: state === 'queued' || state === 'running' || state === 'paused',
    canRetry: state === 'failed' || state === 'cancelled',
    canRemove: state === 'completed' || state === 'failed' || state === 'cancelled',
  };
}
