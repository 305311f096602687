/**
 * A poster (2:3) or landscape (16:9) card: lazy artwork over a placeholder of
 * the poster's average colour, a status badge in the corner, title and year
 * below, and on hover or focus a gentle lift and the main action.
 */
import { Film, type LucideIcon } from 'lucide-react';
import { useState, type ReactNode, type Ref } from 'react';
import './poster-card.css';

export interface PosterCardAction {
  readonly label: string;
  readonly icon?: LucideIcon;
  readonly onClick: () => void;
  readonly disabled?: boolean;
}

export interface PosterCardProps {
  readonly title: string;
  readonly year?: number | string | null;
  /** A second line instead of (or after) the year: "Season 2 · Episode 4". */
  readonly subtitle?: string | null;
  readonly imageUrl?: string | null;
  /** The artwork's average colour (any CSS colour), shown until it loads or when there is none. */
  readonly placeholderColor?: string | null;
  /** Top-left corner: usually a StatusChip. */
  readonly badge?: ReactNode;
  readonly variant?: 'poster' | 'landscape';
  /** Opens the details; the whole card is its target. */
  readonly onOpen?: () => void;
  /** The one main action (Open in Plex, Request), shown on hover and focus. */
  readonly action?: PosterCardAction;
  /** Under the artwork, e.g. a ProgressBar for a download. */
  readonly footer?: ReactNode;
  // Roving focus, set by PosterGrid and Row.
  readonly tabIndex?: number;
  readonly openRef?: Ref<HTMLButtonElement>;
  readonly onFocus?: () => void;
}

/** "Big Buck Bunny (2008)": what a screen reader hears for the card. */
export function posterLabel(title: string, year?: number | string | null): string {
  return year ? `${title} (${year})` : title;
}

export function PosterCard(props: PosterCardProps) {
  const { title, year, subtitle, imageUrl, placeholderColor, badge, variant = 'poster', onOpen, action, footer, tabIndex, openRef, onFocus } = props;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const showImage = Boolean(imageUrl) && !failed;
  const ActionIcon = action?.icon;
  const secondLine = [year, subtitle].filter(Boolean).join(' · ');

  return (
    <article className="poster-card" data-variant={variant} data-interactive={onOpen ? true : undefined}>
      <div className="poster-card__art" style={placeholderColor ? { backgroundColor: placeholderColor } : undefined}>
        {showImage ? (
          <img
            className="poster-card__image"
            src={imageUrl ?? undefined}
            alt=""
            loading="lazy"
            decoding="async"
            data-loaded={loaded ? true : undefined}
            onLoad={() => setLoaded(true)}
            onError={() => setFailed(true)}
          />
        ) : null}
        {!showImage || !loaded ? (
          <span className="poster-card__fallback" aria-hidden="true">
            {placeholderColor ? null : <Film size={variant === 'poster' ? 32 : 28} />}
          </span>
        ) : null}
        {badge ? <span className="poster-card__badge">{badge}</span> : null}
        {action ? (
          <button
            type="button"
            className="button button--primary button--small poster-card__action"
            onClick={action.onClick}
            disabled={action.disabled}
            tabIndex={tabIndex}
            aria-label={`${action.label}: ${title}`}
          >
            {ActionIcon ? <ActionIcon aria-hidden="true" size={14} /> : null}
            {action.label}
          </button>
        ) : null}
      </div>
      <div className="poster-card__meta">
        <h3 className="poster-card__title" title={title}>
          {title}
        </h3>
        {secondLine ? <p className="poster-card__sub">{secondLine}</p> : null}
        {footer}
      </div>
      {onOpen ? (
        <button
          ref={openRef}
          type="button"
          className="poster-card__open"
          aria-label={posterLabel(title, year)}
          onClick={onOpen}
          tabIndex={tabIndex}
          onFocus={onFocus}
        />
      ) : null}
    </article>
  );
}

/** A grey card of the same shape, while the real ones load. */
export function PosterCardSkeleton({ variant = 'poster' }: { readonly variant?: 'poster' | 'landscape' }) {
  return (
    <div className="poster-card poster-card--skeleton" data-variant={variant} aria-hidden="true">
      <div className="poster-card__art skeleton" />
      <div className="poster-card__meta">
        <div className="skeleton poster-card__skeleton-line" />
        <div className="skeleton poster-card__skeleton-line poster-card__skeleton-line--short" />
      </div>
    </div>
  );
}
