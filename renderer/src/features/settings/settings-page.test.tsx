import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

const saved = fakePublicSettings({
  services: { plex: { enabled: true, baseUrl: 'http://192.168.1.10:32400', tuning: { timeoutMs: 5000 } }, overseerr: { baseUrl: 'http://192.168.1.10:5055' } },
  general: { closeToTray: true, startMinimized: false },
  notifications: { enabled: false },
  downloads: { folder: '/srv/media/Videos' },
  secrets: { 'plex.token': true, 'plex.accountToken': false, 'overseerr.apiKey': false, 'uptime-kuma.apiKey': false },
});

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label);
}

function group(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

async function renderSettings(settings = saved) {
  const rendered = renderApp({ settings });
  await screen.findByLabelText('Plex address');
  return rendered;
}

function statusText(): string {
  return screen.getByRole('status').textContent ?? '';
}

describe('SettingsPage', () => {
  beforeEach(() => resetLocation('#/settings'));
  afterEach(cleanupApp);

  it('shows the saved values', async () => {
    await renderSettings();
    expect(input('Plex address').value).toBe('http://192.168.1.10:32400');
    expect(input('Overseerr address').value).toBe('http://192.168.1.10:5055');
    expect(input('Uptime Kuma address').value).toBe('');
    expect(input('Enable Plex').checked).toBe(true);
    expect(input('Enable Overseerr').checked).toBe(false);
    expect(input('Enable Uptime Kuma').checked).toBe(false);
    expect(input('Alerts on').checked).toBe(false);
    expect(input('Start with the computer, in the tray').checked).toBe(true);
    expect(input('Close to tray').checked).toBe(true);
    expect(input('Start minimized').checked).toBe(false);
    expect(input('Download folder').value).toBe('/srv/media/Videos');
  });

  it('puts http:// in front of an address typed as host:port when the field is left', async () => {
    await renderSettings();
    const user = userEvent.setup();
    await user.type(input('Uptime Kuma address'), 'nas.local:3001');
    expect(input('Uptime Kuma address').value).toBe('nas.local:3001');
    await user.tab();
    expect(input('Uptime Kuma address').value).toBe('http://nas.local:3001');
  });

  it('never pre-fills secrets and says whether each one is saved', async () => {
    await renderSettings();
    for (const label of ['Plex token', 'Overseerr API key', 'Uptime Kuma API key']) {
      expect(input(label).type).toBe('password');
      expect(input(label).value).toBe('');
    }
    expect(within(group('Plex')).getByText('Saved')).toBeTruthy();
    expect(within(group('Overseerr')).getByText('Not set')).toBeTruthy();
    expect(within(group('Uptime Kuma')).getByText('Not set')).toBeTruthy();
  });

  it('saves only the changed fields and announces "Settings saved"', async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();

    await user.clear(input('Overseerr address'));
    await user.type(input('Overseerr address'), 'http://nas:5055');
    await user.click(input('Enable Overseerr'));
    await user.click(input('Start minimized'));
    // Changed and changed back: not sent.
    await user.click(input('Close to tray'));
    await user.click(input('Close to tray'));
    await user.type(input('Overseerr API key'), 'over-key');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(statusText()).toBe('Settings saved');
    expect(transport.callsTo('settings:update')).toEqual([
      {
        services: { overseerr: { enabled: true, baseUrl: 'http://nas:5055' } },
        general: { startMinimized: true },
        secrets: { 'overseerr.apiKey': 'over-key' },
      },
    ]);
    // The secret left the form and is now reported as saved.
    expect(input('Overseerr API key').value).toBe('');
    expect(within(group('Overseerr')).getByText('Saved')).toBeTruthy();
    expect(input('Overseerr address').value).toBe('http://nas:5055');
  });

  it('does not call the core when nothing changed', async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(statusText()).toBe('No changes to save');
    expect(transport.callsTo('settings:update')).toEqual([]);
  });

  it("words an INVALID_PAYLOAD by the field's label, marks the field and keeps what the user typed", async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();
    const reason = 'Enter an http:// or https:// address without credentials, query or fragment';
    transport.handle('settings:update', () => {
      throw new AppError('INVALID_PAYLOAD', reason, { fields: [{ path: 'services.plex.baseUrl', message: reason }] });
    });

    await user.clear(input('Plex address'));
    await user.type(input('Plex address'), 'ftp://plex');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText(`Plex address: ${reason}`)).toBeTruthy();
    expect(statusText()).toBe(`Plex address: ${reason}`);
    expect(statusText()).not.toMatch(/settings:update|services\.plex/);
    expect(input('Plex address').value).toBe('ftp://plex');
    expect(input('Plex address').getAttribute('aria-invalid')).toBe('true');
    expect(within(group('Plex')).getByText(reason)).toBeTruthy();
    // The field in error gets focus, so it is where the user looks next.
    await expect.poll(() => document.activeElement).toBe(input('Plex address'));
  });

  it('stages "Clear" like any other change: nothing is sent until Save, and Undo takes it back', async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();

    await user.click(within(group('Plex')).getByRole('button', { name: 'Clear' }));
    expect(within(group('Plex')).getByText('Cleared when you save')).toBeTruthy();
    expect(screen.getByText('You have unsaved changes.')).toBeTruthy();
    expect(transport.callsTo('settings:update')).toEqual([]);

    await user.click(within(group('Plex')).getByRole('button', { name: 'Undo' }));
    expect(within(group('Plex')).getByText('Saved')).toBeTruthy();
    expect(screen.queryByText('You have unsaved changes.')).toBeNull();

    await user.click(within(group('Plex')).getByRole('button', { name: 'Clear' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await within(group('Plex')).findByText('Not set')).toBeTruthy();
    expect(transport.callsTo('settings:update')).toEqual([{ secrets: { 'plex.token': null } }]);
    expect(statusText()).toBe('Settings saved');
    expect(within(group('Overseerr')).getByRole('button', { name: 'Clear' })).toHaveProperty('disabled', true);
  });

  it('"Test" tries the values in the form, unsaved, and shows the result', async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();
    transport.handle('services:test', ({ service }) => ({
      service,
      ok: false,
      status: 'unhealthy',
      responseTimeMs: null,
      error: 'Plex rejected the token: sign in again',
      steps: {
        address: { result: 'passed', message: 'Answers as Plex Media Server 1.41.3' },
        credential: { result: 'unhealthy', message: 'Plex rejected the token: sign in again' },
      },
    }));

    await user.clear(input('Plex address'));
    await user.type(input('Plex address'), 'http://plex.local:32400');
    await user.type(input('Plex token'), 'new-token');
    await user.click(within(group('Plex')).getByRole('button', { name: 'Test' }));

    const result = within(group('Plex')).getByTestId('plex-test-result');
    expect(await within(result).findByText('Plex test failed: Unhealthy.')).toBeTruthy();
    // Both checks, in words (the icon before each is decoration).
    expect(within(result).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Address check passed: Answers as Plex Media Server 1.41.3',
      'Plex token check failed: Plex rejected the token: sign in again',
    ]);
    expect(transport.callsTo('services:test')).toEqual([
      {
        service: 'plex',
        settings: { enabled: true, baseUrl: 'http://plex.local:32400', accountUrl: 'https://plex.tv', tuning: { timeoutMs: 5000 } },
        secret: 'new-token',
      },
    ]);
    expect(transport.callsTo('settings:update')).toEqual([]);
  });

  it('tests without a secret when none was typed (the core uses the stored one)', async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();
    await user.click(within(group('Overseerr')).getByRole('button', { name: 'Test' }));

    expect(await within(group('Overseerr')).findByText('Overseerr answered in 42 ms: Healthy.')).toBeTruthy();
    expect(transport.callsTo('services:test')).toEqual([{ service: 'overseerr', settings: { enabled: false, baseUrl: 'http://192.168.1.10:5055', tuning: {} } }]);
  });

  it("shows Uptime Kuma's status page slug, saves it, and tests with it", async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();
    await user.type(input('Status pages'), 'homelab');
    await user.click(within(group('Uptime Kuma')).getByRole('button', { name: 'Test' }));
    expect(await within(group('Uptime Kuma')).findByText('Uptime Kuma answered in 42 ms: Healthy.')).toBeTruthy();
    expect(transport.callsTo('services:test')).toEqual([
      { service: 'uptime-kuma', settings: { enabled: false, baseUrl: '', statusPageSlug: 'homelab', tuning: {} } },
    ]);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(transport.callsTo('settings:update')).toEqual([{ services: { 'uptime-kuma': { statusPageSlug: 'homelab' } } }]);
  });

  it('follows settings:changed for untouched fields without clobbering unsaved edits', async () => {
    const user = userEvent.setup();
    const { transport } = await renderSettings();
    await user.clear(input('Plex address'));
    await user.type(input('Plex address'), 'http://typing-here');

    act(() =>
      transport.emit(
        'settings:changed',
        fakePublicSettings({
          ...saved,
          services: { ...saved.services, plex: { ...saved.services.plex, baseUrl: 'http://other-window:32400' }, overseerr: { ...saved.services.overseerr, enabled: true } },
          downloads: { folder: '/mnt/new', maxConcurrent: 2 },
          secrets: { ...saved.secrets, 'uptime-kuma.apiKey': true },
        }),
      ),
    );

    expect(input('Plex address').value).toBe('http://typing-here');
    expect(input('Enable Overseerr').checked).toBe(true);
    expect(input('Download folder').value).toBe('/mnt/new');
    expect(within(group('Uptime Kuma')).getByText('Saved')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(transport.callsTo('settings:update')).toEqual([{ services: { plex: { baseUrl: 'http://typing-here' } } }]);
  });
});
