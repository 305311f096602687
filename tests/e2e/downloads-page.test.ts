/**
 * The Downloads page in Chromium against the demo homelab (serve mode): a
 * pasted address of the demo media site is downloaded for real by yt-dlp
 * (the current one when there is one), its progress bar moves, it lands in
 * the demo's "Other Videos" library and shows up in the Library.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIPS } from '../../electron/core/demo/demo-downloads';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';
import { gateSystemSuite, programAvailability, SYSTEM_PROGRAMS } from '../support/system-deps';

const browserGate = gateBrowserSuite('e2e: downloads page');
const ffmpegGate = gateSystemSuite('e2e: downloads page', SYSTEM_PROGRAMS.ffmpeg);
const current = programAvailability(SYSTEM_PROGRAMS.ytDlpCurrent);
const ytDlpGate = current.available ? { skip: false } : gateSystemSuite('e2e: downloads page', SYSTEM_PROGRAMS.ytDlp);
const skip = browserGate.skip || ffmpegGate.skip || ytDlpGate.skip;

const clip = DEMO_CLIPS[0]!;

describe.skipIf(skip)('Downloads page in Chromium (demo homelab)', () => {
  let browser: Browser;
  let harness: ServeHarness;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness] = await Promise.all([launchChromium(), startServeHarness({ profile: 'demo', demoHomelab: true })]);
    // A current yt-dlp where CI installs one; Debian's otherwise (the demo's direct links need nothing newer).
    if (current.path) expect((await harness.core.dispatch('settings:update', { downloads: { ytdlpPath: current.path } })).ok).toBe(true);
    expect(harness.core.demoPlaylistUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('downloads a pasted address with a moving progress bar, then it is ready to watch and in the library', async () => {
    const { context, page, problems } = await openApp(browser, harness, '#/downloads');
    try {
      await page.getByRole('heading', { level: 1, name: 'Downloads' }).waitFor();
      // The demo offers its playlist; the library is the demo's Other Videos.
      await page.getByRole('button', { name: 'Try the demo playlist' }).waitFor();
      expect(await page.getByLabel('Into library').inputValue()).toBe('3');

      const address = harness.core.demoPlaylistUrl!.replace(/\/playlists\/[^/]+\.rss$/, `/videos/${clip.name}.mp4`);
      // From the keyboard: a mistake first, said next to the field, then the address and Enter.
      const field = page.getByLabel('Video or playlist address');
      await field.fill('-o /tmp/x');
      await field.press('Enter');
      await page.getByText(/looks like a command-line option/).waitFor();
      await field.fill(address);
      await field.press('Enter');
      const card = page.getByTestId('download-card').first();
      const bar = card.getByRole('progressbar');
      await bar.waitFor();
      // Moving: two different percentages seen while it runs.
      const seen = new Set<string>();
      await expect
        .poll(
          async () => {
            const now = await bar.getAttribute('aria-valuenow').catch(() => null);
            if (now !== null && Number(now) > 0 && Number(now) < 100) seen.add(now);
            return seen.size;
          },
          { timeout: 10_000, interval: 100 },
        )
        .toBeGreaterThanOrEqual(2);
      expect(await card.locator('.progress__text').textContent()).toMatch(/\d+ % · .*\/s/);

      const history = page.getByRole('list', { name: 'History' });
      await history.getByText('Ready to watch').first().waitFor({ timeout: 10_000 });
      await history.getByRole('link', { name: 'Open in Plex' }).waitFor();
      // Serve mode says it in the page too.
      await page.getByText(/^Ready to watch: /).first().waitFor();

      await page.goto(`${harness.url}#/library`);
      await page.getByRole('tab', { name: /Other Videos/ }).click();
      await expect.poll(() => page.locator('.poster-card').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      expect(problems).toEqual({ errors: [], cspViolations: [] });
    } finally {
      await context.close();
    }
    // yt-dlp starts twice (it looks at the address, then downloads it); each step still waits at most 10 s.
  }, 40_000);
});
