import { describe, expect, it } from 'vitest';
import { classifyFailure } from './ytdlp-failure';

describe('yt-dlp failure classes', () => {
  it.each([
    [1, 'ERROR: [generic] None: Unable to download webpage: <urlopen error [Errno 111] Connection refused>', 'network', true],
    [1, 'ERROR: unable to download video data: HTTP Error 403: Forbidden', 'http-forbidden', false],
    [1, "ERROR: [generic] None: Unable to download webpage: HTTP Error 429: Too Many Requests (caused by <HTTPError 429: 'Too Many Requests'>); please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template. Confirm you are on the latest version using  yt-dlp -U", 'rate-limited', true],
    [1, 'ERROR: Unsupported URL: http://127.0.0.1:3000/faults/no-media', 'unsupported-url', false],
    [1, 'ERROR: [generic] None: Unable to download webpage: HTTP Error 404: Not Found', 'unavailable', false],
    [1, 'ERROR: [youtube] abc: Private video. Sign in if you\'ve been granted access to this video. Use --cookies-from-browser or --cookies for the authentication.', 'unavailable', false],
    [1, 'ERROR: [youtube] abc: Video unavailable. This video has been removed by the uploader', 'unavailable', false],
    [1, 'ERROR: [youtube] abc: Sign in to confirm you’re not a bot. Use --cookies-from-browser or --cookies for the authentication.', 'bot-check', false],
    [1, 'ERROR: [youtube] abc: The uploader has not made this video available in your country', 'geo-blocked', false],
    [1, 'ERROR: unable to write data: [Errno 28] No space left on device', 'disk-full', false],
    [2, 'yt-dlp: error: no such option: --progress-delta', 'ytdlp-too-old', false],
    [1, 'ERROR: [youtube] abc: nsig extraction failed: Some formats may be missing', 'ytdlp-too-old', false],
  ] as const)('exit %i with %j is %s', (code, line, kind, transient) => {
    const failure = classifyFailure(code, ['[generic] Extracting URL', line]);
    expect(failure.kind).toBe(kind);
    expect(failure.transient).toBe(transient);
    expect(failure.message.length).toBeGreaterThan(10);
    expect(failure.advice.length).toBeGreaterThan(10);
    expect(failure.detail).toBe(line);
  });

  it('is "other" when nothing says why, naming the exit code', () => {
    const failure = classifyFailure(1, ['something odd']);
    expect(failure).toMatchObject({ kind: 'other', transient: false, detail: 'something odd' });
    expect(failure.message).toContain('exit code 1');
    expect(classifyFailure(null, []).detail).toBeNull();
  });

  it('keeps tokens of signed links out of the detail', () => {
    const failure = classifyFailure(1, ['ERROR: unable to download video data: HTTP Error 403: Forbidden https://cdn.example/v.mp4?expire=1&sig=SECRET123&token=T0K']);
    expect(failure.detail).not.toContain('SECRET123');
    expect(failure.detail).not.toContain('T0K');
    expect(failure.detail).toContain('https://cdn.example/v.mp4');
  });
});
