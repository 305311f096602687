/**
 * "Open Settings", placed after a notice's sentence rather than inside it, so
 * the sentence stays one piece of text (for copy, search and screen readers alike).
 */
import type { ReactNode } from 'react';
import { navigate } from '../app/routing/hash-router';
import { routeHref } from '../app/routing/routes';

export interface SettingsLinkProps {
  readonly children?: ReactNode;
}

export function SettingsLink({ children = 'Open Settings' }: SettingsLinkProps) {
  return (
    <a
      className="notice__link"
      href={routeHref('settings')}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate('settings');
      }}
    >
      {children}
    </a>
  );
}
