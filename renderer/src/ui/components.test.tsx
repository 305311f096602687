import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmButton, CONFIRM_WINDOW_MS } from './confirm-button';
import { DetailsView } from './details-view';
import { LoadError } from './load-error';
import { PosterCard } from './poster-card';
import { PosterGrid } from './poster-grid';
import { ProgressBar, progressText } from './progress-bar';
import { Row } from './row';
import { sparklinePath, sparklineSummary } from './sparkline';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

interface Film {
  readonly id: string;
  readonly title: string;
  readonly year: number;
}

const films: Film[] = Array.from({ length: 9 }, (_, index) => ({ id: `f${index}`, title: `Film ${index}`, year: 2000 + index }));

describe('PosterCard', () => {
  it('opens on the whole card, offers its main action, and falls back when the art fails', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const onRequest = vi.fn();
    const { container } = render(
      <PosterCard title="Big Buck Bunny" year={2008} imageUrl="/poster.jpg" placeholderColor="#334455" onOpen={onOpen} action={{ label: 'Request', onClick: onRequest }} />,
    );
    await user.click(screen.getByRole('button', { name: 'Big Buck Bunny (2008)' }));
    await user.click(screen.getByRole('button', { name: 'Request: Big Buck Bunny' }));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onRequest).toHaveBeenCalledTimes(1);

    const image = container.querySelector('img')!;
    expect(image.getAttribute('loading')).toBe('lazy');
    fireEvent.error(image);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.poster-card__fallback')).not.toBeNull();
  });
});

describe('PosterGrid', () => {
  function Grid({ onOpen }: { readonly onOpen: (film: Film) => void }) {
    return (
      <PosterGrid
        items={films}
        getKey={(film) => film.id}
        label="Films"
        renderItem={(film, focus) => <PosterCard title={film.title} year={film.year} onOpen={() => onOpen(film)} tabIndex={focus.tabIndex} onFocus={focus.onFocus} />}
      />
    );
  }

  it('is one Tab stop, and the arrow keys move focus by card and by row', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<Grid onOpen={onOpen} />);
    const list = screen.getByRole('list', { name: 'Films' });
    // Unmeasured (jsdom has no layout): the grid falls back to two columns.
    expect(within(list).getAllByRole('listitem').length).toBe(films.length);
    const tabbable = list.querySelectorAll('[tabindex="0"]');
    expect(tabbable).toHaveLength(1);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Film 0 (2000)' }));
    await user.keyboard('{ArrowRight}');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Film 1 (2001)' })));
    await user.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Film 3 (2003)' })));
    await user.keyboard('{End}');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Film 8 (2008)' })));
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(films[8]);
    expect(list.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
  });
});

describe('PosterGrid loading page by page', () => {
  it('asks for the rows in view, shows skeletons until their items arrive, and moves through what is there', async () => {
    const user = userEvent.setup();
    const ranges: [number, number][] = [];
    const loaded = new Map<number, Film>();
    const film = (index: number): Film => ({ id: `p${index}`, title: `Paged ${index}`, year: 1990 + (index % 30) });
    function Paged() {
      return (
        <PosterGrid
          count={10_000}
          itemAt={(index) => loaded.get(index)}
          onRangeChange={(start, end) => ranges.push([start, end])}
          getKey={(item) => item.id}
          label="Paged films"
          renderItem={(item, focus) => <PosterCard title={item.title} year={item.year} onOpen={() => {}} tabIndex={focus.tabIndex} onFocus={focus.onFocus} />}
        />
      );
    }
    const { container, rerender } = render(<Paged />);
    // jsdom has no layout: two columns, and only the rows that fit the window (plus a few) are drawn.
    const [start, end] = ranges.at(-1)!;
    expect(start).toBe(0);
    expect(end).toBeGreaterThan(2);
    expect(end).toBeLessThan(40);
    expect(container.querySelectorAll('[role="listitem"]')).toHaveLength(end);
    expect(container.querySelectorAll('.poster-card--skeleton')).toHaveLength(end);

    for (let index = start; index < end; index += 1) loaded.set(index, film(index));
    rerender(<Paged />);
    expect(container.querySelectorAll('.poster-card--skeleton')).toHaveLength(0);
    expect(screen.getAllByRole('button', { name: /^Paged \d+/ })).toHaveLength(end);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Paged 0 (1990)' }));
    await user.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Paged 2 (1992)' })));
  });
});

describe('Row', () => {
  it('shows a titled shelf with See all, or its empty state', async () => {
    const user = userEvent.setup();
    const onSeeAll = vi.fn();
    const { rerender } = render(
      <Row title="Recently added" items={films.slice(0, 3)} getKey={(film) => film.id} onSeeAll={onSeeAll} renderItem={(film, focus) => <PosterCard title={film.title} onOpen={() => {}} tabIndex={focus.tabIndex} onFocus={focus.onFocus} />} />,
    );
    expect(screen.getByRole('heading', { name: 'Recently added' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'See all' }));
    expect(onSeeAll).toHaveBeenCalled();
    await user.tab();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Film 1' }));

    rerender(<Row title="Your requests" items={[]} getKey={() => ''} renderItem={() => null} empty={<p>Nothing requested yet.</p>} />);
    expect(screen.getByText('Nothing requested yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'See all' })).toBeNull();
  });
});

describe('DetailsView', () => {
  it('is a dialog that takes focus, closes on Escape and gives focus back', async () => {
    const user = userEvent.setup();
    function Harness() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            Open
          </button>
          {open ? <DetailsView title="Sintel" year={2010} runtime={15} genres={['Animation', 'Fantasy']} summary="A girl and a dragon." onClose={() => setOpen(false)} actions={<button type="button">Open in Plex</button>} /> : null}
        </>
      );
    }
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('dialog', { name: 'Sintel' });
    expect(within(dialog).getByText('2010 · 15 min')).toBeTruthy();
    expect(within(within(dialog).getByRole('list', { name: 'Genres' })).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Animation', 'Fantasy']);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close details' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Open in Plex' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open' }));
  });
});

describe('ConfirmButton', () => {
  it('acts only on the second press, and steps back after a while', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const onConfirm = vi.fn();
    render(
      <ConfirmButton confirmLabel="Yes, remove it" onConfirm={onConfirm}>
        Remove
      </ConfirmButton>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, remove it' }));
    act(() => vi.advanceTimersByTime(CONFIRM_WINDOW_MS + 1));
    expect(screen.queryByRole('button', { name: 'Yes, remove it' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});

describe('ProgressBar', () => {
  it('says percent, speed, time left and items in one line', () => {
    expect(progressText({ value: 0.426, bytesPerSecond: 3_200_000, etaSeconds: 125, items: { done: 3, total: 12 } })).toBe('42 % · 3.2 MB/s · 2 min 5 s left · 3 of 12 done');
    expect(progressText({ value: 1.5 })).toBe('100 %');
    expect(progressText({ value: null, bytesPerSecond: 1_000 })).toBe('Working… · 1.0 KB/s');
  });

  it('is determinate with a value and indeterminate without one', () => {
    const { rerender } = render(<ProgressBar label="Downloading Sintel" value={0.5} />);
    const bar = screen.getByRole('progressbar', { name: 'Downloading Sintel' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    rerender(<ProgressBar label="Downloading Sintel" value={null} />);
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.hasAttribute('data-indeterminate')).toBe(true);
  });
});

describe('Sparkline', () => {
  it('draws the values scaled to the box, breaking the line at gaps', () => {
    expect(sparklinePath([10, 20, null, 20, 10], 100, 20)).toBe('M2 18L26 2M74 2L98 18');
    expect(sparklinePath([5, 5], 100, 20)).toBe('M2 10L98 10');
    expect(sparklinePath([null, null], 100, 20)).toBe('');
  });

  it('sums itself up for screen readers', () => {
    expect(sparklineSummary([120, null, 80, 95], 'Response times', (ms) => `${ms} ms`)).toBe('Response times: 80 ms to 120 ms, latest 95 ms');
    expect(sparklineSummary([], 'Response times', String)).toBe('Response times: no data yet');
  });
});

describe('LoadError', () => {
  it('offers Try again, and not while the core is away', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const { rerender } = render(<LoadError title="The settings could not be loaded." message="Timed out" onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('Timed out');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    rerender(<LoadError title="The settings could not be loaded." onRetry={onRetry} canRetry={false} />);
    expect(screen.getByRole('button', { name: 'Try again' })).toHaveProperty('disabled', true);
  });
});
