/**
 * The search field in the top bar. "/" or Ctrl/⌘+K focuses it from anywhere;
 * results from every registered provider drop down, grouped, and the arrow
 * keys, Enter and Escape work them as a combobox.
 */
import { Search, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PHONE_QUERY, useMediaQuery } from '../../ui/use-media-query';
import { useSearchProviders, type SearchResult } from './search-registry';
import { useSearchResults } from './use-search-results';
import './global-search.css';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Whether a key press anywhere in the window asks for the search field. */
export function isSearchShortcut(event: Pick<globalThis.KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') return true;
  return event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target);
}

export function GlobalSearch() {
  const providers = useSearchProviders();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const groups = useSearchResults(query, providers);
  const options = useMemo(() => groups.flatMap((group) => group.results), [groups]);
  const showPanel = open && query.trim() !== '';
  const phone = useMediaQuery(PHONE_QUERY);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => setActive(-1), [query]);

  const choose = (result: SearchResult): void => {
    setOpen(false);
    setQuery('');
    inputRef.current?.blur();
    result.onSelect();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (query !== '') setQuery('');
      else inputRef.current?.blur();
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      // -1 is the field itself: Up from the first result goes back to typing.
      setActive((current) => (event.key === 'ArrowDown' ? Math.min(options.length - 1, current + 1) : Math.max(-1, current - 1)));
      return;
    }
    if (event.key === 'Enter') {
      const chosen = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (chosen) {
        event.preventDefault();
        choose(chosen);
      }
    }
  };

  let optionIndex = -1;
  return (
    <div
      ref={rootRef}
      className="global-search"
      role="search"
      onBlur={(event) => {
        if (!rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <label className="sr-only" htmlFor={`${listId}-input`}>
        Search
      </label>
      <Search className="global-search__icon" aria-hidden="true" size={18} />
      <input
        ref={inputRef}
        id={`${listId}-input`}
        className="global-search__input"
        type="search"
        role="combobox"
        aria-expanded={showPanel}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-keyshortcuts="/ Control+K Meta+K"
        placeholder={phone ? 'Search' : 'Search films, shows and requests'}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {query ? (
        <button type="button" className="global-search__clear" aria-label="Clear search" onClick={() => setQuery('')}>
          <X aria-hidden="true" size={16} />
        </button>
      ) : (
        <kbd className="global-search__kbd" aria-hidden="true">
          /
        </kbd>
      )}
      <div className="global-search__panel" hidden={!showPanel} data-testid="search-panel">
        {providers.length === 0 ? (
          <p className="global-search__note">Search finds films, shows and requests once Plex or Overseerr is connected.</p>
        ) : null}
        <div id={listId} role="listbox" aria-label="Search results" className="global-search__list">
          {groups.map((group) => (
            <div key={group.provider.id} role="group" aria-label={group.provider.label} className="global-search__group">
              <div className="global-search__group-label" aria-hidden="true">
                {group.provider.label}
              </div>
              {group.state === 'loading' ? <div className="global-search__note">Searching {group.provider.label}…</div> : null}
              {group.state === 'error' ? <div className="global-search__note global-search__note--error">{group.error}</div> : null}
              {group.state === 'done' && group.results.length === 0 ? <div className="global-search__note">Nothing in {group.provider.label} matches.</div> : null}
              {group.results.map((result) => {
                optionIndex += 1;
                const index = optionIndex;
                return (
                  <div
                    key={result.id}
                    id={`${listId}-${index}`}
                    role="option"
                    aria-selected={index === active}
                    className="global-search__option"
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => choose(result)}
                    onMouseEnter={() => setActive(index)}
                  >
                    {result.imageUrl ? <img className="global-search__thumb" src={result.imageUrl} alt="" loading="lazy" /> : <span className="global-search__thumb" />}
                    <span className="global-search__text">
                      <span className="global-search__title">{result.title}</span>
                      {result.subtitle ? <span className="global-search__subtitle">{result.subtitle}</span> : null}
                    </span>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        {groups
          .filter((group) => group.provider.showAll && group.results.length > 0)
          .map((group) => (
            <button
              key={group.provider.id}
              type="button"
              className="link-button global-search__all"
              onClick={() => {
                setOpen(false);
                group.provider.showAll?.(query.trim());
              }}
            >
              See all results in {group.provider.label}
            </button>
          ))}
      </div>
    </div>
  );
}
