import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeInstallFailure, electronBinaryPath, projectRoot } from './electron-binary.mjs';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medianest-abi-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('electronBinaryPath', () => {
  it('is null without path.txt or without the binary, and the path when both exist', () => {
    const root = tempDir();
    const electron = join(root, 'node_modules', 'electron');
    mkdirSync(join(electron, 'dist'), { recursive: true });
    expect(electronBinaryPath({ root, env: {} })).toBeNull();
    writeFileSync(join(electron, 'path.txt'), 'electron');
    expect(electronBinaryPath({ root, env: {} })).toBeNull();
    writeFileSync(join(electron, 'dist', 'electron'), '');
    expect(electronBinaryPath({ root, env: {} })).toBe(join(electron, 'dist', 'electron'));
    expect(electronBinaryPath({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'elsewhere') } })).toBeNull();
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH, with or without path.txt', () => {
    const root = tempDir();
    const override = join(root, 'system-electron');
    mkdirSync(override, { recursive: true });
    writeFileSync(join(override, 'electron'), '');
    expect(electronBinaryPath({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' })).toBe(join(override, 'electron'));
    expect(electronBinaryPath({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'win32' })).toBeNull();
  });
});

describe('describeInstallFailure', () => {
  it('names a missing network in one line', () => {
    const line = describeInstallFailure('RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (…)', { env: {} });
    expect(line).toBe('Electron could not be downloaded (no network access to its release files)');
    // Electron 45's installer downloads with fetch, which says only this when there is no network.
    expect(describeInstallFailure('TypeError: fetch failed\n    at node:internal/deps/undici/undici:14000:13', { env: {} })).toBe(
      'Electron could not be downloaded (no network access to its release files)',
    );
  });

  it('names a timeout, a checksum failure and anything else', () => {
    expect(describeInstallFailure('', { timedOut: true, timeoutMs: 120_000, env: {} })).toMatch(/within 120 s/);
    expect(describeInstallFailure('Error: Generated checksum for "electron.zip" did not match expected checksum.', { env: {} })).toMatch(/checksum/);
    expect(describeInstallFailure('Error: EACCES: permission denied, mkdir', { env: {} })).toBe(
      'Electron could not be installed (Error: EACCES: permission denied, mkdir)',
    );
    expect(describeInstallFailure('', { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
  });

  it('never spans more than one line', () => {
    expect(describeInstallFailure('a\nerror one\nerror two', { env: {} })).not.toContain('\n');
  });
});

describe('better-sqlite3', () => {
  // A Node-API module loads in Node and in Electron alike, so nothing is rebuilt for Electron's ABI.
  it('is the Node-API prebuild shipped in the package, not a build compiled at install', () => {
    const dir = join(projectRoot, 'node_modules', 'better-sqlite3');
    expect(existsSync(join(dir, 'build'))).toBe(false);
    const prebuild = join(dir, 'prebuilds', `${process.platform}-${process.arch}.node`);
    const bytes = readFileSync(prebuild).toString('latin1');
    expect(bytes).toContain('napi_register_module_v1');
    expect(bytes).not.toMatch(/node_register_module_v\d+/);
  });
});
