/**
 * Library: the household's Plex libraries from the local index. Section tabs,
 * sort and filter in one row, search as you type (results grouped by
 * section), a virtualized poster grid, a details panel, and the offline
 * banner when Plex is down (browsing and search carry on from the index).
 */
import { useEffect, useRef, type ChangeEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { librarySorts, type LibraryItem, type LibrarySort, type PlexStatus } from '../../../../shared/contract/areas/plex';
import { Clapperboard } from 'lucide-react';
import { Banner } from '../../ui/banner';
import { EmptyState } from '../../ui/empty-state';
import { PageHeading } from '../../ui/page-heading';
import { useHashRoute } from '../../app/routing/hash-router';
import { routeHref } from '../../app/routing/routes';
import { DetailsPanel } from './details-panel';
import { PlexSignInPanel } from './plex-sign-in-panel';
import { PosterCard } from './plex-card';
import { PosterGrid } from './plex-grid';
import { loadSections, loadSignIn, loadStatus, openDetails, search, selectSection, setFilter, setSort, toggleDescending, usePlexStore } from './plex-store';
import { useLibraryPages } from './use-library-pages';
import '../../ui/page.css';
import './plex.css';

const SORT_WORDS: Record<LibrarySort, string> = { title: 'Title', added: 'Date added', year: 'Year', rating: 'Rating' };

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "Plex is offline: showing your library as of 14:02". */
export function backupBannerText(status: PlexStatus): string {
  const asOf = status.backup.asOf;
  return asOf ? `Plex is offline: showing your library as of ${clock(asOf)}.` : 'Plex is offline: showing your library as last synced.';
}

function SyncLine({ status }: { readonly status: PlexStatus }) {
  const { sync } = status;
  if (sync.state === 'running') {
    const percent = sync.total > 0 ? Math.round((sync.done / sync.total) * 100) : null;
    return (
      <p className="library__sync" aria-live="polite">
        Syncing {sync.sectionTitle ?? 'your library'}
        {percent !== null ? `: ${sync.done.toLocaleString()} of ${sync.total.toLocaleString()} (${percent} %)` : '…'}
      </p>
    );
  }
  return <p className="library__sync">{status.itemCount.toLocaleString()} items{status.server ? ` on ${status.server.name}` : ''}</p>;
}

function SearchResults({ items, query, onOpen }: { readonly items: readonly LibraryItem[]; readonly query: string; onOpen(item: LibraryItem): void }) {
  const sections = usePlexStore((state) => state.sections);
  if (items.length === 0) {
    return (
      <p className="notice" data-testid="search-empty" data-query={query}>
        Nothing in your library matches. Try fewer letters or another word.
      </p>
    );
  }
  const groups = sections.map((section) => ({ section, items: items.filter((item) => item.sectionKey === section.key) })).filter((group) => group.items.length > 0);
  return (
    <div className="library__results" data-testid="search-results" data-query={query}>
      {groups.map(({ section, items: found }) => (
        <section key={section.key} aria-label={section.title}>
          <h2 className="library__group">{section.title}</h2>
          <div className="plex-grid plex-grid--static" role="list">
            {found.map((item, index) => (
              <div role="listitem" key={item.ratingKey} className="plex-grid__cell">
                <PosterCard item={item} index={index} imageWidth={300} focusable onOpen={onOpen} />
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

export function LibraryPage() {
  const state = usePlexStore(
    useShallow((s) => ({
      status: s.status,
      statusError: s.statusError,
      sections: s.sections,
      sectionKey: s.sectionKey,
      sort: s.sort,
      descending: s.descending,
      filter: s.filter,
      genres: s.genres,
      query: s.query,
      results: s.results,
      resultsQuery: s.resultsQuery,
      indexVersion: s.indexVersion,
    })),
  );
  const { status, sections, sectionKey } = state;
  const searchRef = useRef<HTMLInputElement>(null);
  const pages = useLibraryPages({ sectionKey: sectionKey ?? '', sort: state.sort, descending: state.descending, filter: state.filter, version: state.indexVersion });
  const section = sections.find((candidate) => candidate.key === sectionKey);

  useEffect(() => {
    void loadStatus();
    void loadSections();
    void loadSignIn();
  }, []);

  // `#/library/item-<ratingKey>` (Open in Plex on Requests, a notification's click) opens that item's details.
  const { section: address, seq } = useHashRoute();
  useEffect(() => {
    if (address?.startsWith('item-')) void openDetails(decodeURIComponent(address.slice('item-'.length)));
  }, [address, seq]);

  const open = (item: LibraryItem): void => void openDetails(item.ratingKey);
  const offline = status?.backup.active === true || (status !== null && status.server !== null && !status.online);
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
    if (next === null) return;
    const target = sections[(next + sections.length) % sections.length];
    if (!target) return;
    selectSection(target.key);
    document.getElementById(`library-tab-${target.key}`)?.focus();
  };

  let body;
  if (!status) {
    body = state.statusError ? <p className="notice notice--error">{state.statusError}</p> : <div className="library__skeleton" aria-label="Loading your library" aria-busy="true" />;
  } else if (!status.signedIn && status.itemCount === 0) {
    body = (
      <EmptyState icon={Clapperboard} title="Your Plex library shows up here" testId="library-signed-out">
        <PlexSignInPanel />
      </EmptyState>
    );
  } else if (status.signedIn && !status.server && status.itemCount === 0) {
    body = (
      <EmptyState icon={Clapperboard} title="No Plex server is linked yet" action={<a className="button" href={routeHref('settings')}>Choose a server in Settings</a>}>
        <p>MediaNest could not reach a server on your Plex account. Pick one, and how to reach it, in Settings.</p>
      </EmptyState>
    );
  } else if (sections.length === 0) {
    body = (
      <EmptyState icon={Clapperboard} title={status.sync.state === 'running' ? 'Reading your library…' : 'Your library is empty so far'}>
        <SyncLine status={status} />
      </EmptyState>
    );
  } else {
    body = (
      <>
        <div className="library__tabs" role="tablist" aria-label="Libraries">
          {sections.map((candidate, index) => (
            <button
              key={candidate.key}
              id={`library-tab-${candidate.key}`}
              type="button"
              role="tab"
              aria-selected={candidate.key === sectionKey}
              tabIndex={candidate.key === sectionKey ? 0 : -1}
              className="library__tab"
              onClick={() => selectSection(candidate.key)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {candidate.title} <span className="library__count">{candidate.itemCount.toLocaleString()}</span>
            </button>
          ))}
        </div>
        <div className="library__toolbar">
          <label className="library__search">
            <span className="visually-hidden">Search your library</span>
            <input
              ref={searchRef}
              type="search"
              placeholder="Search titles, people, genres…"
              value={state.query}
              onChange={(event: ChangeEvent<HTMLInputElement>) => void search(event.target.value)}
              aria-controls="library-content"
              data-testid="library-search"
            />
          </label>
          <label>
            <span className="library__label">Sort</span>{' '}
            <select value={state.sort} onChange={(event) => setSort(event.target.value as LibrarySort)}>
              {librarySorts.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_WORDS[sort]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--quiet" onClick={toggleDescending} aria-label={state.descending ? 'Descending: switch to ascending' : 'Ascending: switch to descending'}>
            {state.descending ? '↓' : '↑'}
          </button>
          <label>
            <input type="checkbox" checked={state.filter.unwatched} onChange={(event) => setFilter({ unwatched: event.target.checked })} /> Unwatched
          </label>
          {state.genres.length > 0 ? (
            <label>
              <span className="library__label">Genre</span>{' '}
              <select value={state.filter.genre ?? ''} onChange={(event) => setFilter({ genre: event.target.value || null })}>
                <option value="">All</option>
                {state.genres.map((genre) => (
                  <option key={genre} value={genre}>
                    {genre}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div id="library-content" role="tabpanel" aria-label={section?.title ?? 'Library'}>
          {state.results ? (
            <SearchResults items={state.results} query={state.resultsQuery} onOpen={open} />
          ) : pages.error ? (
            <p className="notice notice--error">
              {pages.error}{' '}
              <button type="button" className="button button--quiet" onClick={pages.retry}>
                Try again
              </button>
            </p>
          ) : pages.total === 0 ? (
            <p className="notice">Nothing here with these filters. Clear them to see everything.</p>
          ) : (
            <PosterGrid pages={pages} label={section?.title ?? 'Library'} onOpen={open} />
          )}
        </div>
      </>
    );
  }

  return (
    <div className="page library">
      <div className="library__heading">
        <PageHeading>Library</PageHeading>
        {status && sections.length > 0 ? <SyncLine status={status} /> : null}
      </div>
      {status?.backup.active ? (
        <Banner tone="offline" role="status" testId="plex-offline-banner" title={backupBannerText(status)}>
          Browsing and search work; opening items in Plex waits until it is back.
        </Banner>
      ) : null}
      {status?.authExpired ? (
        <Banner tone="danger" role="alert" title="Plex no longer accepts MediaNest’s sign-in." action={<a className="button" href={routeHref('settings')}>Sign in again</a>} />
      ) : null}
      {body}
      <DetailsPanel offline={offline} />
    </div>
  );
}
