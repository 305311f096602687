import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../shared/contract/errors';
import { createFakeCore, type FakeCore } from '../../testing/fake-core';
import { fakeDestination } from '../../testing/fake-downloads';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label);
}

function statusText(): string {
  return screen.getByRole('status').textContent ?? '';
}

describe('Settings → Downloads', () => {
  let core: FakeCore;
  beforeEach(() => {
    resetLocation('#/settings/downloads');
    core = createFakeCore({ settings: fakePublicSettings({ downloads: { folder: '', sectionKey: '', pathMappings: [{ plexPath: '/data', localPath: '/mnt/nas' }] } }) });
    core.transport.handle('downloads:destinations', () => [
      fakeDestination({ sectionKey: '7', title: 'Other Videos', plexLocations: ['/data/videos'], localLocations: ['/mnt/nas/videos'], naming: 'Channel/Title' }),
      fakeDestination({ sectionKey: '2', title: 'TV Shows', type: 'show', plexLocations: ['/data/tv'], localLocations: [null], usable: false, note: 'MediaNest cannot reach /data/tv: add a path mapping.' }),
    ]);
  });
  afterEach(cleanupApp);

  it("lists Plex's libraries with both locations and the naming, and saves the choice with the other download settings", async () => {
    const user = userEvent.setup();
    const { transport } = renderApp(core);
    const other = await screen.findByRole('radio', { name: /Other Videos/ });
    const tv = screen.getByRole('radio', { name: /TV Shows/ });
    expect((tv as HTMLInputElement).disabled).toBe(true);
    const option = other.closest('label')!;
    expect(within(option).getByText('/data/videos')).toBeTruthy();
    expect(within(option).getByText('/mnt/nas/videos')).toBeTruthy();
    expect(within(option).getByText('Channel/Title')).toBeTruthy();
    expect(within(tv.closest('label')!).getByText(/not reachable from here/)).toBeTruthy();
    expect(within(tv.closest('label')!).getByText('MediaNest cannot reach /data/tv: add a path mapping.')).toBeTruthy();

    await user.click(other);
    // Choosing the library fills the folder in with its folder as this computer sees it.
    expect(input('Download folder').value).toBe('/mnt/nas/videos');
    await user.clear(input('Downloads at once'));
    await user.type(input('Downloads at once'), '4');
    await user.selectOptions(input('Quality of new downloads'), '720p');
    await user.type(input('Speed limit'), '500K');
    await user.type(input('Folder for unfinished downloads'), '/mnt/nas/.partial');
    await user.click(screen.getByRole('button', { name: 'Add a path mapping' }));
    const second = screen.getByRole('group', { name: 'Path mapping 2' });
    await user.type(within(second).getByLabelText('Path in Plex'), '/media');
    await user.type(within(second).getByLabelText('Path on this computer'), '/srv/media');
    await user.click(screen.getByRole('button', { name: 'Remove path mapping 1' }));
    await user.type(input('yt-dlp program'), '/opt/yt-dlp');
    await user.click(input('Keep MediaNest’s yt-dlp current'));
    await user.click(input('Names Windows can store'));
    await user.clear(input('Automatic retries'));
    await user.type(input('Automatic retries'), '5');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(transport.callsTo('settings:update')).toEqual([
      {
        downloads: {
          folder: '/mnt/nas/videos',
          sectionKey: '7',
          quality: '720p',
          rateLimit: '500K',
          stagingFolder: '/mnt/nas/.partial',
          ytdlpPath: '/opt/yt-dlp',
          autoUpdate: true,
          windowsSafeNames: true,
          maxConcurrent: 4,
          maxRetries: 5,
          pathMappings: [{ plexPath: '/media', localPath: '/srv/media' }],
        },
      },
    ]);
  }, 15_000);

  it('shows the core’s reason on the field it concerns, a path mapping row included', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp(core);
    transport.handle('settings:update', () => {
      throw new AppError('INVALID_PAYLOAD', 'bad', {
        fields: [
          { path: 'downloads.rateLimit', message: 'Enter a speed like 500K or 4.2M (bytes per second), or leave it empty for no limit' },
          { path: 'downloads.pathMappings.0.localPath', message: 'Too small: expected string to have >=1 characters' },
        ],
      });
    });
    await user.type(await screen.findByLabelText('Speed limit'), 'fast');
    await user.clear(within(screen.getByRole('group', { name: 'Path mapping 1' })).getByLabelText('Path on this computer'));
    await user.type(within(screen.getByRole('group', { name: 'Path mapping 1' })).getByLabelText('Path on this computer'), ' ');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Enter a speed like 500K or 4.2M (bytes per second), or leave it empty for no limit', { selector: '.field__error span' })).toBeTruthy();
    expect(input('Speed limit').getAttribute('aria-invalid')).toBe('true');
    expect(statusText()).toContain('Speed limit: Enter a speed like 500K');
    expect(statusText()).toContain('Path mapping 1, path on this computer:');
    expect(screen.getByText('Too small: expected string to have >=1 characters')).toBeTruthy();
  }, 15_000);

  it('updates yt-dlp at once and shows how it went', async () => {
    const user = userEvent.setup();
    let state: UpdateState = { state: 'idle', managedVersion: null, message: null, checkedAt: null };
    core.transport
      .handle('downloads:update-state', () => state)
      .handle('downloads:update-ytdlp', () => {
        state = { state: 'updated', managedVersion: '2026.08.19', message: 'Signature and checksum checked.', checkedAt: Date.now() };
        return state;
      });
    renderApp(core);
    const panel = await screen.findByTestId('ytdlp-update');
    expect(await within(panel).findByText('Not checked yet')).toBeTruthy();
    expect(within(panel).getByText(/has no copy of its own yet/)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Update yt-dlp now' }));
    expect(await within(panel).findByText('Updated')).toBeTruthy();
    expect(within(panel).getByText(/own copy: 2026\.08\.19/)).toBeTruthy();
    expect(statusText()).toBe('yt-dlp updated to 2026.08.19');
    // Not a staged setting: nothing waits for Save.
    expect(core.transport.callsTo('settings:update')).toEqual([]);
    expect(screen.getByText('All changes are saved.')).toBeTruthy();
  }, 15_000);

  it('follows downloads:update-changed while an update runs', async () => {
    const { transport } = renderApp(core);
    const panel = await screen.findByTestId('ytdlp-update');
    await within(panel).findByText('Not checked yet');
    transport.emit('downloads:update-changed', { state: 'verifying', managedVersion: null, message: null, checkedAt: null });
    expect(await within(panel).findByText('Checking signature and checksum')).toBeTruthy();
    expect((within(panel).getByRole('button', { name: 'Update yt-dlp now' }) as HTMLButtonElement).disabled).toBe(true);
  }, 15_000);

  it('imports a cookies.txt for a site, lists it and removes it after a confirmation', async () => {
    const user = userEvent.setup();
    let sites: { site: string; cookies: number; importedAt: number }[] = [];
    const imported: unknown[] = [];
    core.transport
      .handle('downloads:cookies', () => sites)
      .handle('downloads:import-cookies', (request) => {
        imported.push(request);
        sites = [{ site: request.site, cookies: 2, importedAt: Date.now() }];
        return sites;
      })
      .handle('downloads:remove-cookies', ({ site }) => {
        sites = sites.filter((each) => each.site !== site);
        return sites;
      });
    renderApp(core);
    const section = await screen.findByRole('group', { name: /Cookies for sites/ });
    expect(await within(section).findByText('No cookies imported.')).toBeTruthy();
    // A site is needed first, and it is a domain, not an address.
    await user.click(within(section).getByRole('button', { name: 'Import cookies.txt…' }));
    expect(within(section).getByText('Enter the site’s domain, e.g. youtube.com')).toBeTruthy();
    await user.type(within(section).getByLabelText('Site'), 'https://youtube.com/');
    await user.click(within(section).getByRole('button', { name: 'Import cookies.txt…' }));
    expect(within(section).getByText(/no https:\/\/ or path/)).toBeTruthy();
    await user.clear(within(section).getByLabelText('Site'));
    await user.type(within(section).getByLabelText('Site'), 'YouTube.com');
    const text = '# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t0\tSID\tsecret\n';
    await user.upload(screen.getByTestId('cookies-file'), new File([text], 'cookies.txt', { type: 'text/plain' }));
    expect(await within(section).findByText('youtube.com')).toBeTruthy();
    expect(imported).toEqual([{ site: 'youtube.com', content: text }]);
    expect(within(section).getByText(/2 cookies, imported/)).toBeTruthy();
    expect(within(section).queryByText(/secret/)).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Remove' }));
    await user.click(within(section).getByRole('button', { name: 'Yes, remove youtube.com’s cookies' }));
    expect(await within(section).findByText('No cookies imported.')).toBeTruthy();
    expect(core.transport.callsTo('settings:update')).toEqual([]);
  }, 15_000);
});
