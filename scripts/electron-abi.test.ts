import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeInstallFailure,
  electronAbi,
  electronBinaryPath,
  moduleAbi,
  nativeBuildEnv,
  nodeSqliteBinding,
  projectRoot,
  restoreNodeSqlite,
  swapInElectronSqlite,
} from './electron-abi.mjs';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medianest-abi-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('moduleAbi', () => {
  it("reads Node's ABI from the real better-sqlite3 build", () => {
    expect(moduleAbi(join(projectRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(Number(process.versions.modules));
    expect(moduleAbi(nodeSqliteBinding())).toBe(Number(process.versions.modules));
  });

  it('finds the symbol anywhere in the bytes and returns null without one', () => {
    const dir = tempDir();
    const file = join(dir, 'fake.node');
    writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), Buffer.from('\0node_register_module_v145\0'), Buffer.alloc(64)]));
    expect(moduleAbi(file)).toBe(145);
    writeFileSync(file, Buffer.from('\0napi_register_module_v1\0'));
    expect(moduleAbi(file)).toBeNull();
    expect(moduleAbi(join(dir, 'missing.node'))).toBeNull();
  });
});

describe('electronAbi / electronBinaryPath', () => {
  it('reads abi_version of the installed electron', () => {
    expect(electronAbi()).toBe(145);
  });

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

describe('nativeBuildEnv', () => {
  it("drops npm's nodedir in any case, and keeps the rest", () => {
    expect(nativeBuildEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });
});

describe('swapInElectronSqlite / restoreNodeSqlite', () => {
  it('swaps a build in, keeps the Node build aside, and restores it (also after an interrupted run)', () => {
    const root = tempDir();
    const release = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(release, { recursive: true });
    const live = join(release, 'better_sqlite3.node');
    writeFileSync(live, 'node_register_module_v115');
    const electronBuild = join(root, 'electron.node');
    writeFileSync(electronBuild, 'node_register_module_v145');

    expect(restoreNodeSqlite({ root })).toBe(false);
    swapInElectronSqlite(electronBuild, { root });
    expect(moduleAbi(live)).toBe(145);
    // A second swap (a retried run) must not save the Electron build as "the Node build".
    swapInElectronSqlite(electronBuild, { root });
    expect(restoreNodeSqlite({ root })).toBe(true);
    expect(moduleAbi(live)).toBe(115);
    expect(restoreNodeSqlite({ root })).toBe(false);
  });
});
