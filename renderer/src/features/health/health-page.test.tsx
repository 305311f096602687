import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { fakeAppInfo, fakeEntry, fakeHealth, fakeStats } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

// Only Date is frozen (so "12 s ago" is exact); timers stay real for user-event and findBy.
const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const MIN = 60_000;

const entries = [
  fakeEntry('service:plex', 'Plex', { state: 'up', since: now - 3 * 60 * MIN, responseTimeMs: 120, lastCheckedAt: now - 12_000, uptime24h: 0.995, recent: [100, 120, null, 130], openUrl: 'http://plex.lan:32400/web' }),
  fakeEntry('service:plex-tv', 'plex.tv', { state: 'down', since: now - 5 * MIN, lastCheckedAt: now - 12_000, error: 'plex.tv rejected the token: sign in again', openUrl: 'https://plex.tv' }),
  fakeEntry('service:overseerr', 'Overseerr', { state: 'off', detail: 'Turned off in Settings.' }),
  fakeEntry('kuma:3', 'NAS', { group: 'Storage', state: 'down', since: now - 12 * MIN, lastCheckedAt: now - 20_000, uptime24h: 0.5, openUrl: 'http://kuma.lan/dashboard/3' }),
  fakeEntry('kuma:4', 'Backup disk', { group: 'Storage', state: 'maintenance', detail: 'Planned maintenance: disk swap.' }),
  fakeEntry('kuma:5', 'Router', { group: 'Network', state: 'pending', detail: 'Uptime Kuma is checking again before it calls this down.' }),
];
const health = [fakeHealth('plex', { status: 'healthy', breaker: 'half-open' }), fakeHealth('plex-tv', { status: 'unhealthy', breaker: 'open' })];
const stats = [fakeStats('plex', { calls: 120, failures: 3, p50Ms: 80, p95Ms: 240 }), fakeStats('plex-tv', { calls: 4, failures: 4 })];

const card = (name: string): HTMLElement => screen.getByRole('listitem', { name });

describe('HealthPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now });
    resetLocation('#/health');
  });
  afterEach(() => {
    cleanupApp();
    vi.useRealTimers();
  });

  it('says the worst in one sentence and shows every service and monitor in its group', async () => {
    renderApp({ entries, health, stats });
    await vi.waitFor(() => expect(screen.getByTestId('health-summary').textContent).toContain('2 services are down: plex.tv and NAS'));
    expect(screen.getByTestId('health-summary').dataset.tone).toBe('danger');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Checked by MediaNest', 'Storage from Uptime Kuma', 'Network from Uptime Kuma']);

    const plex = card('Plex');
    expect(within(plex).getByText('Working')).toBeTruthy();
    expect(within(plex).getByText(/Working for 3 h/)).toBeTruthy();
    expect(within(plex).getByText('120 ms')).toBeTruthy();
    expect(within(plex).getByText('12 s ago')).toBeTruthy();
    expect(within(plex).getByText('99.5 %')).toBeTruthy();
    expect(within(plex).getByRole('img', { name: 'Response times of the last 4 checks: 100 ms to 130 ms, latest 130 ms' })).toBeTruthy();
    expect(within(plex).getByRole('link', { name: 'Open Plex' }).getAttribute('href')).toBe('http://plex.lan:32400/web');
    expect(within(plex).getByText('Your Plex Media Server: the libraries')).toBeTruthy();

    // Plex's account service has a card of its own, saying what it is for.
    const plexTv = card('plex.tv');
    expect(within(plexTv).getByText('Down')).toBeTruthy();
    expect(within(plexTv).getByText('Your Plex account: sign-in and the list of your servers')).toBeTruthy();
    expect(within(plexTv).getByText('plex.tv rejected the token: sign in again')).toBeTruthy();

    const nas = card('NAS');
    expect(within(nas).getByText('Down')).toBeTruthy();
    expect(within(nas).getByText(/Down for 12 min/)).toBeTruthy();
    expect(within(card('Backup disk')).getByText('Maintenance')).toBeTruthy();
    expect(within(card('Router')).getByText('Checking again')).toBeTruthy();
  });

  it('says "turned off" for a disabled service and shows no uptime', async () => {
    renderApp({ entries, health, stats });
    const overseerr = await screen.findByRole('listitem', { name: 'Overseerr' });
    expect(within(overseerr).getByText('Turned off')).toBeTruthy();
    expect(within(overseerr).getByText('Turned off in Settings.')).toBeTruthy();
    expect(within(overseerr).queryByText('Uptime (24 h)')).toBeNull();
    expect(within(overseerr).queryByRole('button', { name: /Check/ })).toBeNull();
  });

  it('keeps breaker and call statistics behind Details', async () => {
    const user = userEvent.setup();
    renderApp({ entries, health, stats });
    const plex = await screen.findByRole('listitem', { name: 'Plex' });
    const details = within(plex).getByText('Details').closest('details')!;
    expect(details.open).toBe(false);
    await user.click(within(plex).getByText('Details'));
    expect(details.open).toBe(true);
    expect(await within(details).findByText('120 calls, 3 failures')).toBeTruthy();
    expect(within(details).getByText('Half-open (trying again)')).toBeTruthy();
    expect(within(card('NAS')).queryByText('Details')).toBeNull();
    // Each upstream's own breaker and calls: plex.tv's are not the server's.
    const plexTv = card('plex.tv');
    await user.click(within(plexTv).getByText('Details'));
    expect(within(plexTv).getByText('4 calls, 4 failures')).toBeTruthy();
    expect(within(plexTv).getByText('Open (calls paused after failures)')).toBeTruthy();
  });

  it('follows entry events and the nav dot follows the worst state', async () => {
    const { transport } = renderApp({ entries: [entries[0]!], health, stats });
    await vi.waitFor(() => expect(screen.getByTestId('health-summary').textContent).toContain('Plex is working'));
    expect(screen.getByTestId('health-dot').dataset.level).toBe('ok');

    act(() => transport.emit('health:entry-changed', fakeEntry('kuma:3', 'NAS', { state: 'down', since: Date.now() })));
    expect(screen.getByTestId('health-dot').dataset.level).toBe('down');
    expect(screen.getByRole('link', { name: 'Health', description: /^NAS is down since/ })).toBeTruthy();
    expect(within(card('NAS')).getByText('Down')).toBeTruthy();

    act(() => transport.emit('health:entries-removed', { ids: ['kuma:3'] }));
    expect(screen.queryByRole('listitem', { name: 'NAS' })).toBeNull();
    expect(screen.getByTestId('health-dot').dataset.level).toBe('ok');
  });

  it('"Check now" checks that entry; a failure is said in words', async () => {
    const user = userEvent.setup();
    const rendered = renderApp({ entries, health, stats });
    await screen.findByRole('listitem', { name: 'NAS' });
    rendered.entries = entries.map((entry) => (entry.id === 'kuma:3' ? { ...entry, state: 'up' as const } : entry));
    await user.click(within(card('NAS')).getByRole('button', { name: 'Check NAS now' }));
    expect(await within(card('NAS')).findByText('Working')).toBeTruthy();
    expect(rendered.transport.callsTo('health:check-entry')).toEqual([{ id: 'kuma:3' }]);

    rendered.transport.handle('health:check-entry', () => {
      throw new AppError('UPSTREAM_UNREACHABLE', 'Uptime Kuma could not be reached (connection refused).', { service: 'uptime-kuma' });
    });
    await user.click(within(card('NAS')).getByRole('button', { name: 'Check NAS now' }));
    expect(await screen.findByText('Uptime Kuma could not be reached (connection refused).')).toBeTruthy();
  });

  it('mutes an entry for 1, 4 or 8 hours and unmutes it', async () => {
    const user = userEvent.setup();
    const rendered = renderApp({ entries, health, stats });
    const nas = await screen.findByRole('listitem', { name: 'NAS' });
    await user.click(within(nas).getByRole('button', { name: 'Mute NAS for 4 hours' }));
    expect(rendered.transport.callsTo('health:mute')).toEqual([{ id: 'kuma:3', hours: 4 }]);
    expect(await within(card('NAS')).findByText(/Alerts muted until/)).toBeTruthy();
    await user.click(within(card('NAS')).getByRole('button', { name: 'Unmute alerts about NAS' }));
    expect(rendered.transport.callsTo('health:mute').at(-1)).toEqual({ id: 'kuma:3', hours: null });
  });

  it("shows a status page's pinned incident as a banner, its words as plain text", async () => {
    const notice = { id: 'kuma-incident:homelab:1', source: 'uptime-kuma', from: 'Homelab status page', tone: 'danger' as const, title: 'Internet is out', text: 'The provider knows.\n<img src=x onerror="alert(1)">', at: now - 30 * MIN };
    const { transport, view } = renderApp({ entries, health, stats, notices: [notice] });
    const banner = await screen.findByTestId('health-notice-kuma-incident:homelab:1');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(within(banner).getByText('Internet is out')).toBeTruthy();
    expect(within(banner).getByText(/^The provider knows\./).textContent).toBe('The provider knows.\n<img src=x onerror="alert(1)">');
    expect(within(banner).getByText(/^Posted on the Homelab status page, /)).toBeTruthy();
    expect(view.container.querySelector('img')).toBeNull();

    act(() => transport.emit('health:notices-changed', []));
    expect(screen.queryByTestId('health-notices')).toBeNull();
  });

  it('scrolls to and focuses the entry a notification pointed at', async () => {
    resetLocation('#/health?entry=kuma%3A3');
    renderApp({ entries, health, stats });
    const nas = await screen.findByRole('listitem', { name: 'NAS' });
    expect(nas.dataset.highlighted).toBe('true');
    await vi.waitFor(() => expect(document.activeElement).toBe(nas));
  });

  it('in serve mode, shows alerts as toasts and says why there are no browser notifications over plain http', async () => {
    const { transport } = renderApp({ entries, health, stats, info: fakeAppInfo({ mode: 'serve' }) });
    await screen.findByRole('listitem', { name: 'NAS' });
    // jsdom pages are not a secure context, like a LAN address over http.
    expect(screen.getByTestId('browser-alerts').textContent).toContain('Browser notifications need a secure address');
    act(() =>
      transport.emit('health:alerted', { id: 1, title: '2 services are down', body: 'Down: NAS and Plex.', at: Date.now(), changes: [{ id: 'kuma:3', name: 'NAS', kind: 'down' }, { id: 'service:plex', name: 'Plex', kind: 'down' }] }),
    );
    const toast = within(screen.getByTestId('health-alerts')).getByRole('alert');
    expect(toast.textContent).toContain('2 services are down');
    expect(toast.textContent).toContain('Down: NAS and Plex.');
  });

  it('shows no toasts in the desktop app, which has desktop notifications', async () => {
    const { transport } = renderApp({ entries, health, stats });
    await screen.findByRole('listitem', { name: 'NAS' });
    act(() => transport.emit('health:alerted', { id: 1, title: 'NAS is down', body: 'Down: NAS.', at: Date.now(), changes: [{ id: 'kuma:3', name: 'NAS', kind: 'down' }] }));
    expect(screen.queryByTestId('health-alerts')).toBeNull();
    expect(screen.queryByTestId('browser-alerts')).toBeNull();
  });
});
