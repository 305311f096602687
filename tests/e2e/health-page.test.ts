/**
 * The Health page in Chromium against the demo homelab: services show up
 * healthy, and when one goes away "Check now" shows it down, with its error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: health page');

describe.skipIf(gate.skip)('health page in Chromium (demo homelab)', () => {
  let browser: Browser;
  let harness: ServeHarness;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness] = await Promise.all([launchChromium(), startServeHarness({ profile: 'demo', demoHomelab: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('shows every service healthy, then Plex down after its server stops', async () => {
    const { context, page, problems } = await openApp(browser, harness, '#/health');
    try {
      await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
      await page.getByRole('button', { name: 'Check now' }).click();
      const plex = page.getByTestId('health-plex');
      for (const service of ['plex', 'overseerr', 'uptime-kuma']) {
        await expect.poll(() => page.getByTestId(`health-${service}`).textContent(), { timeout: 5000 }).toContain('Healthy');
      }

      await harness.core.listeners.list().find((listener) => listener.name === 'demo-plex')!.close();
      await page.getByRole('button', { name: 'Check now' }).click();
      await expect.poll(() => plex.textContent(), { timeout: 5000 }).toMatch(/Unhealthy|Degraded/);
      expect(await page.getByTestId('health-overseerr').textContent()).toContain('Healthy');
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 20_000);
});
