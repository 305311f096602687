/**
 * Settings → About in Chromium against a real serve server: a backup is saved
 * as a download (its tokens sealed with the passphrase), restored on another
 * profile only after the page has shown what it replaces, and diagnostics are
 * saved as a file without a secret in them.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, gateBrowserSuite, launchChromium, openApp, startServeHarness, type ServeHarness } from '../support/serve-harness';

const gate = gateBrowserSuite('e2e: backup and diagnostics');
const TOKEN = 'plex-token-for-the-backup-e2e';

describe.skipIf(gate.skip)('backup and diagnostics in Chromium (serve mode)', () => {
  let browser: Browser;
  let source: ServeHarness;
  let target: ServeHarness;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, source, target] = await Promise.all([launchChromium(), startServeHarness(), startServeHarness()]);
    const saved = await source.core.dispatch('settings:update', { services: { plex: { enabled: true, baseUrl: 'http://nas.example:32400' } }, secrets: { 'plex.token': TOKEN } });
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it('saves a backup with sealed secrets and restores it elsewhere after showing what it replaces', async () => {
    const saving = await openApp(browser, source, '#/settings/about');
    let content: string;
    let fileName: string;
    try {
      const part = saving.page.getByTestId('backup-export');
      await part.getByLabel('Include tokens and API keys').check();
      await part.getByLabel('Passphrase for the backup').fill('correct horse battery');
      const [download] = await Promise.all([saving.page.waitForEvent('download'), part.getByRole('button', { name: 'Save a backup' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^medianest-backup-\d{4}-\d\d-\d\d\.json$/);
      fileName = download.suggestedFilename();
      // Read now: the download's file goes with its browser context.
      content = await readFile((await download.path())!, 'utf8');
      expect(JSON.parse(content)).toMatchObject({ format: 'medianest-backup', settings: { services: { plex: { baseUrl: 'http://nas.example:32400' } } } });
      expect(content).not.toContain(TOKEN);
      expect(saving.problems).toEqual({ errors: [], cspViolations: [] });
    } finally {
      await saving.context.close();
    }

    const restoring = await openApp(browser, target, '#/settings/about');
    try {
      const part = restoring.page.getByTestId('backup-restore');
      await part.getByLabel('Backup file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(content) });
      const preview = restoring.page.getByTestId('backup-preview');
      await preview.getByText('Plex address: (empty) → http://nas.example:32400').waitFor();
      await preview.getByText(/type the passphrase it was saved with/).waitFor();
      expect(target.core.settings.get().services.plex.baseUrl).toBe('');

      await part.getByLabel('Passphrase of the backup').fill('correct horse battery');
      await part.getByRole('button', { name: 'Open' }).click();
      await part.getByText('Plex token: set from the backup').waitFor();
      await part.getByRole('button', { name: 'Replace with this backup' }).click();
      await restoring.page.getByText(/^Restored from /).waitFor();
      expect(target.core.settings.get().services.plex.baseUrl).toBe('http://nas.example:32400');
      expect(target.core.secrets.get('plex.token')).toBe(TOKEN);
      // The form shows the restored settings without a reload.
      expect(await restoring.page.getByLabel('Plex address', { exact: true }).inputValue()).toBe('http://nas.example:32400');
      expect(restoring.problems).toEqual({ errors: [], cspViolations: [] });
    } finally {
      await restoring.context.close();
    }
  }, 30_000);

  it('saves diagnostics as a file, without the token or the serve token', async () => {
    const { context, page } = await openApp(browser, source, '#/settings/about');
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('diagnostics').getByRole('button', { name: 'Save as a file' }).click()]);
      const text = await readFile((await download.path())!, 'utf8');
      expect(text).toMatch(/^MediaNest diagnostics, made /);
      expect(text).toContain('"baseUrl": "http://nas.example:32400"');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(source.token);
    } finally {
      await context.close();
    }
  }, 20_000);
});
