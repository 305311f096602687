/**
 * The first five minutes in Chromium against a real serve server: a fresh
 * profile opens on the welcome view, a refused connection and an invalid
 * address are told in words, and no toast ever shows a channel name.
 */
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: first run');

/** `settings:update`, `services:test`: the contract's channel names, which are for programs. */
const CHANNEL_NAME = /\b[a-z]+:[a-z][a-z-]*\b/;

/** A loopback port nothing listens on (opened, then closed): connecting is refused. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function toastTexts(page: Page): Promise<string[]> {
  return page.getByTestId('toast').allInnerTexts();
}

describe.skipIf(gate.skip)('first run in Chromium (serve mode)', () => {
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

  it('opens a fresh profile on the welcome view; "Skip for now" is remembered', async () => {
    const { context, page, problems } = await openApp(browser, harness);
    try {
      await page.getByRole('heading', { level: 1, name: 'Welcome to MediaNest' }).waitFor();
      expect(page.url()).toBe(`${harness.url}#/welcome`);
      for (const action of ['Sign in with Plex', 'Connect Overseerr', 'Connect Uptime Kuma', 'Choose a download folder']) {
        expect(await page.getByRole('button', { name: action, exact: true }).count()).toBe(1);
      }
      // Where each credential is found, as the programs' own menus say it.
      await page.getByText('In Overseerr: Settings → General → API Key.').waitFor();
      await page.getByText('In Uptime Kuma: Settings → API Keys → Add API Key.').waitFor();
      // Placeholders read as examples, never as values.
      expect(await page.getByLabel('Overseerr address', { exact: true }).getAttribute('placeholder')).toMatch(/^e\.g\. /);
      expect(await page.getByLabel('Overseerr address', { exact: true }).inputValue()).toBe('');

      await page.getByRole('button', { name: 'Skip for now' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Library', exact: true }).waitFor();
      await page.goto(harness.url);
      await page.getByRole('heading', { level: 1, name: 'Library', exact: true }).waitFor();
      expect(page.url()).not.toContain('welcome');
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 15_000);

  it('has a loading screen in index.html itself, before any script runs, within the CSP', async () => {
    const page = await harness.request('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Starting MediaNest…');
    // No inline script or style: the CSP allows neither.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/<style|\sstyle=/);
    expect(page.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('says in words that a connection was refused, and where', async () => {
    const port = await refusedPort();
    const { context, page } = await openApp(browser, harness, '#/welcome');
    try {
      const card = page.getByTestId('welcome-card-overseerr');
      // Typed without a scheme, as people do: the form adds http://.
      await card.getByLabel('Overseerr address', { exact: true }).fill(`127.0.0.1:${port}`);
      await card.getByLabel('Overseerr API key', { exact: true }).fill('some-key');
      await card.getByRole('button', { name: 'Connect Overseerr' }).click();
      const result = card.getByTestId('welcome-overseerr-result');
      await expect.poll(() => result.innerText(), { timeout: 8000 }).toContain(`Connection refused by 127.0.0.1:${port}`);
      expect(await card.getByLabel('Overseerr address', { exact: true }).inputValue()).toBe(`http://127.0.0.1:${port}`);
      expect(await result.innerText()).not.toMatch(/UPSTREAM|ECONNREFUSED|Network error/);
      // Nothing was saved: the test failed, and the user decides.
      expect(harness.core.settings.get().services.overseerr.baseUrl).toBe('');
      expect(await card.getByRole('button', { name: 'Save anyway' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 15_000);

  it('names an invalid address by its field, marks the field, and no toast shows a channel name', async () => {
    const { context, page } = await openApp(browser, harness, '#/settings');
    try {
      await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
      const address = page.getByLabel('Plex address', { exact: true });
      await address.fill('ftp://plex.local');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => toastTexts(page), { timeout: 8000 }).toEqual([expect.stringMatching(/^Plex address: Enter an address starting with http:\/\/ or https:\/\//)]);
      expect(await address.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { name?: string } | null } }).document.activeElement?.name)).toBe('plex.baseUrl');
      for (const text of await toastTexts(page)) {
        expect(text).not.toMatch(CHANNEL_NAME);
        expect(text).not.toContain('services.plex');
      }
      expect(harness.core.settings.get().services.plex.baseUrl).toBe('');
      // Errors stay until dismissed.
      await page.waitForTimeout(200);
      expect(await page.getByTestId('toast').count()).toBe(1);
      await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).click();
      expect(await page.getByTestId('toast').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 15_000);
});
