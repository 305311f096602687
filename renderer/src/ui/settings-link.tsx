/**
 * "Open Settings", placed after a notice's sentence rather than inside it, so
 * the sentence stays one piece of text (for copy, search and screen readers
 * alike). With `section`, it opens at that group or service.
 */
import { Settings } from 'lucide-react';
import type { ReactNode } from 'react';
import { RouteLink } from '../app/routing/route-link';

export interface SettingsLinkProps {
  readonly children?: ReactNode;
  readonly section?: string;
  /** A button-looking link, for an empty state's one action. */
  readonly primary?: boolean;
}

export function SettingsLink({ children = 'Open Settings', section, primary }: SettingsLinkProps) {
  return (
    <RouteLink to="settings" {...(section ? { section } : {})} className={primary ? 'button button--primary' : 'notice__link'}>
      {primary ? <Settings aria-hidden="true" size={16} /> : null}
      {children}
    </RouteLink>
  );
}
