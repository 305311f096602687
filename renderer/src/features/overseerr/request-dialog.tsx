/**
 * The small dialog a request is made in: the title, where its details came
 * from, and for a show the seasons to choose (those already there or asked
 * for are shown as such), then Request. The request is kept by MediaNest at
 * once, even while Overseerr is away.
 */
import { Film, Send, Tv, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchResult, TitleDetails } from '../../../../shared/contract/areas/overseerr';
import { navigate } from '../../app/routing/hash-router';
import { showError, showStatus } from '../../app/app-store';
import { describeError } from '../../ui/error-words';
import { StatusChip } from '../../ui/status-chip';
import { useDialogFocus } from '../../ui/use-dialog-focus';
import { availabilityTones } from './request-words';
import '../../ui/details-view.css';
import { loadDetails, makeRequest } from './requests-store';

export interface RequestDialogProps {
  readonly title: SearchResult;
  readonly onClose: () => void;
}

export function RequestDialog({ title, onClose }: RequestDialogProps) {
  const headingId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  useDialogFocus(dialogRef, onClose);
  const [details, setDetails] = useState<TitleDetails | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [is4k, setIs4k] = useState(false);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    loadDetails(title.mediaType, title.tmdbId).then(
      (found) => {
        if (!live) return;
        setDetails(found);
        // Offer what is missing: every season neither there nor asked for.
        setChosen(new Set((found.seasons ?? []).filter((season) => !season.requested && season.availability !== 'available').map((season) => season.seasonNumber)));
      },
      (error: unknown) => live && setLoadError(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [title.mediaType, title.tmdbId]);

  const seasons = details?.seasons ?? null;
  const isShow = title.mediaType === 'tv';
  const choosable = (seasons ?? []).filter((season) => !season.requested && season.availability !== 'available');
  const allChosen = choosable.length > 0 && choosable.every((season) => chosen.has(season.seasonNumber));
  // Without a season list (Overseerr away, no copy kept), a show is asked for whole.
  const canRequest = !sending && (!isShow || (seasons === null ? details !== null || loadError !== null : chosen.size > 0)) && !(title.requestId && !isShow);

  const toggle = (seasonNumber: number, on: boolean): void =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(seasonNumber);
      else next.delete(seasonNumber);
      return next;
    });

  const send = async (): Promise<void> => {
    setSending(true);
    try {
      const everything = seasons === null || (allChosen && choosable.length === seasons.length);
      const view = await makeRequest({ mediaType: title.mediaType, tmdbId: title.tmdbId, is4k, ...(isShow ? { seasons: everything ? 'all' : [...chosen].sort((a, b) => a - b) } : {}) });
      // If Overseerr is away the list says "waiting to send", and why.
      showStatus(`${view.title} requested`, 'ok');
      onClose();
    } catch (error) {
      showError(error);
      setSending(false);
    }
  };

  const name = details?.title ?? title.title;
  const Icon = isShow ? Tv : Film;
  return (
    <div className="details-layer">
      <div className="details-scrim" onClick={onClose} aria-hidden="true" />
      <div ref={dialogRef} className="request-dialog" role="dialog" aria-modal="true" aria-labelledby={headingId} tabIndex={-1}>
        <header className="request-dialog__head">
          {title.poster ? <img className="request-dialog__poster" src={title.poster} alt="" /> : <Icon className="request-dialog__icon" aria-hidden="true" size={28} />}
          <div>
            <h2 id={headingId} className="request-dialog__title">
              {name}
              {details?.year ?? title.year ? <span className="request-dialog__year"> ({details?.year ?? title.year})</span> : null}
            </h2>
            {details?.availabilityLabel && details.availability !== 'none' ? <StatusChip tone={availabilityTones[details.availability]} label={details.availabilityLabel} size="small" /> : null}
          </div>
          <button type="button" className="button button--icon button--quiet" onClick={onClose} aria-label="Close">
            <X aria-hidden="true" size={18} />
          </button>
        </header>
        <div className="request-dialog__body">
          {details ? <p className="request-dialog__source" data-source={details.source}>{details.sourceNote}</p> : loadError ? <p className="request-dialog__source">{loadError} You can still request it: MediaNest keeps it until Overseerr answers.</p> : <p className="request-dialog__source" aria-busy="true">Loading the details…</p>}
          {details?.overview ? <p className="request-dialog__overview">{details.overview}</p> : null}
          {isShow && seasons ? (
            <fieldset className="request-dialog__seasons">
              <legend>Seasons to request</legend>
              {choosable.length > 1 ? (
                <label className="checkbox">
                  <input type="checkbox" checked={allChosen} onChange={(event) => setChosen(new Set(event.target.checked ? choosable.map((season) => season.seasonNumber) : []))} />
                  <span>All missing seasons</span>
                </label>
              ) : null}
              {seasons.map((season) => {
                const taken = season.requested || season.availability === 'available';
                return (
                  <label key={season.seasonNumber} className="checkbox" data-taken={taken ? true : undefined}>
                    <input type="checkbox" disabled={taken} checked={taken || chosen.has(season.seasonNumber)} onChange={(event) => toggle(season.seasonNumber, event.target.checked)} />
                    <span>
                      {season.name}
                      {season.episodeCount ? <span className="request-dialog__muted"> · {season.episodeCount} episodes</span> : null}
                      {taken ? <span className="request-dialog__muted"> · {season.availability === 'available' ? 'in Plex' : 'already requested'}</span> : null}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          ) : isShow ? (
            <p className="request-dialog__muted">The seasons are not known right now, so MediaNest will ask for every season.</p>
          ) : null}
          <label className="checkbox">
            <input type="checkbox" checked={is4k} onChange={(event) => setIs4k(event.target.checked)} />
            <span>In 4K</span>
          </label>
        </div>
        <footer className="request-dialog__actions">
          {title.inPlex || details?.inPlex ? (
            <button type="button" className="button" onClick={() => navigate('library', `item-${(details?.inPlex ?? title.inPlex)!.ratingKey}`)}>
              Open in Plex
            </button>
          ) : null}
          <button type="button" className="button button--quiet" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void send()}
            disabled={!canRequest}
            aria-busy={sending}
            data-autofocus
          >
            <Send aria-hidden="true" size={16} />
            {isShow && seasons !== null && chosen.size > 0 && !allChosen ? `Request ${chosen.size === 1 ? 'season' : 'seasons'} ${[...chosen].sort((a, b) => a - b).join(', ')}` : 'Request'}
          </button>
        </footer>
      </div>
    </div>
  );
}
