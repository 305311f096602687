/**
 * The Library page in Chromium against the demo homelab (serve mode): the
 * synced library as a poster grid with keyboard navigation and details; then
 * with Plex down, the offline banner, and browsing and search still working
 * from the index.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlexStatus } from '../../shared/contract/areas/plex';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: library page');

/** The focused card's index, read in the page (this file is typed for Node, not the DOM). */
const activeIndex = `document.activeElement?.getAttribute('data-index') ?? null`;

describe.skipIf(gate.skip)('library page in Chromium (demo homelab)', () => {
  let browser: Browser;
  let harness: ServeHarness;

  const status = async (): Promise<PlexStatus> => {
    const outcome = await harness.core.dispatch('plex:status', undefined);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result as PlexStatus;
  };

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness] = await Promise.all([launchChromium(), startServeHarness({ profile: 'demo', demoHomelab: true })]);
    await harness.core.dispatch('plex:sync', {});
    const end = Date.now() + 9_000;
    while ((await status()).itemCount < 3_000 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('shows the posters, moves through them with the keyboard, and opens details', async () => {
    const { context, page, problems } = await openApp(browser, harness, '#/library');
    try {
      await page.getByRole('tab', { name: /Movies/ }).waitFor();
      const first = page.locator('.plex-card').first();
      await first.waitFor();
      await expect.poll(() => page.locator('.plex-card img').first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0), { timeout: 5_000 }).toBe(true);
      await first.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.evaluate(activeIndex)).toBe('1');
      await page.keyboard.press('ArrowDown');
      const columns = await page.evaluate(`Number(${activeIndex}) - 1`);
      expect(columns).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      const details = page.getByTestId('details-panel');
      await details.getByRole('link', { name: 'Open in Plex' }).waitFor();
      expect(await details.textContent()).toMatch(/\/srv\/media\/movies\//);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: /TV Shows/ }).click();
      await expect.poll(() => page.locator('.plex-card').count()).toBeGreaterThan(4);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with Plex down: the banner, browsing and search from the index', async () => {
    await harness.core.listeners.list().find((listener) => listener.name === 'demo-plex')!.close();
    await harness.core.dispatch('health:check-now', { service: 'plex' });
    await harness.core.dispatch('health:check-now', { service: 'plex' });
    await expect.poll(async () => (await status()).backup.active, { timeout: 5_000 }).toBe(true);

    const { context, page, problems } = await openApp(browser, harness, '#/library');
    try {
      const banner = page.getByTestId('plex-offline-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/Plex is offline: showing your library as of \d{1,2}:\d{2}/);
      await page.locator('.plex-card').first().waitFor();
      // Posters seen before come from the cache.
      await expect.poll(() => page.locator('.plex-card img').first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0), { timeout: 5_000 }).toBe(true);
      await page.getByLabel('Sort').selectOption('year');
      await page.locator('.plex-card').first().waitFor();

      const search = page.getByTestId('library-search');
      await search.click();
      await page.keyboard.type('amel');
      const results = page.getByTestId('search-results');
      await results.waitFor();
      expect(await results.locator('.plex-card__title').first().textContent()).toMatch(/Amélie/);
      await search.fill('lodz');
      await expect.poll(async () => (await results.locator('.plex-card__title').allTextContents()).some((title) => title.includes('Łódź'))).toBe(true);

      await results.locator('.plex-card').first().click();
      const details = page.getByTestId('details-panel');
      await details.getByText('Plex is offline, so it cannot open there right now.').waitFor();
      // Posters never fetched before cannot come while Plex is down: the card shows its placeholder.
      expect(problems.errors.filter((error) => !error.includes('/binary/plex-poster/'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
