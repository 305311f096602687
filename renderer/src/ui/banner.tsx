/**
 * A strip across the top of the content for state that concerns the whole
 * view: offline or stale data, start-up problems, the demo profile.
 */
import { CircleAlert, Info, TriangleAlert, WifiOff, X, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import './banner.css';

export type BannerTone = 'info' | 'warn' | 'danger' | 'offline' | 'accent';

const bannerIcons: Record<BannerTone, LucideIcon> = {
  info: Info,
  warn: TriangleAlert,
  danger: CircleAlert,
  offline: WifiOff,
  accent: Info,
};

export interface BannerProps {
  readonly tone: BannerTone;
  readonly title: ReactNode;
  readonly children?: ReactNode;
  /** A button or link: what to do about it. */
  readonly action?: ReactNode;
  readonly onDismiss?: () => void;
  readonly icon?: LucideIcon;
  /** `alert` for problems that need reading now; default is no role (a live wrapper can announce it). */
  readonly role?: 'alert' | 'status';
  readonly testId?: string;
}

export function Banner({ tone, title, children, action, onDismiss, icon, role, testId }: BannerProps) {
  const Icon = icon ?? bannerIcons[tone];
  return (
    <div className="banner" data-tone={tone} role={role} data-testid={testId}>
      <Icon className="banner__icon" aria-hidden="true" size={18} />
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        {children ? <div className="banner__text">{children}</div> : null}
      </div>
      {action ? <div className="banner__action">{action}</div> : null}
      {onDismiss ? (
        <button type="button" className="button button--quiet button--icon" onClick={onDismiss} aria-label="Dismiss">
          <X aria-hidden="true" size={18} />
        </button>
      ) : null}
    </div>
  );
}
