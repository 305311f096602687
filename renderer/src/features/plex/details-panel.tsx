/**
 * An item's details: backdrop, poster, title, year, runtime, genres, summary,
 * people, media info (with the file as Plex sees it) and "Open in Plex".
 * A side panel on desktop, the whole screen on phones; Escape closes it and
 * focus returns to the poster it came from.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LibraryItemDetails } from '../../../../shared/contract/areas/plex';
import { posterSource } from './plex-card';
import { closeDetails, usePlexStore } from './plex-store';

function runtime(ms: number | null): string | null {
  if (!ms) return null;
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

function size(bytes: number | null): string {
  if (!bytes) return '';
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

function resolutionWords(resolution: string | null): string | null {
  if (!resolution) return null;
  if (resolution === '4k') return '4K';
  if (/^\d+$/.test(resolution)) return `${resolution}p`;
  return resolution.toUpperCase();
}

function MediaInfo({ details }: { readonly details: LibraryItemDetails }) {
  if (details.media.length === 0) return null;
  return (
    <section className="details__media" aria-label="Media">
      <h3>Media</h3>
      {details.media.map((media, n) => (
        <div key={n} className="details__media-item">
          <p>{[resolutionWords(media.resolution), media.videoCodec?.toUpperCase(), media.audioCodec?.toUpperCase(), media.audioChannels ? `${media.audioChannels} channels` : null, media.container?.toUpperCase()].filter(Boolean).join(' · ')}</p>
          {media.parts.map((part) => (
            <p key={part.file} className="details__file">
              <span className="details__file-path">{part.file}</span> {size(part.size)}
            </p>
          ))}
        </div>
      ))}
    </section>
  );
}

export function DetailsPanel({ offline }: { readonly offline: boolean }) {
  const { selected, details, detailsError } = usePlexStore(useShallow((state) => ({ selected: state.selected, details: state.details, detailsError: state.detailsError })));
  const ref = useRef<HTMLElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!selected) return;
    returnTo.current = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape') closeDetails();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      returnTo.current?.focus({ preventScroll: true });
    };
  }, [selected]);

  if (!selected) return null;
  const facts = details ? [details.year, runtime(details.duration), details.contentRating, details.rating ? `★ ${details.rating.toFixed(1)}` : null].filter(Boolean) : [];
  return (
    <aside ref={ref} className="details" aria-label={details ? `Details of ${details.title}` : 'Details'} tabIndex={-1} data-testid="details-panel">
      {details?.art ? <img className="details__art" src={posterSource(details.art, 1280)} alt="" /> : null}
      <div className="details__body">
        <button type="button" className="button button--quiet details__close" onClick={closeDetails} aria-label="Close details">
          ✕ Close
        </button>
        {detailsError ? (
          <p className="notice notice--error">{detailsError}</p>
        ) : !details ? (
          <p className="notice">Loading details…</p>
        ) : (
          <>
            <div className="details__head">
              {details.poster ? <img className="details__poster" src={posterSource(details.poster, 300)} alt="" width={150} height={225} /> : null}
              <div>
                <h2 className="details__title">{details.title}</h2>
                {details.originalTitle ? <p className="details__original">{details.originalTitle}</p> : null}
                <p className="details__facts">{facts.join(' · ')}</p>
                {details.genres.length > 0 ? (
                  <ul className="details__chips" aria-label="Genres">
                    {details.genres.map((genre) => (
                      <li key={genre}>{genre}</li>
                    ))}
                  </ul>
                ) : null}
                {details.watched ? <p className="details__watched">✓ Watched</p> : details.progress ? <p className="details__watched">{Math.round(details.progress * 100)}% watched</p> : null}
              </div>
            </div>
            <div className="details__actions">
              {details.openInPlexUrl && !offline ? (
                <a className="button button--primary" href={details.openInPlexUrl} target="_blank" rel="noopener noreferrer">
                  Open in Plex
                </a>
              ) : (
                <>
                  <button type="button" className="button button--primary" disabled aria-describedby="open-in-plex-why">
                    Open in Plex
                  </button>
                  <span id="open-in-plex-why" className="details__why">
                    {offline ? 'Plex is offline, so it cannot open there right now.' : 'Link a Plex server in Settings first.'}
                  </span>
                </>
              )}
            </div>
            {details.summary ? <p className="details__summary">{details.summary}</p> : null}
            {details.directors.length > 0 ? (
              <p>
                <span className="details__label">Directed by</span> {details.directors.join(', ')}
              </p>
            ) : null}
            {details.cast.length > 0 ? (
              <p>
                <span className="details__label">Starring</span> {details.cast.join(', ')}
              </p>
            ) : null}
            <MediaInfo details={details} />
          </>
        )}
      </div>
    </aside>
  );
}
