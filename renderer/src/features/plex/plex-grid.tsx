/**
 * The virtualized poster grid: columns from the available width (about 150 px
 * a card, 110 on phones), only the rows in view (plus a few) in the DOM, pages
 * fetched as rows come into view, and the arrow keys, Home/End and
 * PageUp/PageDown moving through it with one tab stop.
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useWidth } from '../../ui/poster-grid';
import type { LibraryItem } from '../../../../shared/contract/areas/plex';
import { PosterCard } from './plex-card';
import type { LibraryPages } from './use-library-pages';

export interface PosterGridProps {
  readonly pages: LibraryPages;
  readonly label: string;
  onOpen(item: LibraryItem): void;
}

const GAP = 16;
const TEXT_HEIGHT = 48;

export function PosterGrid({ pages, label, onOpen }: PosterGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const minCard = width > 0 && width < 600 ? 110 : 150;
  const columns = Math.max(2, Math.floor((Math.max(width, 1) + GAP) / (minCard + GAP)));
  const cardWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : minCard;
  const rowHeight = Math.round(cardWidth * 1.5 + TEXT_HEIGHT + GAP);
  const total = pages.total ?? 0;
  const rows = Math.ceil(total / columns);
  const [focusIndex, setFocusIndex] = useState(0);
  const [scrollMargin, setScrollMargin] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (ref.current) setScrollMargin(ref.current.getBoundingClientRect().top + window.scrollY);
  }, [width, total]);

  const virtualizer = useWindowVirtualizer({ count: rows, estimateSize: () => rowHeight, overscan: 3, scrollMargin });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const virtualRows = virtualizer.getVirtualItems();
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (rows > 0) pages.ensure(first * columns, (last + 1) * columns);
  }, [first, last, columns, rows, pages]);

  useEffect(() => {
    if (focusIndex >= total && total > 0) setFocusIndex(total - 1);
  }, [focusIndex, total]);

  // After a key moved focus to a card that was not rendered yet, focus it once it is.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const element = ref.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(total - 1, index));
      setFocusIndex(next);
      pendingFocus.current = next;
      virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
    },
    [total, columns, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const perPage = columns * Math.max(1, Math.floor(window.innerHeight / rowHeight));
    const moves: Record<string, number> = {
      ArrowRight: focusIndex + 1,
      ArrowLeft: focusIndex - 1,
      ArrowDown: focusIndex + columns,
      ArrowUp: focusIndex - columns,
      PageDown: focusIndex + perPage,
      PageUp: focusIndex - perPage,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div ref={ref} className="plex-grid" role="list" aria-label={label} aria-rowcount={rows} style={{ height: `${virtualizer.getTotalSize()}px` }}>
      {virtualRows.map((row) => (
        <div
          key={row.key}
          className="plex-grid__row"
          role="presentation"
          style={{ transform: `translateY(${row.start - scrollMargin}px)`, height: `${rowHeight}px`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
        >
          {Array.from({ length: Math.min(columns, total - row.index * columns) }, (_, column) => {
            const index = row.index * columns + column;
            return (
              <div role="listitem" key={index} className="plex-grid__cell">
                <PosterCard
                  item={pages.itemAt(index)}
                  index={index}
                  imageWidth={cardWidth * (window.devicePixelRatio || 1)}
                  focusable={index === focusIndex}
                  onOpen={onOpen}
                  onFocusIndex={setFocusIndex}
                  onKeyDown={onKeyDown}
                />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
