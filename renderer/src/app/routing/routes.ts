/**
 * The app's pages and their hash addresses (`#/library`). Hash routes work the
 * same from Electron's custom protocol and from serve mode's HTTP server.
 */
/** The five areas in the navigation, in its order. */
export const navRoutes = ['library', 'requests', 'downloads', 'health', 'settings'] as const;
/** Every page: the areas plus the welcome view a fresh profile opens on. */
export const routes = [...navRoutes, 'welcome'] as const;
export type Route = (typeof routes)[number];
export type NavRoute = (typeof navRoutes)[number];

export const DEFAULT_ROUTE: Route = 'library';

export const routeTitles: Record<Route, string> = {
  library: 'Library',
  requests: 'Requests',
  downloads: 'Downloads',
  health: 'Health',
  settings: 'Settings',
  welcome: 'Welcome',
};

export function routeHref(route: Route): `#/${Route}` {
  return `#/${route}`;
}

/** `#/health` → `health`; anything unknown (or empty) falls back to the Library. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/, 1)[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

/** Whether the address names a page at all (an empty hash does not: the app picks where to start). */
export function hasExplicitRoute(hash: string): boolean {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/, 1)[0] ?? '';
  return (routes as readonly string[]).includes(name);
}
