/**
 * Library: the household's Plex libraries from the local index. Section tabs,
 * sort and filter in one row, search as you type (results grouped by
 * section), a virtualized poster grid, a details panel, and the offline
 * banner when Plex is down (browsing and search carry on from the index).
 */
import { useCallback, useEffect, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { librarySorts, type LibraryItem, type LibrarySort, type PlexStatus } from '../../../../shared/contract/areas/plex';
import { Clapperboard, ListFilter, SearchX } from 'lucide-react';
import { Banner } from '../../ui/banner';
import { EmptyState } from '../../ui/empty-state';
import { LoadError } from '../../ui/load-error';
import { PageHeading } from '../../ui/page-heading';
import { PosterGrid } from '../../ui/poster-grid';
import { Row } from '../../ui/row';
import { useHashRoute } from '../../app/routing/hash-router';
import { routeHref } from '../../app/routing/routes';
import { DetailsPanel } from './details-panel';
import { PlexSignInPanel } from './plex-sign-in-panel';
import { LibraryCard } from './library-card';
import { loadSections, loadSignIn, loadStatus, openDetails, search, selectSection, setFilter, setSort, toggleDescending, usePlexStore } from './plex-store';
import { useLibraryPages, type LibraryPages } from './use-library-pages';
import type { GridItemFocus } from '../../ui/poster-grid';
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

/** Results as one shelf per section, in the sections' order (Movies, then TV Shows…). */
function SearchResults({ onOpen }: { onOpen(item: LibraryItem): void }) {
  const { items, query, sections } = usePlexStore(useShallow((state) => ({ items: state.results, query: state.resultsQuery, sections: state.sections })));
  if (!items) return null;
  if (items.length === 0) {
    return (
      <div data-testid="search-empty" data-query={query}>
        <EmptyState icon={SearchX} title="Nothing in your library matches">
          <p>Try fewer letters or another word.</p>
        </EmptyState>
      </div>
    );
  }
  const groups = sections.map((section) => ({ section, items: items.filter((item) => item.sectionKey === section.key) })).filter((group) => group.items.length > 0);
  return (
    <div className="library__results" data-testid="search-results" data-query={query}>
      {groups.map(({ section, items: found }) => (
        <Row key={section.key} title={section.title} items={found} getKey={(item) => item.ratingKey} renderItem={(item, focus) => <LibraryCard item={item} focus={focus} onOpen={onOpen} />} />
      ))}
    </div>
  );
}

/** The search box: only it follows each keystroke, so typing redraws nothing else. */
function LibrarySearch() {
  const query = usePlexStore((state) => state.query);
  return (
    <label className="library__search">
      <span className="sr-only">Search your library</span>
      <input
        type="search"
        placeholder="Search titles, people, genres…"
        value={query}
        onChange={(event: ChangeEvent<HTMLInputElement>) => void search(event.target.value)}
        aria-controls="library-content"
        data-testid="library-search"
      />
    </label>
  );
}

interface LibraryContentProps {
  readonly sectionKey: string;
  readonly label: string;
  onOpen(item: LibraryItem): void;
}

/** The section's items, page by page as rows come into view; search results instead while searching. */
function LibraryContent({ sectionKey, label, onOpen }: LibraryContentProps) {
  const query = usePlexStore(useShallow((state) => ({ sort: state.sort, descending: state.descending, filter: state.filter, version: state.indexVersion, searching: state.results !== null })));
  const pages = useLibraryPages({ sectionKey, sort: query.sort, descending: query.descending, filter: query.filter, version: query.version });
  const renderItem = useCallback((item: LibraryItem, focus: GridItemFocus) => <LibraryCard item={item} focus={focus} onOpen={onOpen} />, [onOpen]);
  // The grid stays while searching, only hidden: clearing the search shows it again at once.
  return (
    <>
      {query.searching ? <SearchResults onOpen={onOpen} /> : null}
      <div hidden={query.searching}>
        <LibraryGrid pages={pages} label={label} scrollKey={`library:${sectionKey}:${query.sort}:${query.descending}:${JSON.stringify(query.filter)}`} renderItem={renderItem} />
      </div>
    </>
  );
}

interface LibraryGridProps {
  readonly pages: LibraryPages;
  readonly label: string;
  readonly scrollKey: string;
  renderItem(item: LibraryItem, focus: GridItemFocus): ReactNode;
}

function LibraryGrid({ pages, label, scrollKey, renderItem }: LibraryGridProps) {
  if (pages.error) return <LoadError title={pages.error} onRetry={pages.retry} />;
  if (pages.total === null) return <div className="skeleton library__skeleton" aria-label="Loading your library" aria-busy="true" />;
  if (pages.total === 0) {
    return (
      <EmptyState icon={ListFilter} title="Nothing here with these filters" action={<button type="button" className="button" onClick={() => setFilter({ unwatched: false, genre: null })}>Clear the filters</button>} />
    );
  }
  return (
    <PosterGrid
      count={pages.total}
      itemAt={pages.itemAt}
      onRangeChange={pages.ensure}
      getKey={(item) => item.ratingKey}
      renderItem={renderItem}
      label={label}
      scrollKey={scrollKey}
    />
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
    })),
  );
  const { status, sections, sectionKey } = state;
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

  const open = useCallback((item: LibraryItem): void => void openDetails(item.ratingKey), []);
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
    body = state.statusError ? <LoadError title="Your library could not be loaded." message={state.statusError} onRetry={loadStatus} /> : <div className="skeleton library__skeleton" aria-label="Loading your library" aria-busy="true" />;
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
          <LibrarySearch />
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
          {sectionKey ? <LibraryContent sectionKey={sectionKey} label={section?.title ?? 'Library'} onOpen={open} /> : null}
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
