/**
 * The Requests page in Chromium against serve mode and the Overseerr
 * simulator: search, request, "waiting to send" while Overseerr is down,
 * sent once it is back, then available through the simulator's webhook.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverseerrSimulator, type OverseerrSimulator } from '../../electron/core/features/overseerr/overseerr-simulator';
import { PERMISSION } from '../../electron/core/features/overseerr/simulator/sim-state';
import { createTmdbImageSimulator, type TmdbImageSimulator } from '../../electron/core/features/overseerr/simulator/tmdb-image-simulator';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: requests page');
const KEY = 'e2e-overseerr-key';

describe.skipIf(gate.skip)('Requests page in Chromium (serve mode)', () => {
  let browser: Browser;
  let harness: ServeHarness;
  let overseerr: OverseerrSimulator;
  let images: TmdbImageSimulator;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness, overseerr, images] = await Promise.all([
      launchChromium(),
      startServeHarness({ overseerrTiming: { outbox: { minDelayMs: 100, maxDelayMs: 300, jitterMs: 0 }, reconcileEveryMs: 60_000 } }),
      createOverseerrSimulator({ apiKey: KEY, keyUserPermissions: PERMISSION.REQUEST | PERMISSION.MANAGE_REQUESTS }),
      createTmdbImageSimulator(),
    ]);
    const saved = await harness.core.dispatch('settings:update', {
      services: { overseerr: { enabled: true, baseUrl: overseerr.url, tuning: { timeoutMs: 2000, breaker: { timeoutMs: 500, volumeThreshold: 1000 }, retry: { retries: 0 } } } },
      requests: { tmdbImageBase: `${images.url}/t/p`, webhookEnabled: true, webhookHost: '127.0.0.1', webhookPort: 0 },
      secrets: { 'overseerr.apiKey': KEY },
    });
    expect(saved.ok).toBe(true);
    const setup = await harness.core.dispatch('overseerr:webhook', undefined);
    const { url, authorization } = (setup as { result: { url: string; authorization: string } }).result;
    overseerr.control.setWebhook({ webhookUrl: url, authHeader: authorization });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await Promise.all([overseerr?.close(), images?.close()]);
  });

  it('searches, requests while Overseerr is down, sends it once it is back, and shows it available after the webhook', async () => {
    const { context, page, problems } = await openApp(browser, harness, '#/requests');
    try {
      await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
      await page.getByRole('searchbox', { name: 'Search Overseerr' }).fill('Lighthouse');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const results = page.getByRole('list', { name: 'Search results for Lighthouse' });
      await results.getByRole('heading', { name: 'The Lighthouse Keeper' }).waitFor();
      // The poster came through the core's binary route, from the image server.
      await expect.poll(() => results.locator('img').first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);

      await overseerr.control.pause();
      await results.getByRole('button', { name: 'Request: The Lighthouse Keeper' }).click();
      const dialog = page.getByRole('dialog', { name: /The Lighthouse Keeper/ });
      // Overseerr is away: the dialog says so and still offers Request.
      await dialog.getByText('You can still request it', { exact: false }).waitFor();
      await dialog.getByRole('button', { name: 'Request', exact: true }).click();
      const item = page.getByTestId('request-item').filter({ hasText: 'The Lighthouse Keeper' });
      await item.getByText('Waiting to send').waitFor();
      await page.getByText('One request waits to be sent.', { exact: false }).waitFor();
      expect(overseerr.control.requestFor('movie', 603_001)).toHaveLength(0);

      await overseerr.control.resume();
      await item.getByText('Pending approval').waitFor({ timeout: 5000 });
      expect(overseerr.control.requestFor('movie', 603_001)).toHaveLength(1);

      const id = overseerr.control.requestFor('movie', 603_001)[0]!.id;
      overseerr.control.advance(id);
      await item.getByText('Approved').waitFor({ timeout: 5000 });
      overseerr.control.advance(id);
      overseerr.control.advance(id);
      await item.getByText('Available').waitFor({ timeout: 5000 });
      expect(overseerr.control.webhooks.map((delivery) => `${delivery.type}:${delivery.outcome}`)).toEqual(['MEDIA_PENDING:sent', 'MEDIA_APPROVED:sent', 'MEDIA_AVAILABLE:sent']);
      expect(overseerr.control.requestFor('movie', 603_001)).toHaveLength(1);
      expect(problems.cspViolations).toEqual([]);
      // While Overseerr was down the dialog's details call failed once: that is the page's own words, not a broken page.
      expect(problems.errors.filter((error) => !/HTTP \d+ for \/binary\//.test(error))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 30_000);
});
