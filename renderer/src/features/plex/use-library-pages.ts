/**
 * The grid's items, fetched a page at a time as rows come into view and kept
 * until what the grid shows changes (section, sort, filter, or a sync).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryItem, LibrarySort } from '../../../../shared/contract/areas/plex';
import { fetchItemsPage, type LibraryFilter } from './plex-store';

export const PAGE_SIZE = 120;

export interface LibraryPagesQuery {
  readonly sectionKey: string;
  readonly sort: LibrarySort;
  readonly descending: boolean;
  readonly filter: LibraryFilter;
  readonly version: number;
}

export interface LibraryPages {
  /** Null until the first page answered. */
  readonly total: number | null;
  readonly error: string | null;
  itemAt(index: number): LibraryItem | undefined;
  /** Makes sure items [start, end) are loaded or loading. */
  ensure(start: number, end: number): void;
  retry(): void;
}

export function useLibraryPages(query: LibraryPagesQuery): LibraryPages {
  const key = JSON.stringify(query);
  const pages = useRef(new Map<number, readonly LibraryItem[]>());
  const loading = useRef(new Set<number>());
  const currentKey = useRef(key);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  const load = useCallback(
    (page: number) => {
      if (query.sectionKey === '' || pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      const requestedFor = key;
      fetchItemsPage({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          if (currentKey.current !== requestedFor) return;
          pages.current.set(page, result.items);
          setTotal(result.total);
          setError(null);
          setTick((tick) => tick + 1);
        })
        .catch(() => {
          if (currentKey.current === requestedFor) setError('Part of your library could not be loaded.');
        })
        .finally(() => loading.current.delete(page));
    },
    [key],
  );

  useEffect(() => {
    currentKey.current = key;
    pages.current = new Map();
    loading.current = new Set();
    setTotal(null);
    setError(null);
    load(0);
  }, [key, load]);

  return {
    total,
    error,
    itemAt: (index) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure(start, end) {
      for (let page = Math.floor(Math.max(0, start) / PAGE_SIZE); page <= Math.floor(Math.max(0, end - 1) / PAGE_SIZE); page += 1) load(page);
    },
    retry() {
      loading.current.clear();
      setError(null);
      load(0);
      setTick((tick) => tick + 1);
    },
  };
}
