/**
 * The Library page in Chromium against serve mode on the Plex rows' library
 * of 100,000 items (one run, the same synced index):
 *
 * - `ui.search_keystroke_p95_ms`: a key pressed in search to its results
 *   painted, as people type (≤ 50 ms; the page asks on every key, no debounce);
 * - `ui.library_first_page_ms`: a click on "Library" to the first screen of
 *   posters painted, poster cache warm (median of 5, ≤ 150 ms);
 * - `ui.library_scroll_long_frames_pct`: frames over 32 ms while scrolling the
 *   whole grid for a few seconds (≤ 2 %).
 *
 * Times are taken inside the page (event timestamps and animation frames), so
 * the automation's round trips are not in them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LibraryItem } from '../../shared/contract/areas/plex';
import type { ServeServer } from '../../electron/serve/serve-server';
import type { BenchRow } from '../bench-row';
import { plexBenchLibrary, type PlexBenchLibrary } from './plex-bench-fixture';
import { percentile, typedQueries } from './plex-rows';

const SIZE = 100_000;
const CHROMIUM = '/usr/bin/chromium';
const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer');

interface UiSession {
  readonly browser: Browser;
  readonly page: Page;
  readonly server: ServeServer;
  readonly library: PlexBenchLibrary;
}

let session: Promise<UiSession> | undefined;

function uiSession(): Promise<UiSession> {
  session ??= (async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}`);
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('the renderer is not built (npm run build)');
    // Loaded only when a UI row runs: the start-up rows' child processes run this same bundle.
    const [{ chromium }, { startServeServer }, { generateServeToken }] = await Promise.all([
      import('playwright-core'),
      import('../../electron/serve/serve-server'),
      import('../../electron/serve/serve-token'),
    ]);
    const library = await plexBenchLibrary(SIZE);
    const server = await startServeServer({ core: library.core, rendererDir: RENDERER_DIR, host: '127.0.0.1', port: 0, token: generateServeToken() });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.link);
    await page.waitForURL(server.url);
    await page.goto(`${server.url}#/library`);
    await page.locator('.plex-card img').first().waitFor({ timeout: 30_000 });
    return { browser, page, server, library };
  })();
  return session;
}

export async function closePlexUiSession(): Promise<void> {
  if (!session) return;
  const opened = await session.catch(() => undefined);
  session = undefined;
  await opened?.browser.close();
  await opened?.server.stop();
}

/** In the page: from the last keydown to the frame after results for `query` are in the DOM. */
const WAIT_FOR_RESULTS = `(query) => new Promise((resolve) => {
  const done = () => document.querySelector('[data-query="' + CSS.escape(query) + '"]');
  const finish = () => requestAnimationFrame(() => resolve(performance.now() - window.__lastKey));
  if (done()) return finish();
  const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); finish(); } });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
})`;

async function searchKeystrokeP95(ui: UiSession): Promise<number> {
  const { page, library } = ui;
  const titles: string[] = [];
  for (let n = 0; n < 12; n += 1) {
    const outcome = await library.core.dispatch('plex:items', { sectionKey: '1', offset: Math.floor(((n + 0.5) / 12) * SIZE), limit: 1 });
    if (outcome.ok) titles.push(...(outcome.result as { items: LibraryItem[] }).items.map((item) => item.title));
  }
  await page.evaluate(`window.addEventListener('keydown', (event) => { window.__lastKey = event.timeStamp; }, true)`);
  const search = page.getByTestId('library-search');
  const times: number[] = [];
  const words = [...new Set(typedQueries(titles).filter((query) => !query.includes(' ')).map((query) => query))].slice(0, 80);
  let typed = '';
  for (const query of words) {
    // Type only what extends the last query; otherwise start again.
    if (!query.startsWith(typed)) {
      await search.fill('');
      typed = '';
    }
    await search.focus();
    for (const char of query.slice(typed.length)) {
      typed += char;
      await page.keyboard.type(char);
      times.push((await page.evaluate(`(${WAIT_FOR_RESULTS})(${JSON.stringify(typed)})`)) as number);
    }
  }
  await search.fill('');
  return percentile(times, 95);
}

/** In the page: a click on Library to the frame after every poster in view has loaded. */
const FIRST_PAGE = `() => new Promise((resolve) => {
  const started = performance.now();
  document.querySelector('a[href="#/library"]').click();
  const check = () => {
    const images = [...document.querySelectorAll('.plex-card img')].filter((img) => { const box = img.getBoundingClientRect(); return box.top < innerHeight && box.bottom > 0; });
    if (images.length >= 6 && images.every((img) => img.complete && img.naturalWidth > 0)) requestAnimationFrame(() => resolve(performance.now() - started));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

async function firstPageMs(ui: UiSession): Promise<number> {
  const { page, server } = ui;
  const times: number[] = [];
  for (let round = 0; round < 6; round += 1) {
    await page.goto(`${server.url}#/health`);
    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
    const ms = (await page.evaluate(`(${FIRST_PAGE})()`)) as number;
    // The first round warms the poster cache and the statements.
    if (round > 0) times.push(ms);
  }
  return percentile(times, 50);
}

/** In the page: scrolls the grid for `ms`, returns the share of frames longer than 32 ms. */
const SCROLL = `(ms) => new Promise((resolve) => {
  window.scrollTo(0, 0);
  let last = performance.now();
  const end = last + ms;
  let frames = 0;
  let long = 0;
  const step = (now) => {
    frames += 1;
    if (now - last > 32) long += 1;
    last = now;
    window.scrollBy(0, 90);
    if (now < end) requestAnimationFrame(step);
    else resolve({ frames, long });
  };
  requestAnimationFrame(step);
})`;

async function scrollLongFramesPct(ui: UiSession): Promise<number> {
  const { page, server } = ui;
  await page.goto(`${server.url}#/library`);
  await page.locator('.plex-card').first().waitFor();
  const { frames, long } = (await page.evaluate(`(${SCROLL})(5000)`)) as { frames: number; long: number };
  if (frames < 30) throw new Error(`only ${frames} frames were drawn`);
  return (long / frames) * 100;
}

function uiRow(name: string, unit: string, goal: number, measure: (ui: UiSession) => Promise<number>): BenchRow {
  return {
    name,
    unit,
    goal: `≤ ${goal}`,
    async run() {
      const value = await measure(await uiSession());
      return { value, pass: value <= goal };
    },
  };
}

export const rows: BenchRow[] = [
  uiRow('ui.search_keystroke_p95_ms', 'ms', 50, searchKeystrokeP95),
  uiRow('ui.library_first_page_ms', 'ms', 150, firstPageMs),
  uiRow('ui.library_scroll_long_frames_pct', '%', 2, scrollLongFramesPct),
];
