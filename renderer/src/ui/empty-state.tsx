/**
 * What an empty view says: what would be here, why it is empty, and the one
 * thing to do about it.
 */
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import './empty-state.css';

export interface EmptyStateProps {
  readonly icon: LucideIcon;
  readonly title: string;
  readonly children?: ReactNode;
  /** One action: a button or a link. */
  readonly action?: ReactNode;
  readonly testId?: string;
}

export function EmptyState({ icon: Icon, title, children, action, testId }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId}>
      <span className="empty-state__icon" aria-hidden="true">
        <Icon size={28} />
      </span>
      <h2 className="empty-state__title">{title}</h2>
      {children ? <div className="empty-state__text">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
