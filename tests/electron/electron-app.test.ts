/**
 * The Electron app end to end, through Playwright's `_electron` (playwright-core).
 *
 * Launches the built app (`electron .` → package.json main → dist/main/index.js)
 * with a temp data folder. Needs the Electron binary, which npm does not
 * download here (allowScripts electron=false; `node node_modules/electron/install.js`
 * fetches it when there is network). Without it the suite is skipped with one
 * printed reason, also under MEDIANEST_REQUIRE_SYSTEM_DEPS=1: the binary is a
 * download, not a system package. On Linux without a display it starts its own
 * Xvfb when one is installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinaryPath, projectRoot } from '../../scripts/electron-binary.mjs';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-security';

const binary = electronBinaryPath();
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const hasXvfb = !needsDisplay || spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' }).status === 0;

const skipReason = !binary
  ? 'Electron binary not installed (node_modules/electron has no path.txt or dist/; `node node_modules/electron/install.js` needs network access to its release files)'
  : !hasXvfb
    ? 'No display for Electron (DISPLAY and WAYLAND_DISPLAY are unset and Xvfb is not installed)'
    : undefined;
if (skipReason) console.warn(`${skipReason}; skipping the _electron suite`);

/** What the tests touch in the renderer (this project has no DOM lib; evaluate callbacks cast globalThis). */
interface RendererGlobals {
  medianest?: { invoke(channel: unknown, payload?: unknown): Promise<unknown>; subscribe(channel: string, listener: (payload: unknown) => void): () => void };
  location: { href: string };
  open(url: string): unknown;
  fetch(url: string): Promise<{ headers: { get(name: string): string | null } }>;
  document: { createElement(tag: string): { textContent: string }; head: { append(node: unknown): void } };
  __inlineRan?: boolean;
  [key: string]: unknown;
}

describe.skipIf(skipReason !== undefined)('the Electron app (_electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let xvfb: ChildProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(join(projectRoot, 'dist', 'main', 'index.js'))) throw new Error('dist/main/index.js is missing: run `npm run build` first (npm test does).');
    dataDir = mkdtempSync(join(tmpdir(), 'medianest-electron-e2e-'));

    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    Object.assign(env, { MEDIANEST_DATA_DIR: dataDir, MEDIANEST_LOG_LEVEL: 'warn' });
    if (needsDisplay) {
      const display = `:${90 + Math.floor(Math.random() * 400)}`;
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      env.DISPLAY = display;
    }

    // Chromium refuses to run as root with its OS sandbox; the renderer stays Electron-sandboxed (webPreferences.sandbox).
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({ executablePath: binary!, args: [projectRoot, ...rootArgs], cwd: projectRoot, env, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 15 * 60_000);

  afterAll(async () => {
    if (app) {
      const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
      await app.close();
      expect(await exited).toBe(0);
    }
    xvfb?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('opens one window on the app origin, with the sandbox switched on for every renderer', async () => {
    expect(new URL(page.url()).host).toBe('app');
    expect(page.url().startsWith('medianest://app/')).toBe(true);
    expect(app.windows()).toHaveLength(1);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.commandLine.hasSwitch('enable-sandbox'))).toBe(true);
  });

  it('exposes only window.medianest with invoke and subscribe, through an isolated context', async () => {
    const shape = await page.evaluate(() => {
      const w = globalThis as unknown as RendererGlobals;
      return {
        keys: Object.keys(w.medianest ?? {}).sort(),
        // Bridged functions are proxies from the isolated world: native code, not our source.
        isolated: String(w.medianest?.invoke).includes('[native code]'),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        ipcRenderer: 'ipcRenderer' in w,
        electron: typeof w.electron,
      };
    });
    expect(shape).toEqual({ keys: ['invoke', 'subscribe'], isolated: true, require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', ipcRenderer: false, electron: 'undefined' });
  });

  it('answers app:info with mode electron', async () => {
    const info = await page.evaluate(() => (globalThis as unknown as RendererGlobals).medianest!.invoke('app:info', null));
    expect(info).toMatchObject({ ok: true, result: { mode: 'electron', profile: 'default', dataDir } });
  });

  it('validates channels and payloads across the bridge', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as RendererGlobals).medianest!.invoke('settings:update', { general: { closeToTray: 'yes' } }))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await page.evaluate(() => (globalThis as unknown as RendererGlobals).medianest!.invoke('shell:open-external', 'https://example.com'))).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await page.evaluate(() => (globalThis as unknown as RendererGlobals).medianest!.invoke('medianest:invoke; evil', null))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('delivers events to subscribers', async () => {
    const received = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const bridge = (globalThis as unknown as RendererGlobals).medianest!;
          const off = bridge.subscribe('settings:changed', (payload) => {
            off();
            resolve(payload);
          });
          void bridge.invoke('settings:update', { notifications: { enabled: false } });
        }),
    );
    expect(received).toMatchObject({ notifications: { enabled: false } });
  });

  it('serves the app with the CSP, which blocks inline scripts', async () => {
    const csp = await page.evaluate(async () => (await (globalThis as unknown as RendererGlobals).fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    const inlineRan = await page.evaluate(() => {
      const w = globalThis as unknown as RendererGlobals;
      const script = w.document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      w.document.head.append(script);
      return w.__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
  });

  it.each(['https://example.com/', 'file:///etc/passwd', 'medianest://app.evil/index.html'])('blocks navigation to %s', async (target) => {
    const before = page.url();
    await page.evaluate((url) => {
      (globalThis as unknown as RendererGlobals).location.href = url;
    }, target);
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => typeof (globalThis as unknown as RendererGlobals).medianest)).toBe('object');
  });

  it('denies window.open', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as RendererGlobals).open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.waitForTimeout(300);
    expect(app.windows()).toHaveLength(1);
  });
});
