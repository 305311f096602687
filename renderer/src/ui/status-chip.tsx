/**
 * A status as colour, icon and word together ("Available", "Pending", "Down"),
 * so it never depends on colour alone.
 */
import { Check, CircleAlert, Clock, Info, LoaderCircle, Pause, Sparkles, X, type LucideIcon } from 'lucide-react';
import './status-chip.css';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral' | 'accent' | 'progress';

/** The icon each tone shows unless the caller picks another. */
export const toneIcons: Record<Tone, LucideIcon> = {
  ok: Check,
  warn: Clock,
  danger: X,
  info: Info,
  neutral: Pause,
  accent: Sparkles,
  progress: LoaderCircle,
};

export interface StatusChipProps {
  readonly tone: Tone;
  readonly label: string;
  readonly icon?: LucideIcon;
  /** Longer words for hover and screen readers, e.g. "since 14:02". */
  readonly title?: string;
  readonly size?: 'small' | 'medium';
}

export function StatusChip({ tone, label, icon, title, size = 'medium' }: StatusChipProps) {
  const Icon = icon ?? toneIcons[tone];
  return (
    <span className={`status-chip status-chip--${size}`} data-tone={tone} title={title}>
      <Icon className={tone === 'progress' ? 'spin' : undefined} aria-hidden="true" size={size === 'small' ? 12 : 14} strokeWidth={2.5} />
      <span>{label}</span>
    </span>
  );
}

/** An alert-circle for callers that want "attention" without a tone of its own. */
export const AttentionIcon = CircleAlert;
