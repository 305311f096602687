/**
 * A virtualized grid of cards that fills the width (columns of about
 * 150–180 px), moves focus with the arrow keys (one Tab stop for the whole
 * grid), and keeps its scroll position when the page comes back.
 *
 * The window scrolls, not the grid, so the top bar, banners and the phone's
 * address bar behave as on any long page.
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { gridColumns, nextGridIndex } from './grid-navigation';
import './poster-grid.css';

/** What each rendered card gets from the grid for roving focus. */
export interface GridItemFocus {
  readonly tabIndex: 0 | -1;
  readonly onFocus: () => void;
}

export interface PosterGridProps<T> {
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  readonly renderItem: (item: T, focus: GridItemFocus) => ReactNode;
  /** What the grid holds, for screen readers: "Movies". */
  readonly label: string;
  readonly variant?: 'poster' | 'landscape';
  /** Remembers the scroll position under this key while the page is away. */
  readonly scrollKey?: string;
}

const GAP = 16;
/** Title and year under the artwork, plus the gap to the next row. */
const META_HEIGHT = 64;
const savedScroll = new Map<string, number>();

/** The element's content width, kept current as it resizes. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function PosterGrid<T>({ items, getKey, renderItem, label, variant = 'poster', scrollKey }: PosterGridProps<T>) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useWidth(containerRef);
  const minCard = variant === 'poster' ? 150 : 260;
  const columns = gridColumns(width, { minCard, gap: GAP, minColumns: variant === 'poster' ? 2 : 1 });
  const cardWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : minCard;
  const rowHeight = cardWidth * (variant === 'poster' ? 1.5 : 9 / 16) + META_HEIGHT + GAP;
  const rowCount = Math.ceil(items.length / columns);
  const [active, setActive] = useState(0);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    const element = containerRef.current;
    if (element) setScrollMargin(element.getBoundingClientRect().top + window.scrollY);
  }, [width]);

  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  // Back on the page: where the user was. Passive, so it runs after the shell's scroll-to-top.
  useEffect(() => {
    if (!scrollKey) return;
    const saved = savedScroll.get(scrollKey);
    if (saved !== undefined) window.scrollTo({ top: saved });
    return () => {
      savedScroll.set(scrollKey, window.scrollY);
    };
  }, [scrollKey]);

  const activeIndex = Math.min(active, Math.max(0, items.length - 1));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const next = nextGridIndex(event.key, activeIndex, columns, items.length);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
    // The card may only exist after the scroll renders its row.
    const focus = (attempt: number): void => {
      const target = containerRef.current?.querySelector<HTMLElement>(`[data-grid-index="${next}"] [tabindex="0"]`);
      if (target) target.focus({ preventScroll: false });
      else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  };

  return (
    <div ref={containerRef} className="poster-grid" role="list" aria-label={label} onKeyDown={onKeyDown} style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((row) => {
        const start = row.index * columns;
        return (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            role="presentation"
            className="poster-grid__row"
            style={{ transform: `translateY(${row.start - scrollMargin}px)`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
          >
            {items.slice(start, start + columns).map((item, offset) => {
              const index = start + offset;
              return (
                <div key={getKey(item)} role="listitem" className="poster-grid__cell" data-grid-index={index}>
                  {renderItem(item, { tabIndex: index === activeIndex ? 0 : -1, onFocus: () => setActive(index) })}
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
