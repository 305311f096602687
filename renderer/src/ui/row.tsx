/**
 * Row: a horizontal, scrollable shelf of cards with a title ("Recently
 * added") and "See all". Arrow keys move along it; the buttons page it with a
 * mouse.
 */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { GridItemFocus } from './poster-grid';
import './row.css';

export interface RowProps<T> {
  readonly title: string;
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  readonly renderItem: (item: T, focus: GridItemFocus) => ReactNode;
  readonly onSeeAll?: () => void;
  readonly seeAllLabel?: string;
  readonly variant?: 'poster' | 'landscape';
  /** Shown instead of the shelf when there are no items. */
  readonly empty?: ReactNode;
}

export function Row<T>({ title, items, getKey, renderItem, onSeeAll, seeAllLabel = 'See all', variant = 'poster', empty }: RowProps<T>) {
  const headingId = useId();
  const trackRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));

  const page = (direction: 1 | -1): void => {
    const track = trackRef.current;
    track?.scrollBy({ left: direction * track.clientWidth * 0.8, behavior: 'smooth' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : event.key === 'Home' ? -items.length : event.key === 'End' ? items.length : 0;
    if (step === 0 || items.length === 0) return;
    event.preventDefault();
    const next = Math.min(items.length - 1, Math.max(0, activeIndex + step));
    setActive(next);
    trackRef.current?.querySelector<HTMLElement>(`[data-row-index="${next}"] [tabindex]`)?.focus();
  };

  return (
    <section className="shelf" aria-labelledby={headingId} data-variant={variant}>
      <header className="shelf__header">
        <h2 id={headingId} className="shelf__title">
          {title}
        </h2>
        {onSeeAll && items.length > 0 ? (
          <button type="button" className="button button--quiet button--small shelf__see-all" onClick={onSeeAll}>
            {seeAllLabel}
            <ChevronRight aria-hidden="true" size={16} />
          </button>
        ) : null}
        {items.length > 0 ? (
          <span className="shelf__paging">
            <button type="button" className="button button--quiet button--icon button--small" onClick={() => page(-1)} aria-label={`Scroll ${title} back`} tabIndex={-1}>
              <ChevronLeft aria-hidden="true" size={18} />
            </button>
            <button type="button" className="button button--quiet button--icon button--small" onClick={() => page(1)} aria-label={`Scroll ${title} on`} tabIndex={-1}>
              <ChevronRight aria-hidden="true" size={18} />
            </button>
          </span>
        ) : null}
      </header>
      {items.length === 0 ? (
        (empty ?? null)
      ) : (
        <div ref={trackRef} className="shelf__track" role="list" aria-labelledby={headingId} onKeyDown={onKeyDown}>
          {items.map((item, index) => (
            <div key={getKey(item)} role="listitem" className="shelf__item" data-row-index={index}>
              {renderItem(item, { tabIndex: index === activeIndex ? 0 : -1, onFocus: () => setActive(index) })}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
