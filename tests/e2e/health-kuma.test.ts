/**
 * The Health page in Chromium (serve mode) with an Uptime Kuma simulator:
 * the summary, MediaNest's own services and every Kuma monitor in its group,
 * a monitor going down showing within one poll interval (card, summary, nav
 * dot, an alert toast), and back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedMonitor } from '../../electron/core/features/uptime-kuma/kuma-monitor-script';
import { createUptimeKumaSimulator, type UptimeKumaSimulator } from '../../electron/core/features/uptime-kuma/uptime-kuma-simulator';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: health page with Uptime Kuma');
const POLL_S = 1;
const BEAT_MS = 250;
const monitors: ScriptedMonitor[] = [
  { id: 1, name: 'Media server', group: 'Media', intervalMs: BEAT_MS, script: { kind: 'steady', state: 'up' } },
  { id: 2, name: 'NAS', group: 'Storage', intervalMs: BEAT_MS, script: { kind: 'steady', state: 'up' } },
  { id: 3, name: 'Backup disk', group: 'Storage', intervalMs: BEAT_MS, script: { kind: 'steady', state: 'maintenance' } },
];

describe.skipIf(gate.skip)('health page with Uptime Kuma in Chromium', () => {
  let browser: Browser;
  let harness: ServeHarness;
  let kuma: UptimeKumaSimulator;

  beforeAll(async () => {
    await ensureRendererBuilt();
    kuma = await createUptimeKumaSimulator({ monitors });
    [browser, harness] = await Promise.all([launchChromium(), startServeHarness()]);
    const saved = await harness.core.dispatch('settings:update', {
      services: { 'uptime-kuma': { enabled: true, baseUrl: kuma.url, statusPageSlug: 'homelab', pollSeconds: POLL_S } },
    });
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await kuma?.close();
  });

  it('shows the summary, each service and monitor, a monitor going down and the pinned incident within one poll interval', async () => {
    const { context, page, problems } = await openApp(browser, harness, '#/health');
    try {
      await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
      const summary = page.getByTestId('health-summary');
      const nas = page.getByTestId('health-kuma:2');
      await expect.poll(() => nas.getAttribute('data-state'), { timeout: 5000 }).toBe('up');
      await expect.poll(() => summary.textContent(), { timeout: 5000 }).toMatch(/services are working/);
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Checked by MediaNest', 'Media from Uptime Kuma', 'Storage from Uptime Kuma', 'Downloads']);
      for (const [id, word] of [
        ['service:uptime-kuma', /Working|Not known/],
        ['service:plex', /Turned off/],
        ['kuma:1', /Working/],
        ['kuma:3', /Maintenance/],
      ] as const) {
        await expect.poll(() => page.getByTestId(`health-${id}`).textContent(), { timeout: 5000 }).toMatch(word);
      }
      expect(await page.getByTestId('health-dot').getAttribute('data-level')).toBe('ok');

      kuma.control.setMonitorState(2, 'down');
      kuma.control.setIncident({ title: 'Internet is out', content: 'The provider knows.', style: 'danger' });
      const downAt = Date.now();
      await expect.poll(() => nas.getAttribute('data-state'), { timeout: 2 * POLL_S * 1000 + 1000 }).toBe('down');
      expect(Date.now() - downAt).toBeLessThan(POLL_S * 1000 + BEAT_MS + 1500);
      expect(await nas.textContent()).toContain('Down');
      await expect.poll(() => summary.textContent()).toMatch(/NAS is down since \d{1,2}:\d{2}/);
      // The status page's pinned incident, as a banner in words.
      await expect.poll(() => page.getByTestId('health-notices').textContent()).toContain('Internet is outThe provider knows.');
      await expect.poll(() => page.getByTestId('health-dot').getAttribute('data-level')).toBe('down');
      // The alert, once the state held for two of Kuma's checks, as a toast at the top.
      await expect.poll(() => page.getByTestId('health-alerts').textContent(), { timeout: 6000 }).toContain('NAS is down');

      kuma.control.setMonitorState(2, 'up');
      kuma.control.setIncident(null);
      await expect.poll(() => nas.getAttribute('data-state'), { timeout: 3000 }).toBe('up');
      await expect.poll(() => page.getByTestId('health-notices').count()).toBe(0);
      await expect.poll(() => page.getByTestId('health-dot').getAttribute('data-level')).toBe('ok');
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 30_000);
});
