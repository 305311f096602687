import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../../tests/support/temp-dirs';
import { discoverFfmpeg } from './ffmpeg-discovery';
import { discoverJsRuntime } from './js-runtime-discovery';
import { createRunVersion } from './run-version';
import { discoverYtDlp } from './ytdlp-discovery';

const tempDir = useTempDirs('medianest-tools-');
const runVersion = createRunVersion({ timeoutMs: 5000 });

/** A fake program: a shell script that prints `output`. */
function program(dir: string, name: string, output: string, exitCode = 0): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' '${output}'\nexit ${exitCode}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(process.platform === 'win32')('finding yt-dlp', () => {
  const base = (dir: string) => ({ configuredPath: '', managedPath: join(dir, 'managed', 'yt-dlp'), env: { PATH: join(dir, 'bin') }, platform: process.platform, runVersion });

  it('prefers the path in Settings, then MediaNest’s own copy, then PATH', async () => {
    const dir = tempDir();
    const configured = program(join(dir, 'custom'), 'yt-dlp', '2026.08.19');
    program(join(dir, 'managed'), 'yt-dlp', '2026.01.01');
    program(join(dir, 'bin'), 'yt-dlp', '2025.12.01');
    expect((await discoverYtDlp({ ...base(dir), configuredPath: configured })).status).toMatchObject({ origin: 'configured', version: '2026.08.19', severity: 'ok' });
    expect((await discoverYtDlp(base(dir))).status).toMatchObject({ origin: 'managed', version: '2026.01.01', severity: 'ok', problem: null });
    expect((await discoverYtDlp({ ...base(dir), managedPath: join(dir, 'none') })).status).toMatchObject({ origin: 'system', version: '2025.12.01' });
  });

  it('gives the binary the flags of its version', async () => {
    const dir = tempDir();
    program(join(dir, 'bin'), 'yt-dlp', '2024.04.09');
    const found = await discoverYtDlp(base(dir));
    expect(found.binary).toEqual({ path: join(dir, 'bin', 'yt-dlp'), version: '2024.04.09', hasProgressDelta: true, hasJsRuntimes: false, postprocessNewline: true });
  });

  it('uses an old yt-dlp with a warning that YouTube needs a newer one', async () => {
    const dir = tempDir();
    program(join(dir, 'bin'), 'yt-dlp', '2023.03.04');
    const found = await discoverYtDlp(base(dir));
    expect(found.binary?.version).toBe('2023.03.04');
    expect(found.status.severity).toBe('warning');
    expect(found.status.problem).toMatch(/^YouTube needs a newer yt-dlp: update it in Settings → Downloads/);
  });

  it('refuses a configured path that is missing, and uses no other yt-dlp instead', async () => {
    const dir = tempDir();
    program(join(dir, 'bin'), 'yt-dlp', '2026.08.19');
    const found = await discoverYtDlp({ ...base(dir), configuredPath: join(dir, 'nope', 'yt-dlp') });
    expect(found.binary).toBeUndefined();
    expect(found.status).toMatchObject({ severity: 'error', origin: 'configured', found: false });
    expect(found.status.problem).toContain('does not exist');
    expect(found.status.problem).toContain(join(dir, 'nope', 'yt-dlp'));
  });

  it('refuses a configured program that is not yt-dlp, saying what it answered', async () => {
    const dir = tempDir();
    const other = program(join(dir, 'custom'), 'python3', 'Python 3.11.2');
    const found = await discoverYtDlp({ ...base(dir), configuredPath: other });
    expect(found.binary).toBeUndefined();
    expect(found.status.problem).toContain('is not yt-dlp');
    expect(found.status.problem).toContain('Python 3.11.2');
  });

  it('says so when a configured yt-dlp fails to run', async () => {
    const dir = tempDir();
    const broken = program(join(dir, 'custom'), 'yt-dlp', 'ModuleNotFoundError: no yt_dlp', 1);
    const found = await discoverYtDlp({ ...base(dir), configuredPath: broken });
    expect(found.status.problem).toMatch(/does not run \(it exited with code 1/);
  });

  it('falls back to the system’s when MediaNest’s own copy does not run, with a warning', async () => {
    const dir = tempDir();
    program(join(dir, 'managed'), 'yt-dlp', 'boom', 3);
    program(join(dir, 'bin'), 'yt-dlp', '2026.08.19');
    const found = await discoverYtDlp(base(dir));
    expect(found.status).toMatchObject({ origin: 'system', severity: 'warning' });
    expect(found.status.problem).toContain('MediaNest’s own copy of yt-dlp does not run');
  });

  it('says what to install when there is none', async () => {
    const found = await discoverYtDlp(base(tempDir()));
    expect(found.binary).toBeUndefined();
    expect(found.status).toMatchObject({ found: false, severity: 'error' });
    expect(found.status.problem).toMatch(/yt-dlp is not installed: .*Settings → Downloads/);
  });
});

describe.skipIf(process.platform === 'win32')('finding ffmpeg and a JavaScript runtime', () => {
  it('reads ffmpeg’s version, and warns when it is missing', async () => {
    const dir = tempDir();
    program(dir, 'ffmpeg', 'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers');
    expect((await discoverFfmpeg({ env: { PATH: dir }, platform: process.platform, runVersion })).status).toMatchObject({ version: '5.1.9-0+deb12u1', severity: 'ok', found: true });
    const missing = await discoverFfmpeg({ env: { PATH: tempDir() }, platform: process.platform, runVersion });
    expect(missing.path).toBeUndefined();
    expect(missing.status).toMatchObject({ found: false, severity: 'warning' });
    expect(missing.status.problem).toContain('install ffmpeg');
  });

  it('prefers deno, else node, as a --js-runtimes value', async () => {
    const dir = tempDir();
    const node = program(dir, 'node', 'v24.21.0');
    const withNode = await discoverJsRuntime({ env: { PATH: dir }, platform: process.platform, runVersion, exclude: [] });
    expect(withNode.value).toBe(`node:${node}`);
    expect(withNode.status).toMatchObject({ label: 'node', version: '24.21.0', severity: 'ok' });
    const deno = program(dir, 'deno', 'deno 2.5.6 (stable, release, x86_64-unknown-linux-gnu)');
    expect((await discoverJsRuntime({ env: { PATH: dir }, platform: process.platform, runVersion, exclude: [] })).value).toBe(`deno:${deno}`);
  });

  it('never takes the excluded binary (Electron’s own) for a runtime, and skips runtimes that are too old', async () => {
    const dir = tempDir();
    const node = program(dir, 'node', 'v24.21.0');
    program(dir, 'deno', 'deno 1.46.3 (stable)');
    const found = await discoverJsRuntime({ env: { PATH: dir }, platform: process.platform, runVersion, exclude: [node] });
    expect(found.value).toBeUndefined();
    expect(found.status.severity).toBe('warning');
    expect(found.status.problem).toContain('1.46.3');
    expect(found.status.problem).toContain('YouTube');
  });

  it('warns when there is no runtime at all', async () => {
    const found = await discoverJsRuntime({ env: { PATH: tempDir() }, platform: process.platform, runVersion, exclude: [] });
    expect(found).toMatchObject({ value: undefined, status: { found: false, severity: 'warning', label: 'JavaScript runtime' } });
    expect(found.status.problem).toMatch(/No JavaScript runtime found: YouTube needs one/);
  });
});
