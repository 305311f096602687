/**
 * Settings end to end in Chromium: a saved setting survives a server restart,
 * and a payload that breaks the schema (from a raw socket or the form) gets a
 * typed error and changes nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, makeTempDir, openApp, removeDir, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: settings');
const PLEX = 'http://127.0.0.1:32400';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
}

/** The text of the status region that is showing something, polled until it does. */
async function statusText(page: Page): Promise<string> {
  let text = '';
  await expect.poll(async () => (text = (await page.getByRole('status').allInnerTexts()).join(' ').trim()), { timeout: 8000 }).not.toBe('');
  return text;
}

describe.skipIf(gate.skip)('settings in Chromium (serve mode)', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureRendererBuilt();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps a saved setting across a server restart', async () => {
    const dataDir = await makeTempDir();
    let harness: ServeHarness | undefined = await startServeHarness({ dataDir });
    const { context, page } = await openApp(browser, harness);
    try {
      await openSettings(page);
      await page.getByLabel('Plex address', { exact: true }).fill(PLEX);
      await page.getByRole('checkbox', { name: 'Enable Plex' }).check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();

      const port = harness.port;
      await harness.stop();
      harness = await startServeHarness({ dataDir, port });
      expect(harness.core.settings.get().services.plex).toMatchObject({ enabled: true, baseUrl: PLEX });

      await page.reload();
      await openSettings(page);
      await expect.poll(() => page.getByLabel('Plex address', { exact: true }).inputValue(), { timeout: 8000 }).toBe(PLEX);
      expect(await page.getByRole('checkbox', { name: 'Enable Plex' }).isChecked()).toBe(true);
    } finally {
      await context.close();
      await harness?.stop();
      await removeDir(dataDir);
    }
  }, 15_000);

  describe('payloads that break the schema', () => {
    let harness: ServeHarness;
    const SAVED = 'http://10.0.0.2:32400';
    beforeAll(async () => {
      harness = await startServeHarness();
      harness.core.settings.update({ services: { plex: { enabled: true, baseUrl: SAVED } } });
    });
    afterAll(async () => {
      await harness?.stop();
    });

    it('get INVALID_PAYLOAD over a raw socket from the page, and nothing changes', async () => {
      const { context, page } = await openApp(browser, harness);
      try {
        const outcome = await page.evaluate(async () => {
          interface BrowserSocket {
            onopen: (() => void) | null;
            onerror: (() => void) | null;
            addEventListener(type: 'message', listener: (event: { data: string }) => void): void;
            removeEventListener(type: 'message', listener: (event: { data: string }) => void): void;
            send(data: string): void;
            close(): void;
          }
          const g = globalThis as unknown as { WebSocket: new (url: string) => BrowserSocket; location: { host: string } };
          const ws = new g.WebSocket(`ws://${g.location.host}/ws`);
          await new Promise<void>((resolve, reject) => {
            ws.onopen = () => resolve();
            ws.onerror = () => reject(new Error('the socket did not open'));
          });
          const call = (id: number, channel: string, payload?: unknown): Promise<Record<string, unknown>> =>
            new Promise((resolve) => {
              const onMessage = (event: { data: string }): void => {
                const message = JSON.parse(event.data) as Record<string, unknown>;
                if (message.type !== 'result' || message.id !== id) return;
                ws.removeEventListener('message', onMessage);
                resolve(message);
              };
              ws.addEventListener('message', onMessage);
              ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
            });
          const before = await call(1, 'settings:get');
          const refused = await call(2, 'settings:update', { services: { plex: { baseUrl: 'ftp://x' } } });
          const after = await call(3, 'settings:get');
          ws.close();
          return { before, refused, after };
        });
        expect(outcome.refused).toMatchObject({ type: 'result', id: 2, ok: false, error: { code: 'INVALID_PAYLOAD' } });
        expect(outcome.before).toMatchObject({ ok: true, result: { services: { plex: { baseUrl: SAVED } } } });
        expect(outcome.after).toMatchObject({ ok: true });
        expect(outcome.after.result).toEqual(outcome.before.result);
        expect(harness.core.settings.get().services.plex.baseUrl).toBe(SAVED);
      } finally {
        await context.close();
      }
    }, 15_000);

    it('show an error from the form and keep the saved value', async () => {
      const { context, page } = await openApp(browser, harness);
      try {
        await openSettings(page);
        const address = page.getByLabel('Plex address', { exact: true });
        await expect.poll(() => address.inputValue(), { timeout: 8000 }).toBe(SAVED);
        await address.fill('not a url');
        await page.getByRole('button', { name: 'Save settings' }).click();
        const status = await statusText(page);
        expect(status).not.toContain('Settings saved');
        // The contract's message for a bad base URL ("Enter an address starting with http:// or https:// …").
        expect(status).toMatch(/address/i);
        expect(harness.core.settings.get().services.plex.baseUrl).toBe(SAVED);

        await page.reload();
        await openSettings(page);
        await expect.poll(() => page.getByLabel('Plex address', { exact: true }).inputValue(), { timeout: 8000 }).toBe(SAVED);
      } finally {
        await context.close();
      }
    }, 15_000);
  });
});
