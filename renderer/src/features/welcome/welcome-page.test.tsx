import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';
import { forgetWelcome, readWelcomeMemory } from './welcome-memory';

describe('WelcomePage', () => {
  beforeEach(() => {
    resetLocation();
    forgetWelcome();
  });
  afterEach(cleanupApp);

  it('opens on a fresh profile, and not once something is set up or it was skipped', async () => {
    renderApp();
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to MediaNest' })).toBeTruthy();
    expect(window.location.hash).toBe('#/welcome');
    cleanupApp();

    resetLocation();
    forgetWelcome();
    renderApp({ settings: fakePublicSettings({ downloads: { folder: '/srv/media' } }) });
    await screen.findByRole('heading', { level: 1, name: 'Library' });
    expect(screen.queryByRole('heading', { name: 'Welcome to MediaNest' })).toBeNull();
  });

  it('"Skip for now" goes to the Library and is remembered', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Welcome to MediaNest' });
    await user.click(screen.getAllByRole('button', { name: 'Skip for now' })[0]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Library' })).toBeTruthy();
    expect(readWelcomeMemory()).toBe('skipped');
  });

  it('"Connect Overseerr" tests what was typed, then saves it turned on, and says so in place', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp();
    transport.handle('services:test', ({ service }) => ({
      service,
      ok: true,
      status: 'healthy',
      responseTimeMs: 42,
      error: null,
      steps: { address: { result: 'passed', message: 'Answers as Overseerr 1.33' }, credential: { result: 'passed', message: 'Overseerr accepted the API key' } },
    }));
    const card = await screen.findByTestId('welcome-card-overseerr');
    await user.type(within(card).getByLabelText('Overseerr address'), 'nas.local:5055');
    await user.type(within(card).getByLabelText('Overseerr API key'), ' the-key ');
    await user.click(within(card).getByRole('button', { name: 'Connect Overseerr' }));

    expect(await within(card).findByText(/^Connected\. Overseerr answered in 42 ms/)).toBeTruthy();
    expect(transport.callsTo('services:test')).toEqual([{ service: 'overseerr', settings: { enabled: true, baseUrl: 'http://nas.local:5055', tuning: {} }, secret: 'the-key' }]);
    expect(transport.callsTo('settings:update')).toEqual([{ services: { overseerr: { enabled: true, baseUrl: 'http://nas.local:5055' } }, secrets: { 'overseerr.apiKey': 'the-key' } }]);
    expect(within(card).getByText('Connected')).toBeTruthy();
  });

  it('shows a failed test in place, saves nothing, and offers "Save anyway"', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp();
    transport.handle('services:test', ({ service }) => ({
      service,
      ok: false,
      status: 'unhealthy',
      responseTimeMs: null,
      error: 'Connection refused by 127.0.0.1:5055',
      steps: { address: { result: 'unhealthy', message: 'Connection refused by 127.0.0.1:5055' }, credential: { result: 'skipped', message: 'Not checked, because the address check failed' } },
    }));
    const card = await screen.findByTestId('welcome-card-uptime-kuma');
    await user.type(within(card).getByLabelText('Uptime Kuma address'), 'http://127.0.0.1:5055');
    await user.click(within(card).getByRole('button', { name: 'Connect Uptime Kuma' }));
    expect(await within(card).findByText('Could not connect Uptime Kuma: Connection refused by 127.0.0.1:5055')).toBeTruthy();
    expect(transport.callsTo('settings:update')).toEqual([]);
    await user.click(within(card).getByRole('button', { name: 'Save anyway' }));
    expect(await within(card).findByText(/^Saved\. MediaNest keeps trying Uptime Kuma/)).toBeTruthy();
  });
});
