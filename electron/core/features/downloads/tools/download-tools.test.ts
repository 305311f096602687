import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ToolStatus, UpdateState } from '../../../../../shared/contract/areas/downloads';
import type { SourceUpdate } from '../../../health/health-source';
import { useTempDirs } from '../../../../../tests/support/temp-dirs';
import { createDownloadTools, type DownloadToolsDeps } from './download-tools';
import { createRunVersion, type RunVersion } from './run-version';
import type { DownloadTools } from './tools-types';
import { goodRelease, startReleaseServer, type ReleaseServer } from './ytdlp-release-kit';

const tempDir = useTempDirs('medianest-download-tools-');
const silent = { info: () => undefined, warn: () => undefined };

function program(dir: string, name: string, output: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' '${output}'\n`);
  chmodSync(path, 0o755);
  return path;
}

let server: ReleaseServer;
beforeAll(async () => {
  server = await startReleaseServer();
});
afterAll(async () => {
  await server.close();
});

const made: DownloadTools[] = [];
afterEach(() => {
  for (const tools of made.splice(0)) tools.dispose();
});

/** A computer with Debian's yt-dlp, ffmpeg and node on PATH, and tools over it. */
function setup(overrides: Partial<DownloadToolsDeps> & { ytdlpPath?: string; autoUpdate?: boolean } = {}) {
  const dir = tempDir();
  const bin = join(dir, 'bin');
  program(bin, 'yt-dlp', '2023.03.04');
  program(bin, 'ffmpeg', 'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers');
  const node = program(bin, 'node', 'v24.21.0');
  const settings = { ytdlpPath: overrides.ytdlpPath ?? '', releaseUrl: server.baseUrl, autoUpdate: overrides.autoUpdate ?? false };
  const real = createRunVersion({ timeoutMs: 5000 });
  let runs = 0;
  const runVersion: RunVersion = (path, args) => {
    runs++;
    return real(path, args);
  };
  const tools = createDownloadTools({
    settings: () => settings,
    managedDir: join(dir, 'tools', 'yt-dlp'),
    logger: silent,
    env: { PATH: bin },
    runVersion,
    excludeRuntimes: [],
    trustedKey: server.trustedKey,
    now: () => 5000,
    ...overrides,
  });
  made.push(tools);
  return { dir, bin, node, settings, tools, runs: () => runs };
}

describe.skipIf(process.platform === 'win32')('download tools', () => {
  it('resolves yt-dlp with its flags, ffmpeg and the --js-runtimes value, and answers from the last look', async () => {
    const { tools, bin, node, runs } = setup();
    const resolved = await tools.resolve();
    expect(resolved.ytdlp).toMatchObject({ path: join(bin, 'yt-dlp'), version: '2023.03.04', hasProgressDelta: false, hasJsRuntimes: false, postprocessNewline: false });
    expect(resolved.ffmpegPath).toBe(join(bin, 'ffmpeg'));
    expect(resolved.jsRuntime).toBe(`node:${node}`);
    expect(resolved.status.map((status) => [status.name, status.severity])).toEqual([
      ['yt-dlp', 'warning'],
      ['ffmpeg', 'ok'],
      ['js-runtime', 'ok'],
    ]);
    const count = runs();
    expect(await tools.resolve()).toBe(resolved);
    expect(runs()).toBe(count);
    await tools.resolve({ refresh: true });
    expect(runs()).toBeGreaterThan(count);
  });

  it('tells listeners when what it found changed (a path set in Settings)', async () => {
    const { tools, settings, dir } = setup();
    const seen: (readonly ToolStatus[])[] = [];
    tools.onChanged((status) => seen.push(status));
    await tools.resolve();
    await tools.resolve({ refresh: true });
    expect(seen).toHaveLength(1);
    settings.ytdlpPath = join(dir, 'missing', 'yt-dlp');
    const resolved = await tools.resolve({ refresh: true });
    expect(resolved.ytdlp).toBeUndefined();
    expect(seen).toHaveLength(2);
    expect(seen[1]![0]).toMatchObject({ name: 'yt-dlp', severity: 'error', origin: 'configured' });
  });

  it('looks once more when asked to refresh during a look, so a settings change is not missed', async () => {
    const { tools, settings, dir } = setup();
    const first = tools.resolve();
    settings.ytdlpPath = join(dir, 'missing', 'yt-dlp');
    const second = tools.resolve({ refresh: true });
    expect((await first).status[0]!.origin).toBe('system');
    expect((await second).status[0]).toMatchObject({ origin: 'configured', severity: 'error' });
  });

  it('puts three cards on the Health page, which checkNow looks at again', async () => {
    const { tools, bin } = setup();
    const source = tools.healthSource;
    expect(source.name).toBe('downloads');
    expect(source.entries().map((entry) => [entry.id, entry.state])).toEqual([
      ['downloads:yt-dlp', 'pending'],
      ['downloads:ffmpeg', 'pending'],
      ['downloads:js-runtime', 'pending'],
    ]);
    const updates: SourceUpdate[] = [];
    source.subscribe((update) => updates.push(update));
    await source.checkNow('downloads:yt-dlp');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.observations.map((observation) => [observation.id, observation.state])).toEqual([
      ['downloads:yt-dlp', 'degraded'],
      ['downloads:ffmpeg', 'up'],
      ['downloads:js-runtime', 'up'],
    ]);
    const [ytdlp, ffmpeg] = source.entries();
    expect(ytdlp).toMatchObject({ source: 'downloads', service: null, upstream: null, group: 'Downloads', name: 'yt-dlp', state: 'degraded', since: 5000, lastCheckedAt: 5000 });
    expect(ytdlp!.detail).toBe(`Version 2023.03.04, the system’s at ${join(bin, 'yt-dlp')}.`);
    expect(ytdlp!.error).toMatch(/^YouTube needs a newer yt-dlp/);
    expect(ffmpeg).toMatchObject({ state: 'up', error: null, detail: `Version 5.1.9-0+deb12u1, the system’s at ${join(bin, 'ffmpeg')}.` });
  });

  it('marks a missing yt-dlp down', async () => {
    const { tools } = setup({ env: { PATH: tempDir() } });
    await tools.healthSource.checkNow();
    const [ytdlp, ffmpeg, runtime] = tools.healthSource.entries();
    expect(ytdlp).toMatchObject({ state: 'down', detail: 'Not found: downloads cannot run.' });
    expect(ytdlp!.error).toContain('yt-dlp is not installed');
    expect(ffmpeg!.state).toBe('degraded');
    expect(runtime!.state).toBe('degraded');
  });

  it('fetches its own yt-dlp, then uses it ahead of the system’s', async () => {
    server.release = await goodRelease(server, '2026.09.01');
    const { tools, dir } = setup();
    expect((await tools.resolve()).status[0]).toMatchObject({ origin: 'system', version: '2023.03.04' });
    const states: UpdateState['state'][] = [];
    tools.onUpdateChanged((state) => states.push(state.state));
    const result = await tools.updateYtDlp();
    expect(result).toMatchObject({ state: 'updated', managedVersion: '2026.09.01' });
    expect(states).toEqual(['checking', 'downloading', 'verifying', 'updated']);
    const after = await tools.resolve();
    expect(after.ytdlp).toMatchObject({ path: join(dir, 'tools', 'yt-dlp', 'yt-dlp'), version: '2026.09.01', hasJsRuntimes: true });
    expect(after.status[0]).toMatchObject({ origin: 'managed', severity: 'ok', problem: null });
    expect(tools.updateState()).toEqual(result);
  });

  it('checks for an update at start when auto-update is on, and not when it is off', async () => {
    server.release = await goodRelease(server, '2026.09.02');
    const off = setup({ autoUpdateTiming: { firstCheckMs: 1 } });
    const on = setup({ autoUpdate: true, autoUpdateTiming: { firstCheckMs: 1 } });
    const updated = new Promise<UpdateState>((resolve) => on.tools.onUpdateChanged((state) => state.state === 'updated' && resolve(state)));
    expect((await updated).managedVersion).toBe('2026.09.02');
    expect(off.tools.updateState().state).toBe('idle');
  });

  it('leaves its own copy alone when a yt-dlp is set in Settings', async () => {
    server.release = await goodRelease(server, '2026.09.05');
    const { tools, bin } = setup({ autoUpdate: true, ytdlpPath: 'yt-dlp', autoUpdateTiming: { firstCheckMs: 1, tickMs: 1 } });
    expect((await tools.resolve()).ytdlp?.path).toBe(join(bin, 'yt-dlp'));
    await tools.resolve({ refresh: true });
    expect(tools.updateState().state).toBe('idle');
  });

  it('checks again once a day has passed since the last check', async () => {
    server.release = await goodRelease(server, '2026.09.04');
    let clock = 5000;
    const { tools } = setup({ autoUpdate: true, now: () => clock, autoUpdateTiming: { firstCheckMs: 1, tickMs: 5, everyMs: 60_000 } });
    const seen = (wanted: UpdateState['state']) => new Promise<UpdateState>((resolve) => tools.onUpdateChanged((state) => state.state === wanted && resolve(state)));
    await seen('updated');
    clock += 60_000;
    expect((await seen('current')).checkedAt).toBe(clock);
  });
});
