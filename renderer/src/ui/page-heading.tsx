/**
 * A page's one h1. Focusable from script only (tabIndex -1), so the shell can
 * move focus here after navigation without adding a Tab stop.
 */
import type { ReactNode } from 'react';

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
