/**
 * The way into serve mode in Chromium: the printed link trades its token for
 * the cookie on the first visit, also when it is clicked on another site
 * (SameSite=Strict), and a browser without it sees a styled page that says
 * where the link is, on a phone too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: token link');
const PHONE = { width: 390, height: 844 };

/** Another site (localhost is a different site from 127.0.0.1) whose page links to `link`. */
async function startOtherSite(link: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Chat</title><a id="link" href="${link}">MediaNest</a>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(gate.skip)('the token link in Chromium (serve mode)', () => {
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

  it('opens from the printed link, leaves the token out of the address and history, then works on the cookie alone', async () => {
    const { context, page } = await openApp(browser, harness);
    try {
      expect(page.url()).toBe(harness.url);
      const cookies = await context.cookies();
      expect(cookies).toEqual([expect.objectContaining({ name: 'medianest_token', httpOnly: true, sameSite: 'Strict' })]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Health', exact: true }).waitFor();
      // The page's own WebSocket got in with the cookie.
      await expect.poll(() => harness.server.clientCount, { timeout: 5000 }).toBeGreaterThan(0);
      // The signing-in page replaced its own history entry: going back never shows the token again.
      await page.goBack();
      expect(page.url()).not.toContain('token=');
    } finally {
      await context.close();
    }
  }, 15_000);

  it('works on the first visit when the link is clicked on another site', async () => {
    const other = await startOtherSite(harness.link);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(other.url);
      await page.click('#link');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      // No token left in the address (a fresh profile then opens on #/welcome).
      expect(page.url().split('#')[0]).toBe(harness.url);
    } finally {
      await context.close();
      await other.close();
    }
  }, 15_000);

  it('shows a browser without the token a styled page saying where the link is, that fits a phone', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      const response = await page.goto(harness.url);
      expect(response?.status()).toBe(401);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link needs its token');
      expect(await page.locator('main').innerText()).toMatch(/MediaNest is running at/);
      const layout = await page.evaluate(() => {
        const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelector(s: string): unknown }; getComputedStyle(e: unknown): { backgroundColor: string; fontSize: string } };
        const main = g.document.querySelector('main');
        return {
          overflow: g.document.documentElement.scrollWidth - g.document.documentElement.clientWidth,
          background: g.getComputedStyle(main).backgroundColor,
          fontSize: g.getComputedStyle(g.document.querySelector('p')).fontSize,
        };
      });
      expect(layout.overflow).toBeLessThanOrEqual(0);
      // The stylesheet applied (the app's surface colour), under the page's own strict CSP.
      expect(layout.background).toBe('rgb(28, 32, 39)');
      expect(Number.parseFloat(layout.fontSize)).toBeGreaterThanOrEqual(16);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 15_000);
});
