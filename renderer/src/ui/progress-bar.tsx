/**
 * Progress with numbers: percent, speed and time left when they are known; an
 * indeterminate bar when the size is not; "3 of 12" for a playlist.
 */
import { formatDuration, formatSpeed } from './format/sizes';
import './progress-bar.css';

export interface ProgressBarProps {
  /** What is progressing, for screen readers: "Downloading Big Buck Bunny". */
  readonly label: string;
  /** 0..1, or null/undefined while the size is unknown. */
  readonly value?: number | null;
  readonly bytesPerSecond?: number | null;
  readonly etaSeconds?: number | null;
  /** For a playlist: items finished and in all. */
  readonly items?: { readonly done: number; readonly total: number } | null;
  readonly tone?: 'accent' | 'ok' | 'warn' | 'danger';
}

/** The line of numbers under the bar, e.g. "42 % · 3.2 MB/s · 2 min left · 3 of 12". */
export function progressText({ value, bytesPerSecond, etaSeconds, items }: Omit<ProgressBarProps, 'label' | 'tone'>): string {
  const parts: string[] = [];
  parts.push(value === null || value === undefined ? 'Working…' : `${Math.floor(clamp(value) * 100)} %`);
  if (bytesPerSecond !== null && bytesPerSecond !== undefined) parts.push(formatSpeed(bytesPerSecond));
  if (etaSeconds !== null && etaSeconds !== undefined) parts.push(`${formatDuration(etaSeconds)} left`);
  if (items) parts.push(`${items.done} of ${items.total} done`);
  return parts.join(' · ');
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function ProgressBar(props: ProgressBarProps) {
  const { label, value, tone = 'accent' } = props;
  const known = value !== null && value !== undefined;
  const text = progressText(props);
  return (
    <div className="progress" data-tone={tone}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? 100 : undefined}
        aria-valuenow={known ? Math.floor(clamp(value) * 100) : undefined}
        aria-valuetext={text}
        data-indeterminate={known ? undefined : true}
      >
        <div className="progress__fill" style={known ? { width: `${clamp(value) * 100}%` } : undefined} />
      </div>
      <p className="progress__text">{text}</p>
    </div>
  );
}
