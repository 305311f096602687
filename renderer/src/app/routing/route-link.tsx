/**
 * A link to a page: a real `#/page` href (so middle-click and "copy link"
 * work) that navigates at once on a plain click.
 */
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './hash-router';
import { routeHref, type Route } from './routes';

export interface RouteLinkProps {
  readonly to: Route;
  /** A part of the page, e.g. a Settings group: `#/settings/overseerr`. */
  readonly section?: string;
  readonly className?: string;
  readonly children: ReactNode;
  readonly 'aria-current'?: 'page';
  readonly 'aria-describedby'?: string;
  readonly title?: string;
}

export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function RouteLink({ to, section, children, ...rest }: RouteLinkProps) {
  return (
    <a
      {...rest}
      href={section ? `${routeHref(to)}/${section}` : routeHref(to)}
      onClick={(event) => {
        if (event.defaultPrevented || !isPlainClick(event)) return;
        event.preventDefault();
        navigate(to, section);
      }}
    >
      {children}
    </a>
  );
}
