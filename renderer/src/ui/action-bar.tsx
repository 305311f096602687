/**
 * A sticky bar of actions at the bottom of a form ("Save settings"): above
 * the tab bar on a phone, at the window's bottom edge on a desktop.
 */
import type { ReactNode } from 'react';
import './action-bar.css';

export interface ActionBarProps {
  readonly children: ReactNode;
  /** A sentence on the left, e.g. "You have unsaved changes." */
  readonly note?: ReactNode;
  readonly label?: string;
}

export function ActionBar({ children, note, label }: ActionBarProps) {
  return (
    <div className="action-bar" role={label ? 'region' : undefined} aria-label={label}>
      <div className="action-bar__note">{note}</div>
      <div className="action-bar__buttons">{children}</div>
    </div>
  );
}
