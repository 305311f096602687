/**
 * Runs the built main process (dist/main/index.js) in plain Node against a
 * fake `electron` module (tests/electron/fake-electron), because the real
 * binary cannot be downloaded everywhere. This checks the wiring the unit
 * tests cannot: start-up order, the protocol, the IPC bridge on a real core,
 * window and tray creation, close-to-tray, the single-instance lock, profiles,
 * the start-up failure path and a clean quit. The _electron suite
 * (electron-app.test.ts) covers the same ground in real Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-security';

const ROOT = join(import.meta.dirname, '..', '..');
const REGISTER = join(import.meta.dirname, 'fake-electron', 'register.mjs');

/** What tests/electron/fake-electron/electron.mjs prints as FAKE_REPORT. */
interface Report {
  readonly calls: unknown[][];
  readonly errors?: string[];
  readonly dialogs: { title: string; message: string }[];
  readonly applicationMenu?: unknown;
  readonly privileged?: unknown[];
  readonly protocols?: string[];
  readonly ipcHandlers?: string[];
  readonly session?: unknown;
  readonly trays?: unknown[];
  readonly window?: { count: number; url: string; visible: boolean; show: boolean; webPreferences: Record<string, unknown>; guards: string[]; hasOpenHandler: boolean; sent: unknown[][] };
  readonly page?: unknown;
  readonly binaryStatus?: number;
  readonly info?: unknown;
  readonly forbidden?: unknown;
  readonly invalid?: unknown;
  readonly update?: boolean;
  readonly navigationBlocked?: boolean;
  readonly windowOpen?: unknown;
  readonly closeHidden?: boolean;
  readonly secondInstanceShows?: boolean;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: Report;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medianest-main-'));
  dirs.push(dir);
  return dir;
}

function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MEDIANEST_LOG_LEVEL: 'warn' };
  for (const key of ['MEDIANEST_DATA_DIR', 'MEDIANEST_PROFILE', 'FAKE_LOCK', 'FAKE_SCENARIO', 'FAKE_KEYRING']) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function runMain(env: Record<string, string | undefined>, args: string[] = [], onReady?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REGISTER, join(ROOT, 'dist', 'main', 'index.js'), ...args], { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (onReady && stdout.includes('FAKE_READY')) {
        const callback = onReady;
        onReady = undefined;
        callback(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((entry) => entry.startsWith('FAKE_REPORT '));
      resolve({ code, stdout, stderr, report: line ? (JSON.parse(line.slice('FAKE_REPORT '.length)) as Report) : { calls: [], dialogs: [] } });
    });
  });
}

beforeAll(() => {
  // Always test the current sources: esbuild rebuilds main and preload in well under a second.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'main', 'preload'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
});

describe('dist/main/index.js on a fake electron', () => {
  it('starts, serves, bridges, hides to tray and quits cleanly', async () => {
    const dataDir = tempDir();
    const run = await runMain({ MEDIANEST_DATA_DIR: dataDir });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const report = run.report;

    // Before ready: data folder, sandbox, privileged scheme, lock; no default menu in production (dev keeps View).
    expect(run.report.calls.slice(0, 4)).toEqual([
      ['app.setPath', 'userData', dataDir],
      ['app.enableSandbox', 'before-ready'],
      ['protocol.registerSchemesAsPrivileged', 'before-ready'],
      ['app.requestSingleInstanceLock', dataDir],
    ]);
    expect(report.privileged).toEqual([{ scheme: 'medianest', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.applicationMenu).toEqual({ template: [{ role: 'viewMenu' }] });
    expect(report.session).toEqual({ csp: true, permissions: true, download: true });

    // The protocol serves the renderer with the CSP.
    expect(report.protocols).toEqual(['medianest']);
    const rendererBuilt = existsSync(join(ROOT, 'dist', 'renderer', 'index.html'));
    expect(report.page).toEqual({ status: rendererBuilt ? 200 : 404, csp: CONTENT_SECURITY_POLICY, type: expect.any(String) });
    expect(report.binaryStatus).toBe(404);

    // The bridge: trusted calls reach the real core, others are refused, payloads are validated.
    expect(report.info).toMatchObject({ ok: true, result: { mode: 'electron', profile: 'default', dataDir, version: '0.1.0-fake' } });
    expect(report.forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(report.invalid).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(report.update).toBe(true);
    expect(report.window?.sent).toContainEqual(['medianest:event', 'settings:changed']);

    // One hardened window, hidden until ready, guarded.
    expect(report.window).toMatchObject({
      count: 1,
      url: 'medianest://app/index.html',
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, preload: join(ROOT, 'dist', 'preload', 'index.cjs') },
      hasOpenHandler: true,
    });
    expect(report.window?.guards).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect(report.navigationBlocked).toBe(true);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.closeHidden).toBe(true);
    expect(report.secondInstanceShows).toBe(true);

    // Tray with the menu, destroyed on quit; quit went through before-quit once, then exit(0).
    expect(report.trays).toEqual([{ destroyed: true, tooltip: 'MediaNest: No services set up yet', image: join(ROOT, 'resources', 'tray-ok-light.png'), menu: ['Show MediaNest', 'separator', 'No services set up yet', 'separator', 'No downloads running', 'Pause all downloads', 'separator', 'Quit MediaNest'] }]);
    expect(run.report.calls.slice(-3)).toEqual([['app.quit'], ['before-quit', 'prevented'], ['app.exit', 0]]);
    expect(report.ipcHandlers).toEqual([]);

    // Files: settings, an encrypted secret, the window state.
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toHaveProperty('schemaVersion');
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(secrets['plex.token']).toMatch(/^safe:v1:/);
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1100, height: 700, maximized: false });
    expect(run.stderr).toContain('refused an IPC call from an untrusted sender');
  }, 40_000);

  it('exits at once, without opening anything, when another instance holds the lock', async () => {
    const dataDir = tempDir();
    const run = await runMain({ MEDIANEST_DATA_DIR: dataDir, FAKE_LOCK: 'taken' });
    expect(run.code).toBe(0);
    expect(run.report.calls).toContainEqual(['app.exit', 0]);
    expect(run.report.window).toBeUndefined();
    expect(existsSync(join(dataDir, 'medianest.db'))).toBe(false);
    expect(existsSync(join(dataDir, 'cache.db'))).toBe(false);
  }, 40_000);

  it('uses the demo folder with --demo (beside the real profile)', async () => {
    const config = tempDir();
    const run = await runMain({ XDG_CONFIG_HOME: config }, ['--demo']);
    expect(run.code).toBe(0);
    const report = run.report;
    expect(report.calls[0]).toEqual(['app.setPath', 'userData', join(config, 'MediaNest Demo')]);
    expect(report.info).toMatchObject({ ok: true, result: { profile: 'demo', dataDir: join(config, 'MediaNest Demo') } });
  }, 40_000);

  it('stores secrets unencrypted, and says so, without a real keyring', async () => {
    const dataDir = tempDir();
    const run = await runMain({ MEDIANEST_DATA_DIR: dataDir, FAKE_KEYRING: 'basic_text' });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).toEqual({ 'plex.token': 'tok-123' });
    expect(run.stderr).toContain('Secrets are stored unencrypted');
  }, 40_000);

  it('shows an error and exits 1 when start-up fails', async () => {
    // Stored data never stops the start (a broken file is set aside and the user told), so a shell step fails instead.
    const run = await runMain({ MEDIANEST_DATA_DIR: tempDir(), FAKE_FAIL: 'protocol.handle' });
    expect(run.code).toBe(1);
    expect(run.report.dialogs).toEqual([{ title: 'MediaNest could not start', message: expect.any(String) }]);
  }, 40_000);

  it('quits cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const run = await runMain({ MEDIANEST_DATA_DIR: dataDir, FAKE_SCENARIO: 'idle' }, [], (child) => child.kill('SIGTERM'));
    expect(run.code).toBe(0);
    expect(run.report.calls.slice(-3)).toEqual([['app.quit'], ['before-quit', 'prevented'], ['app.exit', 0]]);
    expect(existsSync(join(dataDir, 'window-state.json'))).toBe(true);
  }, 40_000);
});
