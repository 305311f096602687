/**
 * A tiny hash router: the current route as an external store React can read,
 * plus `navigate()`. Every navigation bumps `seq`, so the shell can move focus
 * even when the user picks the page they are already on.
 */
import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref, type Route } from './routes';

export interface RouteSnapshot {
  readonly route: Route;
  readonly seq: number;
}

let snapshot: RouteSnapshot | null = null;
const listeners = new Set<() => void>();

function getSnapshot(): RouteSnapshot {
  const route = parseRoute(window.location.hash);
  if (!snapshot) snapshot = { route, seq: 0 };
  else if (snapshot.route !== route) snapshot = { route, seq: snapshot.seq + 1 };
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
export function navigate(route: Route): void {
  const before = getSnapshot();
  const href = routeHref(route);
  if (window.location.hash !== href) window.location.hash = href;
  snapshot = { route, seq: before.seq + 1 };
  notify();
}
