/**
 * MediaNest on a phone (390×844) in Chromium: every page fits the width, the
 * app's name shows, the five areas sit in one row of 44 px tabs, toasts never
 * cover the Save bar, and a field in error lands below the sticky top bar.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, startServeHarness, watchPageProblems, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: phone layout');
const PAGES = ['welcome', 'library', 'requests', 'downloads', 'health', 'settings'] as const;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} has no box`);
  return found;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.skipIf(gate.skip)('phone layout in Chromium (serve mode, 390×844)', () => {
  let browser: Browser;
  let harness: ServeHarness;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness] = await Promise.all([launchChromium(), startServeHarness()]);
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(harness.link);
    await page.waitForURL(`${harness.url}**`);
    // The first start sends the app to the welcome view: let that navigation end before the tests navigate.
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await harness?.stop();
  });

  it('fits every page in the width, with the name on top and one row of 44 px tabs', async () => {
    const problems = watchPageProblems(page);
    for (const name of PAGES) {
      await page.goto(`${harness.url}#/${name}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(150);
      const widths = await page.evaluate(() => {
        interface El {
          readonly tagName: string;
          readonly className: unknown;
          readonly textContent: string | null;
          getBoundingClientRect(): { right: number; width: number };
        }
        const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(selector: string): Iterable<El> } }).document;
        const root = doc.documentElement;
        // What sticks out, innermost last, so a failure names the culprit.
        const wide = [...doc.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)} "${(el.textContent ?? '').slice(0, 60)}"`);
        return { scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(-3) };
      });
      expect(widths.scroll, `${name} scrolls sideways: ${widths.wide.join(' | ')}`).toBeLessThanOrEqual(widths.client);
      expect(await page.locator('.top-bar__brand').isVisible(), `${name} shows the app's name`).toBe(true);

      const tabs = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      expect(await tabs.count()).toBe(5);
      const boxes = await Promise.all((await tabs.all()).map((tab) => tab.boundingBox()));
      for (const tab of boxes) {
        expect(tab!.height).toBeGreaterThanOrEqual(44);
        expect(tab!.width).toBeGreaterThanOrEqual(44);
        expect(tab!.y, 'all tabs in one row').toBe(boxes[0]!.y);
        expect(tab!.y + tab!.height, 'tabs at the bottom edge').toBeGreaterThan(844 - 80);
      }
    }
    expect(problems.errors).toEqual([]);
  }, 20_000);

  it('keeps toasts off the Save bar, and scrolls a field in error below the top bar', async () => {
    await page.goto(`${harness.url}#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('toast').waitFor();
    const saveBar = await box(page, '.action-bar');
    const tabBar = await box(page, 'nav[aria-label="Main"]');
    expect(saveBar.y + saveBar.height, 'the Save bar sits above the tabs').toBeLessThanOrEqual(tabBar.y + 1);
    expect(overlaps(await box(page, '[data-testid="toast"]'), saveBar)).toBe(false);
    for (const button of await page.locator('.action-bar button').all()) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    // The Download folder is far down the page; the Plex address is near the top. Scroll away first.
    const address = page.getByLabel('Plex address', { exact: true });
    await address.fill('ftp://plex.local');
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 100_000));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    const topBar = await box(page, '.top-bar');
    // The scroll is smooth, and the page is long (every Settings group): give it the time it takes.
    await expect
      .poll(async () => {
        const field = await address.boundingBox();
        return field !== null && field.y >= topBar.y + topBar.height && field.y + field.height <= saveBar.y;
      }, { timeout: 5000 })
      .toBe(true);
    expect(overlaps(await box(page, '[data-testid="toast"]'), await box(page, '.action-bar'))).toBe(false);
  }, 20_000);
});
