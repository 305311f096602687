import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { fakeHealth, fakeStats } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

// Only Date is frozen (so "12 s ago" is exact); timers stay real for user-event and findBy.
const now = Date.UTC(2025, 5, 1, 12, 0, 0);

const health = [
  fakeHealth('plex', { status: 'healthy', responseTimeMs: 120, lastCheckedAt: now - 12_000, uptime24h: 0.995 }),
  fakeHealth('plex-tv', { status: 'unhealthy', responseTimeMs: 80, lastCheckedAt: now - 12_000, error: 'Credentials rejected (HTTP 401)' }),
  fakeHealth('overseerr', { status: 'degraded', breaker: 'half-open', responseTimeMs: 2300, lastCheckedAt: now - 180_000, uptime24h: 0.9, error: 'Slow answer' }),
  fakeHealth('uptime-kuma', { enabled: false, configured: false }),
];

const stats = [
  fakeStats('plex', { calls: 120, failures: 3, p50Ms: 80, p95Ms: 240 }),
  fakeStats('overseerr', { calls: 10, failures: 1, p50Ms: 900, p95Ms: 2100, lastError: { code: 'UPSTREAM_TIMEOUT', message: 'Overseerr timed out', service: 'overseerr' } }),
  fakeStats('uptime-kuma'),
];

function card(name: string): HTMLElement {
  return screen.getByRole('listitem', { name });
}

describe('HealthPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now });
    resetLocation('#/health');
  });
  afterEach(() => {
    cleanupApp();
    vi.useRealTimers();
  });

  it('lists every service with health and statistics merged', async () => {
    renderApp({ health, stats });
    const plex = await screen.findByRole('listitem', { name: 'Plex' });
    await within(plex).findByText('120 calls, 3 failures');

    expect(within(plex).getByText('Healthy')).toBeTruthy();
    expect(within(plex).getByText('Closed (calls go through)')).toBeTruthy();
    expect(within(plex).getByText('120 ms')).toBeTruthy();
    expect(within(plex).getByText('12 s ago')).toBeTruthy();
    expect(within(plex).getByText('99.5 %')).toBeTruthy();
    expect(within(plex).getByText('p50 80 ms · p95 240 ms')).toBeTruthy();
    expect(within(plex).getByText('None')).toBeTruthy();

    // Plex's account service has a card of its own, saying what it is for.
    const plexTv = card('plex.tv');
    expect(within(plexTv).getByText('Unhealthy')).toBeTruthy();
    expect(within(plexTv).getByText('Your Plex account: sign-in and the list of your servers')).toBeTruthy();
    expect(within(plexTv).getByText('Credentials rejected (HTTP 401)')).toBeTruthy();
    expect(within(plex).getByText('Your Plex Media Server: the libraries')).toBeTruthy();

    const overseerr = card('Overseerr');
    expect(within(overseerr).getByText('Degraded')).toBeTruthy();
    expect(within(overseerr).getByText('Half-open (trying again)')).toBeTruthy();
    expect(within(overseerr).getByText('3 min ago')).toBeTruthy();
    expect(within(overseerr).getByText('Slow answer')).toBeTruthy();

    const kuma = card('Uptime Kuma');
    expect(within(kuma).getByText('Unknown')).toBeTruthy();
    expect(within(kuma).getByText('Uptime Kuma is not configured yet — add its address in Settings.')).toBeTruthy();
    expect(within(kuma).getByRole('link', { name: 'Open Settings' }).getAttribute('href')).toBe('#/settings/uptime-kuma');
    expect(within(kuma).getByText('Never')).toBeTruthy();
  });

  it('says when a configured service is turned off', async () => {
    renderApp({ health: [fakeHealth('plex', { enabled: false, configured: true })] });
    expect(await screen.findByText('Plex is turned off, so it is not checked — turn it on in Settings.')).toBeTruthy();
  });

  it('updates live on health:changed', async () => {
    const { transport } = renderApp({ health, stats });
    const plex = await screen.findByRole('listitem', { name: 'Plex' });
    await within(plex).findByText('Healthy');

    act(() =>
      transport.emit('health:changed', fakeHealth('plex', { status: 'unhealthy', breaker: 'open', error: 'Connection refused', lastCheckedAt: Date.now() })),
    );

    expect(within(plex).getByText('Unhealthy')).toBeTruthy();
    expect(within(plex).getByText('Open (calls paused after failures)')).toBeTruthy();
    expect(within(plex).getByText('Connection refused')).toBeTruthy();
    expect(within(card('Overseerr')).getByText('Degraded')).toBeTruthy();
  });

  it('"Check now" probes every service and shows the new results', async () => {
    const user = userEvent.setup();
    const rendered = renderApp({ health, stats });
    await within(await screen.findByRole('listitem', { name: 'Overseerr' })).findByText('Degraded');

    rendered.health = [fakeHealth('overseerr', { status: 'healthy', responseTimeMs: 90, lastCheckedAt: Date.now() })];
    rendered.stats = [fakeStats('overseerr', { calls: 11, failures: 1 })];
    await user.click(screen.getByRole('button', { name: 'Check now' }));

    const overseerr = card('Overseerr');
    expect(await within(overseerr).findByText('Healthy')).toBeTruthy();
    expect(within(overseerr).getByText('90 ms')).toBeTruthy();
    expect(await within(overseerr).findByText('11 calls, 1 failure')).toBeTruthy();
    expect(rendered.transport.callsTo('health:check-now')).toEqual([undefined]);
    expect(within(card('Plex')).getByText('Healthy')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Checked all services');
  });

  it('shows the error when "Check now" fails', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp({ health, stats });
    await screen.findByRole('listitem', { name: 'Plex' });
    transport.handle('health:check-now', () => {
      throw new AppError('INTERNAL', 'Lost connection to MediaNest; retrying…');
    });

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('Lost connection to MediaNest; retrying…')).toBeTruthy();
  });
});
