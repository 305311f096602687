import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { showStatus, TOAST_FADE_MS } from '../app-store';
import { navRoutes, routeTitles } from '../routing/routes';
import { fakeAppInfo, fakeEntry, fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

function mainNav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Main' });
}

function navLink(name: string): HTMLElement {
  return within(mainNav()).getByRole('link', { name });
}

function expectPage(title: string): void {
  const headings = screen.getAllByRole('heading', { level: 1 });
  expect(headings).toHaveLength(1);
  expect(headings[0]).toHaveProperty('textContent', title);
  expect(navLink(title).getAttribute('aria-current')).toBe('page');
  const others = within(mainNav())
    .getAllByRole('link')
    .filter((link) => link.textContent !== title);
  for (const link of others) expect(link.hasAttribute('aria-current')).toBe(false);
}

describe('AppShell', () => {
  beforeEach(() => resetLocation());
  afterEach(cleanupApp);

  it('opens on the Library by default with the five nav links', async () => {
    renderApp();
    expect(
      within(mainNav())
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Library', 'Requests', 'Downloads', 'Health', 'Settings']);
    expectPage('Library');
    expect(await screen.findByText('Your Plex library shows up here')).toBeTruthy();
  });

  it('opens the page named by the hash', () => {
    resetLocation('#/downloads');
    renderApp();
    expectPage('Downloads');
  });

  it('navigates by clicking, updating the hash, aria-current and focus', async () => {
    const user = userEvent.setup();
    renderApp();

    await user.click(navLink('Health'));
    expectPage('Health');
    expect(window.location.hash).toBe('#/health');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Health' }));

    await user.click(navLink('Settings'));
    expectPage('Settings');
  });

  it('renders exactly one h1 named after each page', async () => {
    const user = userEvent.setup();
    renderApp();
    for (const route of navRoutes) {
      await user.click(navLink(routeTitles[route]));
      expectPage(routeTitles[route]);
    }
  });

  it('navigates by keyboard: Tab reaches the nav links and Enter follows them', async () => {
    const user = userEvent.setup();
    renderApp();

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Skip to content' }));
    await user.tab();
    expect(document.activeElement).toBe(navLink('Library'));
    await user.tab();
    expect(document.activeElement).toBe(navLink('Requests'));

    await user.keyboard('{Enter}');
    expectPage('Requests');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Requests' }));
  });

  it('"Skip to content" moves focus to the page heading without changing the route', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.tab();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Library' }));
    expect(window.location.hash).toBe('');
  });

  it('follows the browser back button (hashchange)', async () => {
    renderApp();
    await act(async () => {
      window.location.hash = '#/requests';
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    });
    expectPage('Requests');
  });

  it('shows the demo banner only for the demo profile', async () => {
    renderApp({ settings: fakePublicSettings({ profile: 'demo' }) });
    expect(await screen.findByText('Demo profile')).toBeTruthy();
    cleanupApp();

    renderApp();
    await screen.findByText('Your Plex library shows up here');
    expect(screen.queryByText('Demo profile')).toBeNull();
  });

  it('shows start-up warnings in an alert that can be dismissed', async () => {
    const user = userEvent.setup();
    renderApp({ info: fakeAppInfo({ warnings: ['The settings file was damaged and has been reset.'] }) });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The settings file was damaged and has been reset.')).toBeTruthy();

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a warning found after start-up, even when the earlier ones were dismissed', async () => {
    const user = userEvent.setup();
    const rendered = renderApp({ info: fakeAppInfo({ warnings: ['First.'] }) });
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    act(() => rendered.transport.emit('app:warnings-changed', { warnings: ['First.', 'A check of the cache (cache.db) found it damaged.'] }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('A check of the cache (cache.db) found it damaged.')).toBeTruthy();
  });

  it('shows a banner while the connection is down and reloads once it is back', async () => {
    const rendered = renderApp();
    await screen.findByText('Your Plex library shows up here');
    expect(screen.queryByText('Reconnecting to MediaNest…')).toBeNull();

    act(() => rendered.connection.set('offline'));
    expect(screen.getByText('Reconnecting to MediaNest…')).toBeTruthy();
    act(() => rendered.connection.set('connecting'));
    expect(screen.getByText('Reconnecting to MediaNest…')).toBeTruthy();

    rendered.settings = fakePublicSettings({ services: { plex: { baseUrl: 'http://plex:32400', enabled: true } }, secrets: { 'plex.token': true } });
    act(() => rendered.connection.set('connected'));
    expect(screen.queryByText('Reconnecting to MediaNest…')).toBeNull();
    expect(await screen.findByText('Your library is empty so far')).toBeTruthy();
  });

  it('says "Connecting" rather than "Reconnecting" before the first connection', () => {
    renderApp({ connection: 'connecting' });
    expect(screen.getByText('Connecting to MediaNest…')).toBeTruthy();
  });

  it('marks the data as of the time the link dropped and disables what needs the core', async () => {
    const rendered = renderApp();
    const user = userEvent.setup();
    await user.click(navLink('Health'));
    const checkNow = await screen.findByRole('button', { name: 'Check everything' });
    expect(checkNow).toHaveProperty('disabled', false);

    act(() => rendered.connection.set('offline'));
    const banner = screen.getByTestId('connection-banner');
    expect(banner.textContent).toMatch(/stopped answering at \d{1,2}:\d{2}/);
    expect(banner.textContent).toContain('What you see is as of then');
    expect(checkNow).toHaveProperty('disabled', true);

    act(() => rendered.connection.set('connected'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    expect(checkNow).toHaveProperty('disabled', false);
  });

  it('shows the worst health on the Health entry, in words for screen readers too', async () => {
    const rendered = renderApp({
      entries: [fakeEntry('service:plex', 'Plex'), fakeEntry('service:overseerr', 'Overseerr', { state: 'down' }), fakeEntry('service:uptime-kuma', 'Uptime Kuma', { state: 'off' }), fakeEntry('kuma:7', 'NAS', { state: 'pending' })],
    });
    const dot = await screen.findByTestId('health-dot');
    expect(dot.getAttribute('data-status')).toBe('unhealthy');
    expect(navLink('Health').getAttribute('aria-describedby')).toBe(screen.getByTestId('health-dot-text').id);
    expect(screen.getByTestId('health-dot-text').textContent).toBe('Overseerr is down');

    act(() => rendered.transport.emit('health:entry-changed', fakeEntry('service:overseerr', 'Overseerr')));
    expect(screen.getByTestId('health-dot').getAttribute('data-status')).toBe('degraded');
    expect(screen.getByTestId('health-dot-text').textContent).toBe('NAS is having trouble');
    act(() => rendered.transport.emit('health:entry-changed', fakeEntry('kuma:7', 'NAS', { state: 'maintenance' })));
    expect(screen.getByTestId('health-dot').getAttribute('data-status')).toBe('healthy');
  });

  it('keeps error toasts until dismissed and lets the others fade', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      renderApp();
      act(() => {
        showStatus('Settings saved', 'ok');
        showStatus('Connection refused by nas.local:5055.', 'error');
      });
      expect(screen.getAllByTestId('toast').map((toast) => toast.textContent)).toEqual(['Settings saved', 'Connection refused by nas.local:5055.']);
      act(() => vi.advanceTimersByTime(TOAST_FADE_MS + 1));
      expect(screen.getAllByTestId('toast').map((toast) => toast.textContent)).toEqual(['Connection refused by nas.local:5055.']);
      act(() => screen.getByRole('button', { name: 'Dismiss' }).click());
      expect(screen.queryByTestId('toast')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('has one polite status region', () => {
    renderApp();
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
  });
});
