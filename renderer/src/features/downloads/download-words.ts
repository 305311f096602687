/**
 * Downloads in words: each state as a chip (colour + icon + word), the
 * qualities as people name them, playlist counts and retry times.
 */
import { Ban, Check, CircleAlert, Clock, LoaderCircle, Pause, type LucideIcon } from 'lucide-react';
import type { DownloadJob, DownloadQuality, DownloadState, FailureKind } from '../../../../shared/contract/areas/downloads';
import type { Tone } from '../../ui/status-chip';

export const stateChips: Record<DownloadState, { readonly tone: Tone; readonly icon: LucideIcon; readonly word: string }> = {
  queued: { tone: 'warn', icon: Clock, word: 'Waiting' },
  running: { tone: 'progress', icon: LoaderCircle, word: 'Downloading' },
  paused: { tone: 'neutral', icon: Pause, word: 'Paused' },
  completed: { tone: 'ok', icon: Check, word: 'Ready to watch' },
  failed: { tone: 'danger', icon: CircleAlert, word: 'Failed' },
  cancelled: { tone: 'neutral', icon: Ban, word: 'Cancelled' },
};

export const qualityLabels: Record<DownloadQuality, string> = {
  best: 'Best available',
  '1080p': 'Up to 1080p',
  '720p': 'Up to 720p',
  audio: 'Audio only',
};

export const qualityOrder: readonly DownloadQuality[] = ['best', '1080p', '720p', 'audio'];

/** Failures that a newer yt-dlp or a site's cookies may fix: the card links to Settings for them. */
export const settingsFixes: Partial<Record<FailureKind, string>> = {
  'ytdlp-too-old': 'Update yt-dlp in Settings',
  'bot-check': 'Add cookies in Settings',
  'http-forbidden': 'Add cookies in Settings',
  'unsupported-url': 'Update yt-dlp in Settings',
};

/** The queue holds what still needs something; the history what is finished or given up. */
export function isHistory(job: DownloadJob): boolean {
  return job.state === 'completed' || job.state === 'cancelled';
}

/** Items done and in all, for a playlist's "3 of 12"; null for a single video. */
export function itemCounts(job: DownloadJob): { readonly done: number; readonly total: number } | null {
  if (job.kind !== 'playlist' || job.items.length === 0) return null;
  return { done: job.items.filter((item) => item.state === 'completed' || item.state === 'skipped').length, total: job.items.length };
}

/** "in 12 s", "in 3 min", "in 2 h": when the next automatic try is. */
export function inHowLong(at: number, now: number): string {
  const seconds = Math.max(1, Math.round((at - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}


/** The first address in what was dropped on the page (a link from a browser, or text). */
export function droppedAddress(data: Pick<DataTransfer, 'getData'>): string {
  const list = data.getData('text/uri-list');
  const fromList = list
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('#'));
  return (fromList ?? data.getData('text/plain')).trim();
}
