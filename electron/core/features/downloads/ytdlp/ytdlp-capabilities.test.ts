import { describe, expect, it } from 'vitest';
import { parseYtDlpVersion, ytDlpCapabilities } from './ytdlp-capabilities';

describe('yt-dlp capabilities', () => {
  it("gives Debian's 2023.03.04 none of the newer options", () => {
    expect(ytDlpCapabilities('/usr/bin/yt-dlp', '2023.03.04\n')).toEqual({
      path: '/usr/bin/yt-dlp',
      version: '2023.03.04',
      hasProgressDelta: false,
      hasJsRuntimes: false,
      postprocessNewline: false,
    });
  });

  it('switches each option on from the release that brought it', () => {
    expect(ytDlpCapabilities('y', '2023.06.21')).toMatchObject({ postprocessNewline: true, hasProgressDelta: false, hasJsRuntimes: false });
    expect(ytDlpCapabilities('y', '2024.04.08')).toMatchObject({ hasProgressDelta: false });
    expect(ytDlpCapabilities('y', '2024.04.09')).toMatchObject({ hasProgressDelta: true, hasJsRuntimes: false });
    expect(ytDlpCapabilities('y', '2025.11.12')).toMatchObject({ hasProgressDelta: true, hasJsRuntimes: true, postprocessNewline: true });
    expect(ytDlpCapabilities('y', '2026.08.19')).toMatchObject({ hasJsRuntimes: true });
  });

  it('reads nightly builds and takes an unreadable version as the oldest', () => {
    expect(parseYtDlpVersion('2025.01.12.232754')).toEqual({ year: 2025, month: 1, day: 12, build: 232754 });
    expect(ytDlpCapabilities('y', '2025.11.12.010203')).toMatchObject({ hasJsRuntimes: true });
    expect(ytDlpCapabilities('y', 'unknown')).toMatchObject({ hasProgressDelta: false, hasJsRuntimes: false, postprocessNewline: false });
    expect(parseYtDlpVersion('2024.13.01')).toBeUndefined();
  });
});
