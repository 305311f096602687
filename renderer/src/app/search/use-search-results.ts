/**
 * Runs the query against every provider, a moment after the user stops
 * typing; a newer query cancels the older one's calls.
 */
import { useEffect, useState } from 'react';
import { isAppError } from '../../../../shared/contract/errors';
import type { SearchProvider, SearchResult } from './search-registry';

export const SEARCH_DEBOUNCE_MS = 200;

export interface SearchGroup {
  readonly provider: SearchProvider;
  readonly state: 'loading' | 'done' | 'error';
  readonly results: readonly SearchResult[];
  readonly error?: string;
}

export function useSearchResults(query: string, providers: readonly SearchProvider[]): readonly SearchGroup[] {
  const [groups, setGroups] = useState<readonly SearchGroup[]>([]);
  const trimmed = query.trim();

  useEffect(() => {
    if (trimmed === '') {
      setGroups([]);
      return;
    }
    const controller = new AbortController();
    setGroups(providers.map((provider) => ({ provider, state: 'loading', results: [] })));
    const timer = setTimeout(() => {
      for (const provider of providers) {
        provider.search(trimmed, controller.signal).then(
          (results) => {
            if (controller.signal.aborted) return;
            setGroups((current) => current.map((group) => (group.provider === provider ? { provider, state: 'done', results } : group)));
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            const message = isAppError(error) ? error.message : `${provider.label} could not be searched.`;
            setGroups((current) => current.map((group) => (group.provider === provider ? { provider, state: 'error', results: [], error: message } : group)));
          },
        );
      }
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, providers]);

  return groups;
}
