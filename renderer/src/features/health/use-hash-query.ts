/**
 * One parameter of the query after the hash route (`#/health?entry=kuma%3A3`),
 * re-read when the hash changes.
 */
import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function hashQuery(hash: string, name: string): string | null {
  const query = hash.indexOf('?');
  return query === -1 ? null : new URLSearchParams(hash.slice(query + 1)).get(name);
}

export function useHashQuery(name: string): string | null {
  return useSyncExternalStore(subscribe, () => hashQuery(window.location.hash, name));
}
