/**
 * A page's one h1, and the header around it: title, a sentence of what the
 * page is for, and the page's main actions on the right.
 * The h1 is focusable from script only (tabIndex -1), so the shell can move
 * focus there after navigation without adding a Tab stop.
 */
import type { ReactNode } from 'react';
import './page.css';

export interface PageHeadingProps {
  readonly children: ReactNode;
}

export function PageHeading({ children }: PageHeadingProps) {
  return (
    <h1 className="page__title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export interface PageHeaderProps {
  readonly title: string;
  readonly lead?: ReactNode;
  readonly actions?: ReactNode;
}

export function PageHeader({ title, lead, actions }: PageHeaderProps) {
  return (
    <header className="page__header">
      <div className="page__heading">
        <PageHeading>{title}</PageHeading>
        {lead ? <p className="page__lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page__actions">{actions}</div> : null}
    </header>
  );
}
