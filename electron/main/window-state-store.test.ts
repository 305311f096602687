/**
 * Runs the real electron-store in plain Node. electron-store imports `electron`
 * at the top; outside Electron that package's index.js throws unless
 * ELECTRON_OVERRIDE_DIST_PATH is set, in which case it returns a path string and
 * electron-store sees no `app`/`ipcMain` (so it needs the explicit `cwd` we pass).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clampWindowState, type Rect, type WindowStateStore } from './window-state';

let store: { createWindowStateStore(dataDir: string, onError?: (error: unknown) => void): WindowStateStore };

const previousOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;
beforeAll(async () => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'medianest-no-electron');
  store = await import('./window-state-store');
});
afterAll(() => {
  // electron-store has loaded by now; do not leak the override into other suites sharing this worker.
  if (previousOverride === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = previousOverride;
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medianest-window-store-'));
  dirs.push(dir);
  return dir;
};
const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };

describe('createWindowStateStore (electron-store)', () => {
  it('round-trips through window-state.json, also for a second store on the same folder', () => {
    const dir = tempDir();
    const first = store.createWindowStateStore(dir);
    expect(clampWindowState(first.load(), [laptop])).toEqual({ width: 1280, height: 800, maximized: false });
    first.save({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    expect(clampWindowState(store.createWindowStateStore(dir).load(), [laptop])).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
  });

  it('reads a damaged file as nothing saved, so the window opens at its default size', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'window-state.json'), '{ not json');
    expect(clampWindowState(store.createWindowStateStore(dir).load(), [laptop])).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('falls back to memory, and says why, when the folder cannot hold the file', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const errors: unknown[] = [];
    const fallback = store.createWindowStateStore(join(file, 'inside'), (error) => errors.push(error));
    fallback.save({ width: 900, height: 600, maximized: false });
    expect(fallback.load()).toEqual({ width: 900, height: 600, maximized: false });
    expect(errors).toHaveLength(1);
  });
});
