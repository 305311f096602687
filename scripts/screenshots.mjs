#!/usr/bin/env node
// Takes docs/screenshots/<page>[-phone][-light].png of every page with the
// system Chromium: desktop (1440x900) and phone (390x844), dark and light,
// against a demo serve server on a throwaway data folder (so the pictures
// never show the household's real settings). `npm run screenshots` builds
// first; this script only uses dist/. It gets in as a person does: it opens
// the printed link (with its token) once, and the browser keeps the cookie.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'screenshots');
const chromiumPath = process.env.MEDIANEST_CHROMIUM_PATH ?? '/usr/bin/chromium';
const allPages = ['welcome', 'library', 'requests', 'downloads', 'health', 'settings'];
// MEDIANEST_SCREENSHOT_PAGES=downloads,settings takes only those (while working on a page).
const only = process.env.MEDIANEST_SCREENSHOT_PAGES?.split(',').map((name) => name.trim()).filter(Boolean);
const pages = only?.length ? allPages.filter((name) => only.includes(name)) : allPages;
const looks = [
  { suffix: '', viewport: { width: 1440, height: 900 }, colorScheme: 'dark', isMobile: false },
  { suffix: '-light', viewport: { width: 1440, height: 900 }, colorScheme: 'light', isMobile: false },
  { suffix: '-phone', viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true },
  { suffix: '-phone-light', viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true },
];
const START_TIMEOUT_MS = 15_000;

/** Pages that need a few steps to show what they are for, run after the page loads. */
const prepare = {
  // Requests: a search with posters, and (the first time) a few requests made through the dialog.
  async requests(page, first) {
    const search = async (query) => {
      await page.getByRole('searchbox', { name: 'Search Overseerr' }).fill(query);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('list', { name: `Search results for ${query}` }).waitFor();
    };
    if (first) {
      for (const [query, title] of [['Harbour', 'Harbour Lights'], ['Paper', 'Paper Moons'], ['Lighthouse', 'The Lighthouse Keeper']]) {
        await search(query);
        await page.getByRole('button', { name: `Request: ${title}` }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: /^Request/ }).last().click();
        await dialog.waitFor({ state: 'detached' });
      }
      // Without the toasts those steps left.
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    await search('The');
    await page.getByTestId('request-item').first().waitFor();
  },
  // Downloads: the demo playlist, shown while it downloads (later looks catch it further on or done).
  async downloads(page, first) {
    const demo = page.getByRole('button', { name: 'Try the demo playlist' });
    // The page asks for the queue after it is drawn: give the button a moment to appear.
    const offered = first && (await demo.waitFor({ timeout: 5_000 }).then(() => true, () => false));
    if (offered) {
      await demo.click();
      await page.waitForFunction(() => Number(globalThis.document.querySelector('.download-card [role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) >= 20, undefined, { timeout: 15_000 }).catch(() => {});
      // Without the "Added to the queue" toast.
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    await page.getByTestId('download-card').first().waitFor({ timeout: 5_000 }).catch(() => {});
    // The later looks show it finished, in the history with "Open in Plex" (without the "Ready to watch" toast).
    if (!first) {
      const finished = await page.getByRole('heading', { name: 'History', level: 2 }).waitFor({ timeout: 20_000 }).then(() => true, () => false);
      if (finished) {
        await page.reload();
        await page.getByRole('heading', { name: 'History', level: 2 }).waitFor();
      }
    }
    // A playlist opens to its items; the page stays at its top.
    await page.locator('.download-card__items summary').first().click({ timeout: 2_000 }).catch(() => {});
    await page.evaluate(() => globalThis.scrollTo(0, 0));
  },
};

/** Settings' Downloads group, brought to the top. */
async function settingsDownloadsShot(page, url, suffix) {
  await page.goto(`${url}#/settings/downloads`);
  await page.getByRole('heading', { name: 'Downloads', level: 2 }).waitFor();
  await page.getByRole('radio').first().waitFor({ timeout: 5_000 }).catch(() => {});
  await page.evaluate(() => globalThis.document.getElementById('settings-downloads')?.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  const file = join(outDir, `settings-downloads${suffix}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file.slice(root.length + 1)}`);
}

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

for (const file of ['dist/serve/index.js', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, file))) fail(`${file} is missing; run \`npm run build\` first (or \`npm run screenshots\`).`);
}
try {
  accessSync(chromiumPath, constants.X_OK);
} catch {
  fail(`Chromium is not installed at ${chromiumPath}.`);
}

/** Starts the built serve CLI and resolves with its URL once it prints it. */
function startServer(dataDir, demo = true) {
  const child = spawn(process.execPath, [join(root, 'dist/serve/index.js'), ...(demo ? ['--demo'] : []), '--port', '0', '--data-dir', dataDir, '--reason', 'Taking screenshots for docs/screenshots'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /MediaNest is running at (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        const link = match[1];
        resolve({ child, link, url: `${new URL(link).origin}/` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it printed its URL`));
    });
  });
}

const POSTERS_IN_VIEW_LOADED = `(() => {
  const images = [...document.querySelectorAll('.poster-card img')].filter((img) => img.getBoundingClientRect().top < innerHeight);
  return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
})()`;

async function shoot(page, name) {
  await page.waitForFunction(POSTERS_IN_VIEW_LOADED).catch(() => {});
  await page.evaluate(() => globalThis.document.activeElement?.blur?.());
  await page.waitForTimeout(500);
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file.slice(root.length + 1)}`);
}

/** The Library beyond its first screen: search as you type and an item's details. */
async function libraryShots(page, url) {
  await page.goto(`${url}#/library`);
  await page.locator('.poster-card img').first().waitFor();
  await page.getByTestId('library-search').fill('amel');
  await page.getByTestId('search-results').waitFor();
  await shoot(page, 'library-search');
  await page.getByTestId('library-search').fill('');
  await page.locator('.poster-card__open').first().click();
  await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor();
  await shoot(page, 'library-details');
}

function stopServer(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'medianest-screenshots-'));
let server;
let browser;
try {
  server = await startServer(dataDir);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 15_000,
  });
  mkdirSync(outDir, { recursive: true });
  let firstLook = true;
  for (const look of looks) {
    const context = await browser.newContext({
      viewport: look.viewport,
      colorScheme: look.colorScheme,
      isMobile: look.isMobile,
      hasTouch: look.isMobile,
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // The printed link carries the token; the server swaps it for a cookie.
    await page.goto(server.link);
    await page.waitForURL(server.url);
    for (const name of pages) {
      await page.goto(`${server.url}#/${name}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await prepare[name]?.(page, firstLook);
      // Let the first invokes answer so the page shows data, not its loading state.
      await page.waitForLoadState('networkidle').catch(() => {});
      // The library's posters arrive after the page: wait for those in view.
      if (name === 'library') await page.waitForFunction(POSTERS_IN_VIEW_LOADED).catch(() => {});
      // The Health page: wait for Uptime Kuma's monitors (the first poll), and show every card.
      if (name === 'health') await page.locator('[data-testid^="health-kuma:"]').first().waitFor();
      // Navigation moves focus to the h1 (for screen readers); show the page at rest instead.
      await page.evaluate(() => globalThis.document.activeElement?.blur?.());
      await page.waitForTimeout(400);
      const file = join(outDir, `${name}${look.suffix}.png`);
      await page.screenshot({ path: file, fullPage: name === 'health' && !look.isMobile });
      console.log(`wrote ${file.slice(root.length + 1)}`);
      if (name === 'downloads') {
        // A second picture: the queue and the history below the form.
        await page.getByRole('heading', { name: 'Queue', level: 2 }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(200);
        const queue = join(outDir, `downloads-queue${look.suffix}.png`);
        await page.screenshot({ path: queue });
        console.log(`wrote ${queue.slice(root.length + 1)}`);
      }
      if (name === 'requests') {
        // A second picture of the page: the household's requests and their states.
        await page.getByRole('heading', { name: 'Your requests' }).scrollIntoViewIfNeeded();
        await page.waitForTimeout(200);
        const list = join(outDir, `requests-list${look.suffix}.png`);
        await page.screenshot({ path: list });
        console.log(`wrote ${list.slice(root.length + 1)}`);
      }
    }
    if (look.suffix === '' && pages.includes('library')) await libraryShots(page, server.url);
    if (pages.includes('settings')) await settingsDownloadsShot(page, server.url, look.suffix);
    await context.close();
    firstLook = false;
  }

  // Offline: the same data folder without the demo homelab, so Plex's address answers no more.
  if (pages.includes('library')) {
    await stopServer(server.child);
    server = await startServer(dataDir, false);
    const offline = await browser.newContext({ viewport: looks[0].viewport, colorScheme: 'dark', reducedMotion: 'reduce' });
    const offlinePage = await offline.newPage();
    offlinePage.setDefaultTimeout(10_000);
    await offlinePage.goto(server.link);
    await offlinePage.waitForURL(server.url);
    await offlinePage.goto(`${server.url}#/health`);
    for (let check = 0; check < 2; check += 1) {
      await offlinePage.getByRole('button', { name: 'Check Plex now', exact: true }).click();
      await offlinePage.waitForTimeout(600);
    }
    await offlinePage.goto(`${server.url}#/library`);
    await offlinePage.getByTestId('plex-offline-banner').waitFor();
    await offlinePage.locator('.poster-card').first().waitFor();
    await shoot(offlinePage, 'library-offline');
    await offline.close();
  }
} catch (error) {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  if (server) await stopServer(server.child);
  rmSync(dataDir, { recursive: true, force: true });
}
