import { describe, expect, it } from 'vitest';
import { gateSystemSuite, programAvailability, SYSTEM_PROGRAMS } from '../../../../../tests/support/system-deps';
import { discoverFfmpeg } from './ffmpeg-discovery';
import { discoverJsRuntime } from './js-runtime-discovery';
import { createRunVersion } from './run-version';
import { discoverYtDlp } from './ytdlp-discovery';

const runVersion = createRunVersion();
const base = { managedPath: '/nonexistent/medianest/yt-dlp', env: process.env, platform: process.platform, runVersion };

const debian = programAvailability(SYSTEM_PROGRAMS.ytDlp);
describe.skipIf(gateSystemSuite('the system yt-dlp', SYSTEM_PROGRAMS.ytDlp, debian).skip)('the system yt-dlp', () => {
  it('is usable, old or new: a warning at worst, never an error', async () => {
    const found = await discoverYtDlp({ ...base, configuredPath: debian.path! });
    expect(found.binary?.version).toMatch(/^\d{4}\.\d{2}\.\d{2}/);
    expect(found.status.severity).not.toBe('error');
    if (found.binary?.version === '2023.03.04') {
      expect(found.binary).toMatchObject({ hasProgressDelta: false, hasJsRuntimes: false, postprocessNewline: false });
      expect(found.status.problem).toMatch(/^YouTube needs a newer yt-dlp/);
    }
  });
});

const current = programAvailability(SYSTEM_PROGRAMS.ytDlpCurrent);
describe.skipIf(gateSystemSuite('a current yt-dlp', SYSTEM_PROGRAMS.ytDlpCurrent, current).skip)('a current yt-dlp', () => {
  it('has every option and no warning', async () => {
    const found = await discoverYtDlp({ ...base, configuredPath: current.path! });
    expect(found.binary).toMatchObject({ hasProgressDelta: true, hasJsRuntimes: true, postprocessNewline: true });
    expect(found.status).toMatchObject({ severity: 'ok', origin: 'configured', problem: null });
  });
});

describe.skipIf(gateSystemSuite('the system ffmpeg', SYSTEM_PROGRAMS.ffmpeg).skip)('the system ffmpeg', () => {
  it('answers its version', async () => {
    const found = await discoverFfmpeg({ env: process.env, platform: process.platform, runVersion });
    expect(found.path).toBeDefined();
    expect(found.status).toMatchObject({ found: true, severity: 'ok' });
    expect(found.status.version).toMatch(/\d/);
  });
});

describe('the Node.js running the tests', () => {
  it('is found as a JavaScript runtime unless excluded', async () => {
    const found = await discoverJsRuntime({ env: process.env, platform: process.platform, runVersion, exclude: [] });
    expect(found.value).toMatch(/^(deno|node):/);
    const path = found.value!.slice(found.value!.indexOf(':') + 1);
    const withoutIt = await discoverJsRuntime({ env: process.env, platform: process.platform, runVersion, exclude: [path] });
    expect(withoutIt.value).not.toBe(found.value);
  });
});
