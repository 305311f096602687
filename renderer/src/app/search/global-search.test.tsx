import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { GlobalSearch, isSearchShortcut } from './global-search';
import { registerSearchProvider } from './search-registry';

const unregister: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const off of unregister.splice(0)) off();
});

describe('GlobalSearch', () => {
  it('focuses on "/" outside a field and on Ctrl+K anywhere', () => {
    const input = document.createElement('input');
    expect(isSearchShortcut({ key: '/', ctrlKey: false, metaKey: false, altKey: false, target: document.body })).toBe(true);
    expect(isSearchShortcut({ key: '/', ctrlKey: false, metaKey: false, altKey: false, target: input })).toBe(false);
    expect(isSearchShortcut({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, target: input })).toBe(true);
    expect(isSearchShortcut({ key: 'K', ctrlKey: false, metaKey: true, altKey: false, target: document.body })).toBe(true);
    expect(isSearchShortcut({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, target: document.body })).toBe(false);

    render(<GlobalSearch />);
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    });
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Search' }));
  });

  it('asks every provider, groups the results, and picks one with the arrow keys and Enter', async () => {
    const user = userEvent.setup();
    const chosen = vi.fn();
    unregister.push(
      registerSearchProvider({
        id: 'requests',
        label: 'Requests',
        order: 2,
        search: () => Promise.reject(new AppError('UPSTREAM_UNREACHABLE', 'Connection refused by nas.local:5055.')),
      }),
      registerSearchProvider({
        id: 'library',
        label: 'Library',
        order: 1,
        search: async (query) => [
          { id: 'a', title: `${query} one`, subtitle: '2008 · Movie', onSelect: () => chosen('a') },
          { id: 'b', title: `${query} two`, onSelect: () => chosen('b') },
        ],
      }),
    );
    render(<GlobalSearch />);
    const box = screen.getByRole('combobox', { name: 'Search' });
    await user.type(box, 'bunny');
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    await within(list).findByRole('option', { name: /bunny one/ });
    expect(within(list).getAllByRole('group').map((group) => group.getAttribute('aria-label'))).toEqual(['Library', 'Requests']);
    expect(await within(list).findByText('Connection refused by nas.local:5055.')).toBeTruthy();

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getByRole('option', { name: /bunny two/ }).id);
    await user.keyboard('{Enter}');
    expect(chosen).toHaveBeenCalledWith('b');
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('says what search will find before any provider is there', async () => {
    const user = userEvent.setup();
    render(<GlobalSearch />);
    await user.type(screen.getByRole('combobox', { name: 'Search' }), 'x');
    expect(screen.getByText('Search finds films, shows and requests once Plex or Overseerr is connected.')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect((screen.getByRole('combobox', { name: 'Search' }) as HTMLInputElement).value).toBe('');
  });
});
