import { describe, expect, it } from 'vitest';
import { compareYtDlpVersions, parseYtDlpVersion, ytDlpBinary, ytDlpVersionFromOutput } from './ytdlp-version';

describe('yt-dlp versions', () => {
  it('reads release and nightly versions, and nothing else', () => {
    expect(parseYtDlpVersion('2023.03.04')).toEqual([2023, 3, 4, 0]);
    expect(parseYtDlpVersion('2025.11.12.232829')).toEqual([2025, 11, 12, 232829]);
    expect(parseYtDlpVersion('ffmpeg version 5.1')).toBeUndefined();
    expect(parseYtDlpVersion('v24.1.0')).toBeUndefined();
    expect(parseYtDlpVersion('')).toBeUndefined();
  });

  it('takes the first line of --version output', () => {
    expect(ytDlpVersionFromOutput('\n2026.08.19\n')).toBe('2026.08.19');
    expect(ytDlpVersionFromOutput('Python 3.11.2\n')).toBeUndefined();
  });

  it('orders by date, then by the nightly build number', () => {
    expect(compareYtDlpVersions('2023.03.04', '2023.06.21')).toBeLessThan(0);
    expect(compareYtDlpVersions('2024.04.09', '2024.04.09')).toBe(0);
    expect(compareYtDlpVersions('2025.11.12.1', '2025.11.12')).toBeGreaterThan(0);
    expect(compareYtDlpVersions('2026.1.2', '2025.12.31')).toBeGreaterThan(0);
    expect(compareYtDlpVersions('garbage', '2023.03.04')).toBeLessThan(0);
  });

  it("gives Debian's 2023.03.04 none of the newer options", () => {
    expect(ytDlpBinary('/usr/bin/yt-dlp', '2023.03.04')).toEqual({
      path: '/usr/bin/yt-dlp',
      version: '2023.03.04',
      hasProgressDelta: false,
      hasJsRuntimes: false,
      postprocessNewline: false,
    });
  });

  it('switches each flag on at the release that brought it', () => {
    expect(ytDlpBinary('y', '2023.06.21')).toMatchObject({ postprocessNewline: true, hasProgressDelta: false, hasJsRuntimes: false });
    expect(ytDlpBinary('y', '2024.04.08')).toMatchObject({ hasProgressDelta: false });
    expect(ytDlpBinary('y', '2024.04.09')).toMatchObject({ hasProgressDelta: true, hasJsRuntimes: false });
    expect(ytDlpBinary('y', '2025.11.11.99')).toMatchObject({ hasJsRuntimes: false });
    expect(ytDlpBinary('y', '2025.11.12')).toMatchObject({ hasJsRuntimes: true, hasProgressDelta: true, postprocessNewline: true });
  });
});
