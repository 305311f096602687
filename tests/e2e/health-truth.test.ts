/**
 * The Health page in Chromium says why a service is unhealthy, in words:
 * a rejected Plex token, and Overseerr and Uptime Kuma each pointed at the
 * other (serve mode against the simulators).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverseerrSimulator, type OverseerrSimulator } from '../../electron/core/features/overseerr/overseerr-simulator';
import { createPlexSimulator, type PlexSimulator } from '../../electron/core/features/plex/plex-simulator';
import { createUptimeKumaSimulator, type UptimeKumaSimulator } from '../../electron/core/features/uptime-kuma/uptime-kuma-simulator';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: health page words');

describe.skipIf(gate.skip)('health page words in Chromium', () => {
  let browser: Browser;
  let harness: ServeHarness;
  let plex: PlexSimulator;
  let overseerr: OverseerrSimulator;
  let kuma: UptimeKumaSimulator;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, harness, plex, overseerr, kuma] = await Promise.all([
      launchChromium(),
      startServeHarness(),
      createPlexSimulator({ token: 'right-token' }),
      createOverseerrSimulator(),
      createUptimeKumaSimulator(),
    ]);
    const saved = await harness.core.dispatch('settings:update', {
      services: {
        plex: { enabled: true, baseUrl: plex.url },
        // Each points at the other: Kuma answers Overseerr's path with its web page, Overseerr redirects Kuma's to /login.
        overseerr: { enabled: true, baseUrl: kuma.url },
        'uptime-kuma': { enabled: true, baseUrl: overseerr.url },
      },
      secrets: { 'plex.token': 'wrong-token', 'overseerr.apiKey': 'some-key' },
    });
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await Promise.all([plex?.close(), overseerr?.close(), kuma?.close()]);
  });

  it('shows each unhealthy service with what is wrong', async () => {
    const { context, page, problems } = await openApp(browser, harness, '#/health');
    try {
      await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
      await page.getByRole('button', { name: 'Check everything' }).click();
      const card = (service: string) => page.getByTestId(`health-service:${service}`);
      await expect.poll(() => card('plex').textContent(), { timeout: 5000 }).toContain('Plex rejected the token: sign in again');
      await expect.poll(() => card('overseerr').textContent(), { timeout: 5000 }).toContain('This address does not answer as Overseerr (it sent a web page)');
      await expect.poll(() => card('uptime-kuma').textContent(), { timeout: 5000 }).toContain('This address does not answer as Uptime Kuma (it redirected to /login)');
      for (const service of ['plex', 'overseerr', 'uptime-kuma']) expect(await card(service).getAttribute('data-state')).toBe('down');
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 20_000);
});
