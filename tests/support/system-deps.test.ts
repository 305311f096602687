import { describe, expect, it } from 'vitest';
import { SYSTEM_PROGRAMS, programAvailability } from './system-deps';

describe('system dependency gates', () => {
  it('finds a bare command on PATH', () => {
    const found = programAvailability({ name: 'sh', command: 'sh', debianPackage: 'dash' }, { PATH: '/nonexistent:/bin:/usr/bin' });
    expect(found.available).toBe(true);
    expect(found.path).toMatch(/\/sh$/);
  });

  it('explains what is missing and which package brings it', () => {
    const missing = programAvailability(SYSTEM_PROGRAMS.ytDlp, { PATH: '/nonexistent' });
    expect(missing).toMatchObject({ available: false, required: false });
    expect(missing.reason).toBe('yt-dlp is not installed on PATH (install the Debian "yt-dlp" package).');
  });

  it('marks missing programs as required under MEDIANEST_REQUIRE_SYSTEM_DEPS=1', () => {
    const missing = programAvailability({ name: 'Chromium', command: '/nonexistent/chromium', debianPackage: 'chromium' }, { MEDIANEST_REQUIRE_SYSTEM_DEPS: '1' });
    expect(missing).toMatchObject({ available: false, required: true });
    expect(missing.reason).toContain('at /nonexistent/chromium');
  });
});
