/**
 * Requests: search Overseerr for films and shows (posters, what is already
 * there, "Open in Plex" for what Plex has), request one in a small dialog,
 * and follow every request the household made, including those MediaNest
 * keeps while Overseerr is away ("waiting to send").
 */
import { Clapperboard, Inbox, RefreshCw, Search, Send } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SearchResult } from '../../../../shared/contract/areas/overseerr';
import { showError, useCoreReachable } from '../../app/app-store';
import { navigate, useHashRoute } from '../../app/routing/hash-router';
import { useSettingsStore } from '../../app/settings-store';
import { EmptyState } from '../../ui/empty-state';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import { PosterCard, PosterCardSkeleton } from '../../ui/poster-card';
import { PosterGrid } from '../../ui/poster-grid';
import { serviceSetup } from '../../ui/service-setup';
import { ServiceNotice } from '../../ui/service-notice';
import { StatusChip } from '../../ui/status-chip';
import { QuotaLine } from './quota-line';
import { RequestDialog } from './request-dialog';
import { RequestList } from './request-list';
import { availabilityTones, resultAction } from './request-words';
import { loadRequests, refreshRequests, searchTitles, useRequestsStore } from './requests-store';
import './requests.css';

function ResultBadge({ result }: { readonly result: SearchResult }) {
  if (result.inPlex) return <StatusChip tone="ok" label="In Plex" size="small" />;
  if (result.availability !== 'none' && result.availabilityLabel) return <StatusChip tone={availabilityTones[result.availability]} label={result.availabilityLabel} size="small" />;
  return result.requestId ? <StatusChip tone="info" label="Requested" size="small" /> : null;
}

function Results({ onRequest }: { readonly onRequest: (result: SearchResult) => void }) {
  const { search, searching, searchError, query } = useRequestsStore(useShallow((state) => ({ search: state.search, searching: state.searching, searchError: state.searchError, query: state.query })));
  const reachable = useCoreReachable();
  if (searchError) return <LoadError title="Overseerr could not search right now." message={searchError} onRetry={() => searchTitles(query)} canRetry={reachable} />;
  if (searching && !search) {
    return (
      <div className="requests-skeletons" aria-busy="true" aria-label="Searching">
        {Array.from({ length: 6 }, (_, index) => (
          <PosterCardSkeleton key={index} />
        ))}
      </div>
    );
  }
  if (!search) return null;
  if (search.results.length === 0) {
    return (
      <EmptyState icon={Search} title={`Nothing found for “${search.query}”`}>
        Try the title as it was released, or fewer words.
      </EmptyState>
    );
  }
  return (
    <>
      <p className="requests__count" aria-live="polite">
        {search.totalResults} {search.totalResults === 1 ? 'title' : 'titles'} for “{search.query}”
      </p>
      <PosterGrid
        items={search.results}
        label={`Search results for ${search.query}`}
        getKey={(result) => `${result.mediaType}:${result.tmdbId}`}
        renderItem={(result, focus) => {
          const action = resultAction(result);
          return (
            <PosterCard
              title={result.title}
              year={result.year}
              subtitle={result.mediaType === 'tv' ? 'Series' : 'Film'}
              imageUrl={result.poster}
              badge={<ResultBadge result={result} />}
              onOpen={() => onRequest(result)}
              action={
                action === 'open'
                  ? { label: 'Open in Plex', icon: Clapperboard, onClick: () => navigate('library', `item-${result.inPlex!.ratingKey}`) }
                  : action === 'requested'
                    ? { label: 'Requested', onClick: () => onRequest(result), disabled: true }
                    : { label: 'Request', icon: Send, onClick: () => onRequest(result) }
              }
              tabIndex={focus.tabIndex}
              onFocus={focus.onFocus}
            />
          );
        }}
      />
      {search.totalPages > 1 ? (
        <div className="requests__pages">
          <button type="button" className="button" disabled={search.page <= 1 || searching} onClick={() => void searchTitles(query, search.page - 1)}>
            Previous
          </button>
          <span>
            Page {search.page} of {search.totalPages}
          </span>
          <button type="button" className="button" disabled={search.page >= search.totalPages || searching} onClick={() => void searchTitles(query, search.page + 1)}>
            Next
          </button>
        </div>
      ) : null}
    </>
  );
}

function YourRequests() {
  const { requests, loaded, loadError, refreshing } = useRequestsStore(useShallow((state) => ({ requests: state.requests, loaded: state.loaded, loadError: state.loadError, refreshing: state.refreshing })));
  const reachable = useCoreReachable();
  const waiting = requests.filter((request) => request.state === 'waiting').length;
  return (
    <section className="requests__mine" aria-labelledby="requests-mine-title">
      <div className="requests__mine-head">
        <h2 id="requests-mine-title" className="requests__heading">
          Your requests
        </h2>
        <button type="button" className="button button--small" aria-busy={refreshing} disabled={!reachable} onClick={() => void refreshRequests().catch(showError)}>
          <RefreshCw aria-hidden="true" size={14} className={refreshing ? 'spin' : undefined} />
          Check now
        </button>
      </div>
      {waiting > 0 ? (
        <p className="requests__waiting" role="status">
          {waiting === 1 ? 'One request waits' : `${waiting} requests wait`} to be sent. MediaNest keeps them and sends each once, in order, as soon as Overseerr answers.
        </p>
      ) : null}
      {loadError ? (
        <LoadError title="Your requests could not be loaded." message={loadError} onRetry={loadRequests} canRetry={reachable} />
      ) : !loaded ? (
        <div className="skeleton requests__list-skeleton" aria-busy="true" aria-label="Loading your requests" />
      ) : requests.length === 0 ? (
        <EmptyState icon={Inbox} title="No requests yet">
          Search above for a film or a show and press Request.
        </EmptyState>
      ) : (
        <RequestList requests={requests} />
      )}
    </section>
  );
}

export function RequestsPage() {
  const settings = useSettingsStore((state) => state.settings);
  const reachable = useCoreReachable();
  const query = useRequestsStore((state) => state.query);
  const [typed, setTyped] = useState(query);
  const [dialog, setDialog] = useState<SearchResult | null>(null);
  const ready = settings !== null && serviceSetup(settings, 'overseerr') === 'ready';
  const { section, seq } = useHashRoute();
  const loaded = useRequestsStore((state) => state.loaded);

  useEffect(() => {
    void loadRequests();
  }, []);

  // `#/requests/<id>` (a notification's target) brings that request into view.
  useEffect(() => {
    if (section && loaded) requestAnimationFrame(() => document.getElementById(`request-${section}`)?.scrollIntoView?.({ block: 'center' }));
  }, [section, seq, loaded]);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void searchTitles(typed);
  };

  return (
    <div className="page requests-page">
      <PageHeader title="Requests" lead="Ask Overseerr for films and shows, and see where each request is. A request made while Overseerr is away waits here and is sent once it is back." />
      {!ready ? (
        <ServiceNotice service="overseerr" comingLater="Requests" icon={Inbox} />
      ) : (
        <>
          <form className="requests__search" role="search" onSubmit={submit}>
            <label className="sr-only" htmlFor="requests-query">
              Search Overseerr
            </label>
            <input
              id="requests-query"
              className="field__input requests__query"
              type="search"
              value={typed}
              placeholder="Search for a film or a show"
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              enterKeyHint="search"
            />
            <button type="submit" className="button button--primary" disabled={!reachable || typed.trim() === ''}>
              <Search aria-hidden="true" size={16} />
              Search
            </button>
          </form>
          <QuotaLine />
          <Results onRequest={setDialog} />
        </>
      )}
      <YourRequests />
      {dialog ? <RequestDialog title={dialog} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
