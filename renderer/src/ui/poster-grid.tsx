/**
 * A virtualized grid of cards that fills the width (columns of about
 * 150–180 px), moves focus with the arrow keys, Page Up/Down, Home and End
 * (one Tab stop for the whole grid), and keeps its scroll position when the
 * page comes back.
 *
 * It takes every item at once (`items`), or a count of items loaded a page at
 * a time (`count`, `itemAt`, `onRangeChange`): then only the rows in view ask
 * for their items, and a card that has not arrived yet is a skeleton.
 *
 * Rows have one fixed height (the artwork's ratio plus two lines of title and
 * one of year), so nothing is measured while scrolling.
 *
 * The window scrolls, not the grid, so the top bar, banners and the phone's
 * address bar behave as on any long page.
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { gridColumns, nextGridIndex } from './grid-navigation';
import { PosterCardSkeleton } from './poster-card';
import './poster-grid.css';

/** What each rendered card gets from the grid: roving focus, and its width for sizing artwork. */
export interface GridItemFocus {
  /** Where the card is (a card that may skip redrawing compares it along with the rest). */
  readonly index: number;
  readonly tabIndex: 0 | -1;
  readonly onFocus: () => void;
  /** The card's width in CSS pixels (0 before the grid is measured). */
  readonly width?: number;
}

/** Every item at hand. */
interface AllItems<T> {
  readonly items: readonly T[];
}

/** Items loaded a page at a time. */
interface PagedItems<T> {
  readonly count: number;
  /** The item at `index`, or undefined while its page loads. */
  readonly itemAt: (index: number) => T | undefined;
  /** The items in view and just around it, [start, end): the ones to load. */
  readonly onRangeChange?: (start: number, end: number) => void;
}

export type PosterGridProps<T> = (AllItems<T> | PagedItems<T>) & {
  readonly getKey: (item: T) => string;
  readonly renderItem: (item: T, focus: GridItemFocus) => ReactNode;
  /** What the grid holds, for screen readers: "Movies". */
  readonly label: string;
  readonly variant?: 'poster' | 'landscape';
  /** Remembers the scroll position under this key while the page is away. */
  readonly scrollKey?: string;
};

const GAP = 16;
/** Under the artwork: the card's gap, two lines of title and one of year (poster-card.css). */
const META_HEIGHT = 64;
/** Rows rendered beyond the window, each way: enough for a fast scroll, few enough to stay light. */
const OVERSCAN = 2;
const savedScroll = new Map<string, number>();

/** The element's content width, kept current as it resizes; a hidden element keeps its last width. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const next = entry?.contentRect.width ?? element.clientWidth;
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

interface GridCellProps<T> {
  readonly item: T | undefined;
  readonly index: number;
  readonly active: boolean;
  readonly width: number;
  readonly variant: 'poster' | 'landscape';
  readonly renderItem: (item: T, focus: GridItemFocus) => ReactNode;
  readonly setActive: (index: number) => void;
}

/**
 * One card's cell. Scrolling redraws the grid on every frame; a cell whose
 * item, focus and width did not change is skipped (pass a stable `renderItem`).
 */
const GridCell = memo(function GridCell<T>({ item, index, active, width, variant, renderItem, setActive }: GridCellProps<T>) {
  return (
    <div role="listitem" className="poster-grid__cell" data-grid-index={index}>
      {item === undefined ? <PosterCardSkeleton variant={variant} /> : renderItem(item, { index, tabIndex: active ? 0 : -1, onFocus: () => setActive(index), width })}
    </div>
  );
}) as <T>(props: GridCellProps<T>) => ReactNode;

export function PosterGrid<T>(props: PosterGridProps<T>) {
  const { getKey, renderItem, label, variant = 'poster', scrollKey } = props;
  const paged = 'itemAt' in props ? props : undefined;
  const count = paged ? paged.count : (props as AllItems<T>).items.length;
  const itemAt = paged ? paged.itemAt : (index: number) => (props as AllItems<T>).items[index];
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useWidth(containerRef);
  const minCard = variant === 'poster' ? 150 : 260;
  const columns = gridColumns(width, { minCard, gap: GAP, minColumns: variant === 'poster' ? 2 : 1 });
  const cardWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : minCard;
  const rowHeight = Math.round(cardWidth * (variant === 'poster' ? 1.5 : 9 / 16) + META_HEIGHT + GAP);
  const rowCount = Math.ceil(count / columns);
  const [active, setActive] = useState(0);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    const element = containerRef.current;
    if (element) setScrollMargin(element.getBoundingClientRect().top + window.scrollY);
  }, [width]);

  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    scrollMargin,
    // Scrolling redraws in React's own time, not inside each scroll event (the overscan covers the gap).
    useFlushSync: false,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  const rows = virtualizer.getVirtualItems();
  const firstIndex = (rows[0]?.index ?? 0) * columns;
  const endIndex = Math.min(count, ((rows.at(-1)?.index ?? -1) + 1) * columns);
  const onRangeChange = paged?.onRangeChange;
  useEffect(() => {
    if (endIndex > firstIndex) onRangeChange?.(firstIndex, endIndex);
  }, [firstIndex, endIndex, onRangeChange]);

  // Back on the page: where the user was. Passive, so it runs after the shell's scroll-to-top.
  useEffect(() => {
    if (!scrollKey) return;
    const saved = savedScroll.get(scrollKey);
    if (saved !== undefined) window.scrollTo({ top: saved });
    return () => {
      savedScroll.set(scrollKey, window.scrollY);
    };
  }, [scrollKey]);

  const activeIndex = Math.min(active, Math.max(0, count - 1));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const pageRows = Math.max(1, Math.floor(window.innerHeight / rowHeight));
    const next = nextGridIndex(event.key, activeIndex, columns, count, pageRows);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
    // The card may only exist after the scroll renders its row (and, paged, after its page arrives).
    const focus = (attempt: number): void => {
      const target = containerRef.current?.querySelector<HTMLElement>(`[data-grid-index="${next}"] [tabindex="0"]`);
      if (target) target.focus({ preventScroll: false });
      else if (attempt < 30) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  };

  return (
    <div ref={containerRef} className="poster-grid" role="list" aria-label={label} onKeyDown={onKeyDown} style={{ height: virtualizer.getTotalSize() }}>
      {rows.map((row) => {
        const start = row.index * columns;
        const cells = Math.min(columns, count - start);
        return (
          <div
            key={row.key}
            data-index={row.index}
            role="presentation"
            className="poster-grid__row"
            style={{ transform: `translateY(${row.start - scrollMargin}px)`, height: rowHeight, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
          >
            {Array.from({ length: cells }, (_, offset) => {
              const index = start + offset;
              const item = itemAt(index);
              // Paged cells keep their place by index, so a page arriving fills them in without a remount.
              const key = paged || item === undefined ? `#${index}` : getKey(item);
              return <GridCell key={key} item={item} index={index} active={index === activeIndex} width={cardWidth} variant={variant} renderItem={renderItem} setActive={setActive} />;
            })}
          </div>
        );
      })}
    </div>
  );
}
