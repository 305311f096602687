/**
 * The built renderer in Chromium against a real serve server: it loads
 * cleanly under the CSP, every page is reachable from the nav, and the nav
 * works from the keyboard.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const PAGES = ['Library', 'Requests', 'Downloads', 'Health', 'Settings'] as const;
const gate = gateBrowserSuite('e2e: app shell');

describe.skipIf(gate.skip)('app shell in Chromium (serve mode)', () => {
  let browser: Browser;
  let harness: ServeHarness;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness] = await Promise.all([launchChromium(), startServeHarness()]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('loads with no console errors and no CSP violations', async () => {
    const { context, page, problems } = await openApp(browser, harness);
    try {
      const response = await page.reload();
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Let the socket connect and the first invokes come back before judging.
      await page.waitForTimeout(750);
      expect(problems.cspViolations).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 15_000);

  it('reaches every page through the nav, each with its own h1', async () => {
    const { context, page, problems } = await openApp(browser, harness);
    try {
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of PAGES) {
        await nav.getByRole('link', { name, exact: true }).click();
        await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
        if (name === 'Health') await page.getByRole('button', { name: 'Check everything' }).waitFor();
      }
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 15_000);

  it('moves through the nav with Tab and follows a link with Enter', async () => {
    const { context, page } = await openApp(browser, harness);
    try {
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      const focused = (): Promise<string | null> =>
        page.evaluate(() => {
          const active = (globalThis as unknown as { document: { activeElement: { closest(selector: string): unknown; textContent: string | null } | null } }).document.activeElement;
          return active?.closest('nav[aria-label="Main"] a') ? (active.textContent ?? '').trim() : null;
        });
      const reached: string[] = [];
      for (let presses = 0; presses < 30 && !reached.includes('Health'); presses += 1) {
        await page.keyboard.press('Tab');
        const name = await focused();
        if (name !== null) reached.push(name);
      }
      expect(reached).toEqual(expect.arrayContaining(['Library', 'Requests', 'Downloads', 'Health']));
      expect(await focused()).toBe('Health');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Health', exact: true }).waitFor();
    } finally {
      await context.close();
    }
  }, 15_000);
});
