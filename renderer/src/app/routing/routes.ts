/**
 * The app's pages and their hash addresses (`#/library`). Hash routes work the
 * same from Electron's custom protocol and from serve mode's HTTP server.
 */
export const routes = ['library', 'requests', 'downloads', 'health', 'settings'] as const;
export type Route = (typeof routes)[number];

export const DEFAULT_ROUTE: Route = 'library';

export const routeTitles: Record<Route, string> = {
  library: 'Library',
  requests: 'Requests',
  downloads: 'Downloads',
  health: 'Health',
  settings: 'Settings',
};

export function routeHref(route: Route): `#/${Route}` {
  return `#/${route}`;
}

/** `#/health` → `health`; anything unknown (or empty) falls back to the Library. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/, 1)[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}
