import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract/errors';
import { buildEnumerateArgs, buildRunArgs, outputTemplateProblem } from './ytdlp-args';
import { ytDlpCapabilities } from './ytdlp-capabilities';
import type { RunOptions } from './ytdlp-types';

const OLD = ytDlpCapabilities('/usr/bin/yt-dlp', '2023.03.04');
const CURRENT = ytDlpCapabilities('/opt/yt-dlp', '2026.08.19');
const BASE: RunOptions = {
  url: 'https://videos.example/watch?v=abc',
  quality: 'best',
  outputDir: '/media/Other Videos/Channel',
  stagingDir: '/media/.medianest-staging/job-1',
  outputTemplate: 'Channel - %(title)s [%(id)s].%(ext)s',
};

function valueOf(args: readonly string[], option: string): string | undefined {
  const index = args.indexOf(option);
  return index === -1 ? undefined : args[index + 1];
}

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('yt-dlp arguments', () => {
  it('runs hermetically, machine-readably, with the folders and the address last after --', () => {
    const args = buildRunArgs(CURRENT, BASE);
    for (const option of ['--ignore-config', '--no-cache-dir', '--newline', '--no-colors', '--progress', '--continue']) expect(args).toContain(option);
    expect(args.filter((arg) => arg === '-P')).toHaveLength(2);
    expect(args).toContain('home:/media/Other Videos/Channel');
    expect(args).toContain('temp:/media/.medianest-staging/job-1');
    expect(valueOf(args, '-o')).toBe(BASE.outputTemplate);
    expect(args.slice(-2)).toEqual(['--', 'https://videos.example/watch?v=abc']);
    expect(args.filter((arg) => arg.startsWith('download:'))).toHaveLength(1);
    expect(args.filter((arg) => arg.startsWith('after_move:'))).toHaveLength(1);
  });

  it('passes --progress-delta and --js-runtimes only to a yt-dlp that has them', () => {
    const withRuntime = { ...BASE, jsRuntime: 'node:/usr/bin/node', progressIntervalMs: 250 };
    const current = buildRunArgs(CURRENT, withRuntime);
    expect(valueOf(current, '--progress-delta')).toBe('0.25');
    expect(valueOf(current, '--js-runtimes')).toBe('node:/usr/bin/node');
    const old = buildRunArgs(OLD, withRuntime);
    expect(old).not.toContain('--progress-delta');
    expect(old).not.toContain('--js-runtimes');
  });

  it('turns each quality into a format selection, audio with -x', () => {
    expect(valueOf(buildRunArgs(OLD, BASE), '-f')).toBe('bv*+ba/b');
    expect(valueOf(buildRunArgs(OLD, { ...BASE, quality: '1080p' }), '-f')).toBe('bv*[height<=?1080]+ba/b[height<=?1080]');
    expect(valueOf(buildRunArgs(OLD, { ...BASE, quality: '720p' }), '-f')).toBe('bv*[height<=?720]+ba/b[height<=?720]');
    const audio = buildRunArgs(OLD, { ...BASE, quality: 'audio' });
    expect(valueOf(audio, '-f')).toBe('ba/b');
    expect(audio).toContain('-x');
    expect(buildRunArgs(OLD, BASE)).not.toContain('-x');
  });

  it('passes the optional settings as options of their own', () => {
    const args = buildRunArgs(OLD, {
      ...BASE,
      rateLimit: '500K',
      cookiesFile: '/run/medianest/job-1.cookies',
      windowsSafeNames: true,
      ffmpegPath: '/usr/bin/ffmpeg',
      downloader: 'ffmpeg',
      archiveFile: '/data/archive.txt',
      playlistItem: 3,
      resume: false,
    });
    expect(valueOf(args, '--limit-rate')).toBe('500K');
    expect(valueOf(args, '--cookies')).toBe('/run/medianest/job-1.cookies');
    expect(args).toContain('--windows-filenames');
    expect(valueOf(args, '--ffmpeg-location')).toBe('/usr/bin/ffmpeg');
    expect(valueOf(args, '--downloader')).toBe('ffmpeg');
    expect(valueOf(args, '--download-archive')).toBe('/data/archive.txt');
    expect(valueOf(args, '--playlist-items')).toBe('3');
    expect(args).toContain('--no-continue');
    expect(args).not.toContain('--continue');
  });

  it.each([
    ['-x', 'command-line option'],
    ['--exec=rm -rf ~', 'command-line option'],
    ['file:///etc/passwd', 'not file'],
    ['/etc/passwd', 'file on this computer'],
    ['ftp://videos.example/a.mp4', 'not ftp'],
    ['https://user:pw@videos.example/a', 'user name and password'],
    ['https://videos.example/a b', 'no spaces'],
  ])('refuses the address %j before anything runs', (url, words) => {
    expect(rejection(() => buildRunArgs(OLD, { ...BASE, url })).message).toContain(words);
    expect(rejection(() => buildEnumerateArgs(url)).code).toBe('INVALID_PAYLOAD');
  });

  it.each([
    ['../../etc/%(title)s.%(ext)s', '..'],
    ['Channel/../../%(title)s.%(ext)s', '..'],
    ['/etc/%(title)s.%(ext)s', 'inside the library folder'],
    ['C:\\Users\\%(title)s', 'inside the library folder'],
    ['pl_thumbnail:%(title)s', 'word:'],
    ['a\nb', 'line breaks'],
  ])('refuses the file name pattern %j', (template, words) => {
    expect(outputTemplateProblem(template)).toContain(words);
    const error = rejection(() => buildRunArgs(OLD, { ...BASE, outputTemplate: template }));
    expect(error.fields?.[0]?.path).toBe('outputTemplate');
  });

  it('refuses relative folders and a malformed rate limit', () => {
    expect(rejection(() => buildRunArgs(OLD, { ...BASE, outputDir: 'media' })).fields?.[0]?.path).toBe('outputDir');
    expect(rejection(() => buildRunArgs(OLD, { ...BASE, stagingDir: './tmp' })).fields?.[0]?.path).toBe('stagingDir');
    expect(rejection(() => buildRunArgs(OLD, { ...BASE, rateLimit: '5K; rm' })).fields?.[0]?.path).toBe('rateLimit');
  });

  it('enumerates with -J --flat-playlist and the address after --', () => {
    const args = buildEnumerateArgs(' https://videos.example/list ', { cookiesFile: '/run/c.txt' });
    expect(args).toEqual(expect.arrayContaining(['--ignore-config', '--no-cache-dir', '-J', '--flat-playlist']));
    expect(valueOf(args, '--cookies')).toBe('/run/c.txt');
    expect(args.slice(-2)).toEqual(['--', 'https://videos.example/list']);
  });
});
