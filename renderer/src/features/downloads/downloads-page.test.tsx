import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadJob, DownloadsOverview } from '../../../../shared/contract/areas/downloads';
import { createFakeCore, type FakeCore } from '../../testing/fake-core';
import { fakeDestination, fakeJob, fakeOverview, fakeTool } from '../../testing/fake-downloads';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

const destinations = [
  fakeDestination(),
  fakeDestination({ sectionKey: '1', title: 'Movies', type: 'movie', agent: 'tv.plex.agents.movie', naming: 'Title (Year)', note: 'Plex may match these videos to unrelated films: an Other Videos library is better.' }),
  fakeDestination({ sectionKey: '3', title: 'Music', type: 'artist', naming: 'Channel/Title', audioOnly: true }),
  fakeDestination({ sectionKey: '9', title: 'Far Away', usable: false, note: 'MediaNest cannot reach this library’s folder: add a path mapping in Settings.' }),
];

function card(title: string): HTMLElement {
  return screen.getAllByTestId('download-card').find((each) => within(each).queryByRole('heading', { name: title }))!;
}

describe('DownloadsPage', () => {
  let core: FakeCore;
  let overview: DownloadsOverview;
  let added: unknown[];

  beforeEach(() => {
    resetLocation('#/downloads');
    overview = fakeOverview();
    added = [];
    core = createFakeCore({ settings: fakePublicSettings({ downloads: { sectionKey: '7', quality: '720p' } }) });
    core.transport
      .handle('downloads:overview', () => overview)
      .handle('downloads:destinations', () => destinations)
      .handle('downloads:add', (request) => {
        added.push(request);
        return fakeJob({ id: 'new', url: request.url, title: request.url, quality: request.quality ?? 'best', sectionKey: request.sectionKey ?? '7' });
      });
  });
  afterEach(cleanupApp);

  it('says in words what is wrong with an address and sends nothing, then adds a good one with the chosen quality and library', async () => {
    const user = userEvent.setup();
    renderApp(core);
    const field = await screen.findByLabelText('Video or playlist address');
    await user.type(field, '-o /etc/passwd');
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText(/looks like a command-line option/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await user.clear(field);
    await user.type(field, 'file:///etc/passwd');
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText(/Only web addresses/)).toBeTruthy();
    expect(added).toEqual([]);

    await user.clear(field);
    await user.type(field, ' https://videos.example/watch?v=9 ');
    // The quality in Settings is the starting choice.
    expect((screen.getByLabelText('Quality') as HTMLSelectElement).value).toBe('720p');
    await user.selectOptions(screen.getByLabelText('Quality'), '1080p');
    await user.selectOptions(screen.getByLabelText('Into library'), '1');
    // A movie library is allowed with its warning; how files are named there is said too.
    expect(screen.getByTestId('destination-note').textContent).toContain('unrelated films');
    expect(screen.getByText('Files are named Title (Year) in Movies.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(added).toEqual([{ url: 'https://videos.example/watch?v=9', quality: '1080p', sectionKey: '1' }]);
    expect(await screen.findByRole('heading', { name: 'https://videos.example/watch?v=9' })).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe('');
  }, 15_000);

  it('takes sound only into a music library and never offers an unusable one', async () => {
    const user = userEvent.setup();
    renderApp(core);
    const library = (await screen.findByLabelText('Into library')) as HTMLSelectElement;
    expect((within(library).getByRole('option', { name: 'Far Away (not usable)' }) as HTMLOptionElement).disabled).toBe(true);
    await user.selectOptions(library, '3');
    const quality = screen.getByLabelText('Quality') as HTMLSelectElement;
    expect(quality.value).toBe('audio');
    expect(quality.disabled).toBe(true);
  }, 15_000);

  it('fills the address from a link dropped or pasted onto the page', async () => {
    renderApp(core);
    const field = (await screen.findByLabelText('Video or playlist address')) as HTMLInputElement;
    const data = { types: ['text/uri-list'], getData: (type: string) => (type === 'text/uri-list' ? '# from a browser\r\nhttps://videos.example/watch?v=dropped\r\n' : ''), dropEffect: 'none' };
    const page = document.querySelector('.downloads-page')!;
    fireEvent.dragOver(page, { dataTransfer: data });
    expect(screen.getByText('Drop the link to download it')).toBeTruthy();
    fireEvent.drop(page, { dataTransfer: data });
    expect(field.value).toBe('https://videos.example/watch?v=dropped');
    expect(screen.queryByText('Drop the link to download it')).toBeNull();
    // Pasted with the page focused (not a field), the same.
    fireEvent.paste(document.body, { clipboardData: { getData: () => ' https://videos.example/watch?v=pasted ' } });
    expect(field.value).toBe('https://videos.example/watch?v=pasted');
  }, 15_000);

  it('follows a download as it runs: progress, speed, time left, a playlist item by item; pause and a confirmed cancel', async () => {
    const user = userEvent.setup();
    const items: DownloadJob['items'] = Array.from({ length: 12 }, (_, index) => ({
      index,
      title: `Clip ${index + 1}`,
      url: `https://videos.example/watch?v=${index}`,
      state: index < 3 ? 'completed' : index === 3 ? 'running' : 'queued',
      percent: index < 3 ? 100 : index === 3 ? 40 : null,
      file: null,
      ratingKey: null,
    }));
    const job = fakeJob({ id: 'pl', kind: 'playlist', title: 'Harbour walks', state: 'running', label: 'Downloading 4 of 12', items, canPause: true });
    overview = fakeOverview({ jobs: [job], running: 1 });
    let paused = 0;
    const cancelled: unknown[] = [];
    core.transport
      .handle('downloads:pause', ({ id }) => {
        paused += 1;
        return { ...job, id, state: 'paused', label: 'Paused', canPause: false, canResume: true, updatedAt: job.updatedAt + 10 };
      })
      .handle('downloads:cancel', (payload) => {
        cancelled.push(payload);
        return { ...job, state: 'cancelled', label: 'Cancelled', canPause: false, canCancel: false, canRemove: true, finishedAt: Date.now(), updatedAt: job.updatedAt + 20 };
      });
    renderApp(core);
    expect(await screen.findByText('One download running', { selector: '.downloads__counts' })).toBeTruthy();
    const bar = within(card('Harbour walks')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBeNull();

    act(() =>
      core.transport.emit('downloads:job-changed', {
        ...job,
        updatedAt: job.updatedAt + 1,
        progress: { downloadedBytes: 4_000_000, totalBytes: 10_000_000, estimated: false, percent: 40, speed: 3_200_000, eta: 125, phase: 'downloading', fragmentIndex: null, fragmentCount: null },
      }),
    );
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(within(card('Harbour walks')).getByText('40 % · 3.2 MB/s · 2 min 5 s left · 3 of 12 done')).toBeTruthy();
    expect(within(card('Harbour walks')).getByText('Downloading 4 of 12')).toBeTruthy();
    // The playlist opens to its items, each with its state in words.
    await user.click(within(card('Harbour walks')).getByText('12 videos, 3 done'));
    const list = within(card('Harbour walks')).getByRole('list', { name: 'Videos of Harbour walks' });
    expect(within(list).getAllByText('Done')).toHaveLength(3);
    expect(within(list).getByText('40 %')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Pause: Harbour walks' }));
    expect(paused).toBe(1);
    expect(await screen.findByRole('button', { name: 'Resume: Harbour walks' })).toBeTruthy();

    await user.click(within(card('Harbour walks')).getByRole('button', { name: 'Cancel download' }));
    expect(cancelled).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(cancelled).toEqual([{ id: 'pl' }]);
    // Cancelled goes to the history, where it can be removed.
    const history = await screen.findByRole('list', { name: 'History' });
    expect(within(history).getByRole('heading', { name: 'Harbour walks' })).toBeTruthy();
  }, 15_000);

  it('shows a failure with its advice and the next automatic try, and retries by hand', async () => {
    const user = userEvent.setup();
    const failed = fakeJob({
      id: 'f',
      title: 'Night train',
      state: 'failed',
      label: 'Failed: YouTube asks to sign in',
      failure: { kind: 'bot-check', message: 'YouTube asked to confirm this is not a bot.', advice: 'Add your YouTube cookies in Settings → Downloads, then retry.', transient: false, detail: 'ERROR: Sign in to confirm you’re not a bot' },
      canPause: false,
      canCancel: false,
      canRetry: true,
      canRemove: true,
    });
    const flaky = fakeJob({
      id: 'n',
      title: 'Rain on glass',
      state: 'failed',
      label: 'Failed: network',
      attempts: 1,
      nextAttemptAt: Date.now() + 120_000,
      failure: { kind: 'network', message: 'The site could not be reached.', advice: 'MediaNest tries again by itself; check the connection if it keeps failing.', transient: true, detail: null },
      canPause: false,
      canCancel: true,
      canRetry: true,
    });
    overview = fakeOverview({ jobs: [failed, flaky] });
    const retried: unknown[] = [];
    core.transport.handle('downloads:retry', (payload) => {
      retried.push(payload);
      return { ...failed, state: 'queued', label: 'Waiting for a free slot', failure: null, canRetry: false, updatedAt: failed.updatedAt + 1 };
    });
    renderApp(core);
    const night = await screen.findByRole('heading', { name: 'Night train' }).then(() => card('Night train'));
    expect(within(night).getByText('YouTube asked to confirm this is not a bot.')).toBeTruthy();
    expect(within(night).getByText('Add your YouTube cookies in Settings → Downloads, then retry.')).toBeTruthy();
    expect(within(night).getByRole('link', { name: 'Add cookies in Settings' }).getAttribute('href')).toBe('#/settings/downloads');
    expect(within(card('Rain on glass')).getByText('MediaNest tries again by itself in 2 min (attempt 2).')).toBeTruthy();
    await user.click(within(night).getByRole('button', { name: 'Retry: Night train' }));
    expect(retried).toEqual([{ id: 'f' }]);
    expect(await within(card('Night train')).findByText('Waiting for a free slot')).toBeTruthy();
  }, 15_000);

  it('lists finished downloads in the history with Open in Plex, and drops removed ones', async () => {
    const done = fakeJob({
      id: 'd',
      title: 'Morning fog',
      state: 'completed',
      label: 'Ready to watch',
      openUrl: 'https://app.plex.tv/desktop#!/server/abc/details?key=%2Flibrary%2Fmetadata%2F99',
      collection: { ratingKey: '500', title: 'Sky Studio' },
      finishedAt: Date.now() - 120_000,
      canPause: false,
      canCancel: false,
      canRemove: true,
    });
    overview = fakeOverview({ jobs: [done] });
    renderApp(core);
    const history = await screen.findByRole('list', { name: 'History' });
    const open = within(history).getByRole('link', { name: 'Open in Plex' });
    expect(open.getAttribute('href')).toBe(done.openUrl);
    expect(open.getAttribute('target')).toBe('_blank');
    expect(within(history).getByText(/Finished 2 min ago/)).toBeTruthy();
    expect(within(history).getByText('· in the collection “Sky Studio”')).toBeTruthy();
    act(() => core.transport.emit('downloads:job-removed', { id: 'd' }));
    expect(screen.queryByRole('list', { name: 'History' })).toBeNull();
  }, 15_000);

  it('never links a non-web openUrl', async () => {
    overview = fakeOverview({ jobs: [fakeJob({ state: 'completed', openUrl: 'javascript:alert(1)', canPause: false, canCancel: false })] });
    renderApp(core);
    await screen.findByRole('list', { name: 'History' });
    expect(screen.queryByRole('link', { name: 'Open in Plex' })).toBeNull();
  }, 15_000);

  it('says what stops downloads: unavailable, and yt-dlp missing with what to install', async () => {
    overview = fakeOverview({
      unavailable: 'Downloads are off for now: medianest.db could not be opened.',
      tools: [fakeTool({ found: false, path: null, version: null, origin: null, severity: 'error', problem: 'yt-dlp was not found.' }), fakeTool({ name: 'js-runtime', label: 'JavaScript runtime', severity: 'warning', problem: 'No JavaScript runtime: YouTube may refuse downloads.' })],
    });
    renderApp(core);
    expect((await screen.findByTestId('downloads-unavailable')).textContent).toContain('medianest.db could not be opened');
    const tools = screen.getByTestId('tools-banner');
    expect(within(tools).getByText('yt-dlp is not installed, so nothing can be downloaded')).toBeTruthy();
    expect(within(tools).getByText(/pipx install yt-dlp/)).toBeTruthy();
    expect(within(tools).getByText('No JavaScript runtime: YouTube may refuse downloads.')).toBeTruthy();
    // Nothing could be added: no form, and the queue says it is empty.
    expect(screen.queryByLabelText('Video or playlist address')).toBeNull();
    expect(screen.getByTestId('downloads-queue-empty').textContent).toBe('Nothing in the queue.');
  }, 15_000);

  it('links to Settings when no library is chosen, and still lets one be picked here', async () => {
    core.settings = fakePublicSettings({ downloads: { sectionKey: '' } });
    renderApp(core);
    const banner = await screen.findByTestId('downloads-no-destination');
    expect(within(banner).getByRole('link', { name: 'Choose a library' }).getAttribute('href')).toBe('#/settings/downloads');
    expect((screen.getByLabelText('Into library') as HTMLSelectElement).value).toBe('7');
    expect(screen.getByTestId('downloads-queue-empty').textContent).toMatch(/^Nothing in the queue\. Paste the address/);
  }, 15_000);

  it('asks for Plex first when it offers no library', async () => {
    core.transport.handle('downloads:destinations', () => []);
    renderApp(core);
    const empty = await screen.findByTestId('downloads-no-library');
    expect(within(empty).getByRole('link', { name: 'Connect Plex' })).toBeTruthy();
    expect(screen.queryByLabelText('Video or playlist address')).toBeNull();
  }, 15_000);

  it('offers the demo playlist in the demo, and pauses and resumes everything', async () => {
    const user = userEvent.setup();
    overview = fakeOverview({ demoPlaylistUrl: 'http://127.0.0.1:4100/media/playlist.rss', queued: 1, jobs: [fakeJob()] });
    core.transport.handle('downloads:pause-all', ({ paused }) => ({ ...overview, paused }));
    renderApp(core);
    await user.click(await screen.findByRole('button', { name: 'Try the demo playlist' }));
    expect(added).toEqual([{ url: 'http://127.0.0.1:4100/media/playlist.rss', quality: '720p', sectionKey: '7' }]);

    await user.click(screen.getByRole('button', { name: 'Pause all' }));
    expect(core.transport.callsTo('downloads:pause-all')).toEqual([{ paused: true }]);
    expect(await screen.findByText('All downloads are paused')).toBeTruthy();
    act(() => core.transport.emit('downloads:queue-changed', { running: 0, queued: 1, paused: false }));
    expect(screen.queryByText('All downloads are paused')).toBeNull();
  }, 15_000);

  it('shows on the Downloads entry how many run, from the start and as the queue changes', async () => {
    overview = fakeOverview({ running: 2, jobs: [fakeJob({ state: 'running' }), fakeJob({ id: 'job-2', state: 'running' })] });
    resetLocation('#/health');
    renderApp(core);
    const link = await screen.findByRole('link', { name: 'Downloads' });
    expect((await within(link).findByTestId('downloads-count')).textContent).toBe('2');
    expect(screen.getByText('2 downloads running')).toBeTruthy();
    act(() => core.transport.emit('downloads:queue-changed', { running: 1, queued: 0, paused: false }));
    expect(within(link).getByTestId('downloads-count').textContent).toBe('1');
    act(() => core.transport.emit('downloads:queue-changed', { running: 0, queued: 0, paused: false }));
    expect(within(link).queryByTestId('downloads-count')).toBeNull();
  }, 15_000);
});
