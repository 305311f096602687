/**
 * An item's details in the shared DetailsView: backdrop, poster, title, year,
 * runtime, genres, summary, people, media info (with the file as Plex sees
 * it) and "Open in Plex" (disabled with the reason while Plex is offline).
 */
import { useShallow } from 'zustand/react/shallow';
import type { LibraryItemDetails } from '../../../../shared/contract/areas/plex';
import { DetailsView, type MediaFact } from '../../ui/details-view';
import { Banner } from '../../ui/banner';
import { StatusChip } from '../../ui/status-chip';
import { posterSource } from './library-card';
import { closeDetails, usePlexStore } from './plex-store';

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

const joined = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join(' · ');

/** The first version's video, audio and container, as the shared view lists facts. */
function mediaFacts(details: LibraryItemDetails): MediaFact[] {
  const media = details.media[0];
  if (!media) return [];
  const facts: MediaFact[] = [
    { label: 'Video', value: joined(resolutionWords(media.resolution), media.videoCodec?.toUpperCase()) },
    { label: 'Audio', value: joined(media.audioCodec?.toUpperCase(), media.audioChannels ? `${media.audioChannels} channels` : null) },
    { label: 'Container', value: media.container?.toUpperCase() ?? '' },
  ];
  if (details.media.length > 1) facts.push({ label: 'Versions', value: String(details.media.length) });
  return facts.filter((fact) => fact.value !== '');
}

function Badge({ details }: { readonly details: LibraryItemDetails }) {
  const rated = joined(details.contentRating, details.rating ? `★ ${details.rating.toFixed(1)}` : null);
  return (
    <>
      {rated ? <span>{rated}</span> : null}
      {details.watched ? <StatusChip tone="ok" size="small" label="Watched" /> : null}
      {!details.watched && details.progress ? <StatusChip tone="info" size="small" label={`${Math.round(details.progress * 100)} % watched`} /> : null}
    </>
  );
}

function OpenInPlex({ details, offline }: { readonly details: LibraryItemDetails; readonly offline: boolean }) {
  if (details.openInPlexUrl && !offline) {
    return (
      <a className="button button--primary" href={details.openInPlexUrl} target="_blank" rel="noopener noreferrer">
        Open in Plex
      </a>
    );
  }
  return (
    <>
      <button type="button" className="button button--primary" disabled aria-describedby="open-in-plex-why">
        Open in Plex
      </button>
      <span id="open-in-plex-why" className="details__why">
        {offline ? 'Plex is offline, so it cannot open there right now.' : 'Link a Plex server in Settings first.'}
      </span>
    </>
  );
}

export function DetailsPanel({ offline }: { readonly offline: boolean }) {
  const { selected, details, detailsError } = usePlexStore(useShallow((state) => ({ selected: state.selected, details: state.details, detailsError: state.detailsError })));
  if (!selected) return null;
  if (!details) {
    return (
      <DetailsView title={detailsError ? 'Details' : 'Loading details…'} onClose={closeDetails}>
        {detailsError ? <Banner tone="danger" role="alert" title={detailsError} /> : <p aria-busy="true">Loading details…</p>}
      </DetailsView>
    );
  }
  return (
    <DetailsView
      title={details.title}
      onClose={closeDetails}
      year={details.year}
      runtime={details.duration ? Math.round(details.duration / 60_000) : null}
      genres={details.genres}
      summary={details.summary}
      posterUrl={details.poster ? posterSource(details.poster, 160) : null}
      backdropUrl={details.art ? posterSource(details.art, 960) : null}
      badge={<Badge details={details} />}
      mediaInfo={mediaFacts(details)}
      actions={<OpenInPlex details={details} offline={offline} />}
    >
      {details.originalTitle ? <p className="details__original">{details.originalTitle}</p> : null}
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
      {details.media.some((media) => media.parts.length > 0) ? (
        <section aria-label="Files">
          {details.media.flatMap((media) =>
            media.parts.map((part) => (
              <p key={part.file} className="details__file">
                <span className="details__file-path">{part.file}</span> {size(part.size)}
              </p>
            )),
          )}
        </section>
      ) : null}
    </DetailsView>
  );
}
