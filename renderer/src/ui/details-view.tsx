/**
 * The details of one title: backdrop art behind a gradient, poster, title,
 * year, runtime, genres as chips, summary, media info and the actions. A
 * panel at the side on a desktop, a full page on a phone; the page behind
 * stays where it was.
 */
import { X } from 'lucide-react';
import { useId, useRef, useState, type ReactNode } from 'react';
import { formatRuntime } from './format/sizes';
import { useDialogFocus } from './use-dialog-focus';
import './details-view.css';

export interface MediaFact {
  readonly label: string;
  readonly value: string;
}

export interface DetailsViewProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly year?: number | string | null;
  /** Minutes. */
  readonly runtime?: number | null;
  readonly genres?: readonly string[];
  readonly summary?: string | null;
  readonly posterUrl?: string | null;
  readonly backdropUrl?: string | null;
  readonly placeholderColor?: string | null;
  /** Beside the year, e.g. a StatusChip "Available". */
  readonly badge?: ReactNode;
  /** "Video: 1080p H.264", "Audio: English AAC 5.1". */
  readonly mediaInfo?: readonly MediaFact[];
  /** The buttons: Open in Plex, Request… The first is the main one. */
  readonly actions?: ReactNode;
  /** Anything else below (seasons, episodes). */
  readonly children?: ReactNode;
}

function Artwork({ src, className }: { readonly src: string | null | undefined; readonly className: string }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) return null;
  return <img className={className} src={src} alt="" decoding="async" onError={() => setFailed(true)} />;
}

export function DetailsView(props: DetailsViewProps) {
  const { title, onClose, year, runtime, genres = [], summary, posterUrl, backdropUrl, placeholderColor, badge, mediaInfo = [], actions, children } = props;
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  useDialogFocus(dialogRef, onClose);
  const facts = [year ? String(year) : null, runtime ? formatRuntime(runtime) : null].filter(Boolean).join(' · ');

  return (
    <div className="details-layer">
      <div className="details-scrim" onClick={onClose} aria-hidden="true" />
      <div ref={dialogRef} className="details" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className="details__hero" style={placeholderColor ? { backgroundColor: placeholderColor } : undefined}>
          <Artwork src={backdropUrl ?? posterUrl} className="details__backdrop" />
          <div className="details__scrim" />
          <button type="button" className="button button--icon details__close" onClick={onClose} aria-label="Close details" data-autofocus>
            <X aria-hidden="true" size={20} />
          </button>
        </div>
        <div className="details__head">
          <div className="details__poster" style={placeholderColor ? { backgroundColor: placeholderColor } : undefined}>
            <Artwork src={posterUrl} className="details__poster-image" />
          </div>
          <div className="details__heading">
            <h2 id={titleId} className="details__title">
              {title}
            </h2>
            {facts || badge ? (
              <p className="details__facts">
                {facts ? <span>{facts}</span> : null}
                {badge}
              </p>
            ) : null}
          </div>
        </div>
        <div className="details__body">
          {actions ? <div className="details__actions">{actions}</div> : null}
          {genres.length > 0 ? (
            <ul className="details__genres" aria-label="Genres">
              {genres.map((genre) => (
                <li key={genre} className="details__genre">
                  {genre}
                </li>
              ))}
            </ul>
          ) : null}
          {summary ? <p className="details__summary">{summary}</p> : null}
          {mediaInfo.length > 0 ? (
            <dl className="details__info">
              {mediaInfo.map((fact) => (
                <div key={fact.label}>
                  <dt>{fact.label}</dt>
                  <dd>{fact.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {children}
        </div>
      </div>
    </div>
  );
}
