/**
 * One poster: a 2:3 image from the core's binary route (lazy, decoded off the
 * main thread) over a placeholder, the title and year below, watched and
 * progress marks in words for screen readers as well as in colour.
 */
import { memo, useState, type KeyboardEvent } from 'react';
import type { LibraryItem } from '../../../../shared/contract/areas/plex';

export interface PosterCardProps {
  readonly item: LibraryItem | undefined;
  readonly index: number;
  /** Device pixels the image should have across. */
  readonly imageWidth: number;
  readonly focusable: boolean;
  onOpen(item: LibraryItem): void;
  onFocusIndex?(index: number): void;
  onKeyDown?(event: KeyboardEvent<HTMLElement>): void;
}

export function posterSource(poster: string, width: number): string {
  return `${poster}/${Math.round(width)}`;
}

function label(item: LibraryItem): string {
  const parts = [item.title];
  if (item.year) parts.push(String(item.year));
  if (item.watched) parts.push('watched');
  else if (item.progress) parts.push(`${Math.round(item.progress * 100)}% watched`);
  return parts.join(', ');
}

export const PosterCard = memo(function PosterCard(props: PosterCardProps) {
  const { item, index } = props;
  // A poster that cannot be had (Plex down, never cached) leaves the placeholder.
  const [failed, setFailed] = useState<string | null>(null);
  if (!item) {
    return <div className="plex-card plex-card--loading" aria-hidden="true" data-index={index}><div className="plex-card__image" /><div className="plex-card__text" /></div>;
  }
  return (
    <button
      type="button"
      className="plex-card"
      data-index={index}
      data-rating-key={item.ratingKey}
      tabIndex={props.focusable ? 0 : -1}
      aria-label={label(item)}
      onClick={() => props.onOpen(item)}
      onFocus={() => props.onFocusIndex?.(index)}
      onKeyDown={props.onKeyDown}
    >
      <span className="plex-card__image">
        {item.poster && failed !== item.poster ? (
          <img src={posterSource(item.poster, props.imageWidth)} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setFailed(item.poster)} />
        ) : (
          <span className="plex-card__initial" aria-hidden="true">
            {item.title.slice(0, 1)}
          </span>
        )}
        {item.watched ? <span className="plex-card__badge" aria-hidden="true">✓</span> : null}
        {item.progress && !item.watched ? (
          <span className="plex-card__progress" aria-hidden="true">
            <span style={{ width: `${Math.round(item.progress * 100)}%` }} />
          </span>
        ) : null}
      </span>
      <span className="plex-card__text">
        <span className="plex-card__title">{item.title}</span>
        <span className="plex-card__year">{item.year ?? ''}</span>
      </span>
    </button>
  );
});
