/**
 * The global search's extension point. A feature registers a provider (the
 * Library searches Plex, Requests searches Overseerr); the top bar asks every
 * provider as the user types and shows the results grouped under each
 * provider's label.
 *
 *   const unregister = registerSearchProvider({
 *     id: 'plex', label: 'Library', order: 1,
 *     search: (query, signal) => client.invoke('plex:search', { query }).then(toResults),
 *   });
 */
import { useSyncExternalStore } from 'react';

export interface SearchResult {
  readonly id: string;
  readonly title: string;
  /** "2008 · Movie", "Requested by Sam". */
  readonly subtitle?: string;
  /** A small poster or thumbnail (same-origin or medianest: URL). */
  readonly imageUrl?: string;
  /** What choosing the result does: usually navigate and open its details. */
  readonly onSelect: () => void;
}

export interface SearchProvider {
  readonly id: string;
  /** The group's heading in the results: "Library", "Requests". */
  readonly label: string;
  /** Lower first; default 100. */
  readonly order?: number;
  /** At most a handful of results; reject with an AppError to show its words under the group. */
  search(query: string, signal: AbortSignal): Promise<readonly SearchResult[]>;
  /** "See all results in Library": the full results page, if the provider has one. */
  showAll?(query: string): void;
}

let providers: readonly SearchProvider[] = [];
const listeners = new Set<() => void>();

function sorted(list: readonly SearchProvider[]): readonly SearchProvider[] {
  return [...list].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.label.localeCompare(b.label));
}

/** Adds a provider (replacing one with the same id); returns the function that removes it. */
export function registerSearchProvider(provider: SearchProvider): () => void {
  providers = sorted([...providers.filter((existing) => existing.id !== provider.id), provider]);
  for (const listener of [...listeners]) listener();
  return () => {
    if (!providers.includes(provider)) return;
    providers = providers.filter((existing) => existing !== provider);
    for (const listener of [...listeners]) listener();
  };
}

export function searchProviders(): readonly SearchProvider[] {
  return providers;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSearchProviders(): readonly SearchProvider[] {
  return useSyncExternalStore(subscribe, searchProviders);
}
