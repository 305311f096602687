/**
 * A tiny hash router: the current route (and an optional section, as in
 * `#/settings/overseerr`) as an external store React can read, plus
 * `navigate()`. Every navigation bumps `seq`, so the shell can move focus even
 * when the user picks the page they are already on.
 */
import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref, type Route } from './routes';

export interface RouteSnapshot {
  readonly route: Route;
  /** The part after the page, e.g. `overseerr` in `#/settings/overseerr`; null if none. */
  readonly section: string | null;
  readonly seq: number;
}

let snapshot: RouteSnapshot | null = null;
const listeners = new Set<() => void>();

function parseSection(hash: string): string | null {
  const rest = hash.replace(/^#\/?/, '').split('?', 1)[0]?.split('/').slice(1).join('/') ?? '';
  return rest === '' ? null : rest;
}

function getSnapshot(): RouteSnapshot {
  const hash = window.location.hash;
  const route = parseRoute(hash);
  const section = parseSection(hash);
  if (!snapshot) snapshot = { route, section, seq: 0 };
  else if (snapshot.route !== route || snapshot.section !== section) snapshot = { route, section, seq: snapshot.seq + 1 };
  return snapshot;
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('hashchange', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('hashchange', notify);
  };
}

export function useHashRoute(): RouteSnapshot {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/**
 * Goes to `route` now rather than waiting for `hashchange` (which fires a task later),
 * so the page and focus update in the same turn as the click or key press.
 */
export function navigate(route: Route, section?: string): void {
  const before = getSnapshot();
  const href = section ? `${routeHref(route)}/${section}` : routeHref(route);
  if (window.location.hash !== href) window.location.hash = href;
  snapshot = { route, section: section ?? null, seq: before.seq + 1 };
  notify();
}

/** Like navigate, but replaces the history entry (for where the app decides to start). */
export function redirect(route: Route): void {
  const { seq } = getSnapshot();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${routeHref(route)}`);
  // The same seq: nobody navigated, so focus stays where the page load put it.
  snapshot = { route, section: null, seq };
  notify();
}
