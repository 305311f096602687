import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupPreview } from '../../../../shared/contract/areas/backup';
import { AppError } from '../../../../shared/contract/errors';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

const preview = (patch: Partial<BackupPreview> = {}): BackupPreview => ({
  createdAt: '2026-11-30T10:00:00.000Z',
  appVersion: '0.1.0',
  changes: [{ label: 'Plex address', current: '(empty)', backup: 'http://nas:32400' }],
  secrets: [{ label: 'Plex token', outcome: 'in the backup, sealed with its passphrase' }],
  needsPassphrase: true,
  data: [{ table: 'app_meta', current: 0, backup: 1 }],
  notes: ['This backup holds tokens and API keys: type the passphrase it was saved with to restore it.'],
  ...patch,
});

/** Downloads made through `saveTextFile`: name and text. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let next = 0;
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.set(`blob:${++next}`, blob), `blob:${next}`), revokeObjectURL: () => undefined }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href')!)! });
  });
  return saved;
}

async function renderAbout() {
  const rendered = renderApp({ settings: fakePublicSettings() });
  await screen.findByTestId('backup-export');
  return rendered;
}

describe('Settings → About: backup and diagnostics', () => {
  beforeEach(() => resetLocation('#/settings/about'));
  afterEach(() => {
    cleanupApp();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('saves a backup without secrets, and with them only behind a passphrase of 8 or more', async () => {
    const downloads = captureDownloads();
    const { transport } = await renderAbout();
    transport.handle('backup:export', (request) => ({ fileName: 'medianest-backup-2026-12-01.json', content: '{"format":"medianest-backup"}', holdsSecrets: request.includeSecrets }));
    const user = userEvent.setup();
    const part = within(screen.getByTestId('backup-export'));

    await user.click(part.getByRole('button', { name: 'Save a backup' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(transport.callsTo('backup:export')).toEqual([{ includeSecrets: false }]);
    expect(downloads[0]!.name).toBe('medianest-backup-2026-12-01.json');
    expect(await downloads[0]!.blob.text()).toBe('{"format":"medianest-backup"}');
    expect(await screen.findByText(/It holds no tokens or API keys/)).toBeTruthy();

    await user.click(part.getByLabelText('Include tokens and API keys'));
    await user.type(part.getByLabelText('Passphrase for the backup'), 'short{Enter}');
    await user.click(part.getByRole('button', { name: 'Save a backup' }));
    expect(part.getByText('Use a passphrase of at least 8 characters.')).toBeTruthy();
    expect(transport.callsTo('backup:export')).toHaveLength(1);
    // Enter in the passphrase did not save the settings form either.
    expect(transport.callsTo('settings:update')).toEqual([]);

    await user.type(part.getByLabelText('Passphrase for the backup'), ' enough');
    await user.click(part.getByRole('button', { name: 'Save a backup' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(transport.callsTo('backup:export')[1]).toEqual({ includeSecrets: true, passphrase: 'short enough' });
    expect(await screen.findByText(/holds your tokens and API keys, encrypted with your passphrase/)).toBeTruthy();
  });

  it('restores only after showing what the backup replaces and getting its passphrase', async () => {
    const { transport } = await renderAbout();
    transport
      .handle('backup:inspect', (request) => (request.passphrase === 'correct horse' ? preview({ needsPassphrase: false, notes: [], secrets: [{ label: 'Plex token', outcome: 'set from the backup' }] }) : preview()))
      .handle('backup:restore', () => fakePublicSettings({ services: { plex: { baseUrl: 'http://nas:32400' } } }));
    const user = userEvent.setup();
    const part = within(screen.getByTestId('backup-restore'));

    await user.upload(part.getByLabelText('Backup file'), new File(['{"format":"medianest-backup"}'], 'medianest-backup.json', { type: 'application/json' }));
    const shown = within(await screen.findByTestId('backup-preview'));
    expect(shown.getByText('Plex address: (empty) → http://nas:32400')).toBeTruthy();
    expect(shown.getByText(/type the passphrase it was saved with/)).toBeTruthy();
    expect(transport.callsTo('backup:inspect')).toEqual([{ content: '{"format":"medianest-backup"}' }]);
    expect(part.getByRole('button', { name: 'Replace with this backup' })).toHaveProperty('disabled', true);

    await user.type(part.getByLabelText('Passphrase of the backup'), 'correct horse');
    await user.click(part.getByRole('button', { name: 'Open' }));
    expect(await part.findByText('Plex token: set from the backup')).toBeTruthy();
    expect(transport.callsTo('backup:restore')).toEqual([]);

    await user.click(part.getByRole('button', { name: 'Replace with this backup' }));
    expect(await screen.findByText('Restored from medianest-backup.json.')).toBeTruthy();
    expect(transport.callsTo('backup:restore')).toEqual([{ content: '{"format":"medianest-backup"}', passphrase: 'correct horse' }]);
    expect(screen.queryByTestId('backup-preview')).toBeNull();
  });

  it('says in words why a file is refused', async () => {
    const { transport } = await renderAbout();
    transport.handle('backup:inspect', () => {
      throw new AppError('INVALID_PAYLOAD', 'This file is not a MediaNest backup. Choose a file MediaNest saved with "Save a backup".');
    });
    const user = userEvent.setup();
    await user.upload(within(screen.getByTestId('backup-restore')).getByLabelText('Backup file'), new File(['hello'], 'notes.json', { type: 'application/json' }));
    expect(await screen.findByText(/This file is not a MediaNest backup/)).toBeTruthy();
    expect(screen.queryByTestId('backup-preview')).toBeNull();
  });

  it('copies diagnostics, and saves them as a file when the clipboard is not allowed', async () => {
    const downloads = captureDownloads();
    const writeText = vi.fn(async () => undefined);
    const { transport } = await renderAbout();
    transport.handle('diagnostics:collect', () => ({ fileName: 'medianest-diagnostics-2026-12-01.txt', text: 'MediaNest diagnostics' }));
    const user = userEvent.setup();
    // After setup, which installs a clipboard of its own.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const part = within(screen.getByTestId('diagnostics'));
    await user.click(part.getByRole('button', { name: 'Copy diagnostics' }));
    expect(await screen.findByText('Diagnostics copied: paste them into your bug report.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('MediaNest diagnostics');

    writeText.mockRejectedValueOnce(new Error('not allowed'));
    await user.click(part.getByRole('button', { name: 'Copy diagnostics' }));
    expect(await screen.findByText(/does not allow copying here, so the diagnostics were saved as medianest-diagnostics-2026-12-01\.txt/)).toBeTruthy();
    expect(downloads.map((download) => download.name)).toEqual(['medianest-diagnostics-2026-12-01.txt']);
    Reflect.deleteProperty(navigator, 'clipboard');
  });
});
