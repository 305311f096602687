/**
 * yt-dlp's command lines, built as argument arrays (spawned without a
 * shell). Every input is checked again here, whatever checked it before:
 * only http(s) addresses, after `--`, so nothing the user pasted can become
 * an option; absolute folders; an output template that stays inside its
 * folder. Options a binary lacks are left out (2023.03.04 has no
 * `--progress-delta` and no `--js-runtimes`).
 */
import { isAbsolute } from 'node:path';
import { downloadUrlProblem, type DownloadQuality } from '../../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../../shared/contract/errors';
import { DOWNLOAD_PROGRESS_TEMPLATE, FILE_PRINT, INFO_PRINT, POSTPROCESS_PROGRESS_TEMPLATE } from './ytdlp-lines';
import type { RunOptions, YtDlpBinary } from './ytdlp-types';

/** Options every run gets: no user or system config, no cache, plain machine-readable output. */
const HERMETIC = ['--ignore-config', '--no-cache-dir', '--no-colors'] as const;

const FORMATS: Readonly<Record<DownloadQuality, readonly string[]>> = {
  best: ['-f', 'bv*+ba/b'],
  // `<=?` keeps formats whose height is unknown (direct links), rather than finding none.
  '1080p': ['-f', 'bv*[height<=?1080]+ba/b[height<=?1080]'],
  '720p': ['-f', 'bv*[height<=?720]+ba/b[height<=?720]'],
  audio: ['-f', 'ba/b', '-x'],
};

// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

function inputError(field: string, message: string): AppError {
  return new AppError('INVALID_PAYLOAD', message, { fields: [{ path: field, message }] });
}

/** Why `template` (relative to the output folder) is unsafe, or undefined. */
export function outputTemplateProblem(template: string): string | undefined {
  if (template.trim() === '') return 'The file name pattern is empty';
  if (CONTROL.test(template)) return 'A file name cannot hold line breaks or control characters';
  if (isAbsolute(template) || /^[a-z]:/i.test(template) || template.startsWith('\\') || template.startsWith('~')) return 'The file name must stay inside the library folder, not name another place';
  if (template.split(/[\\/]/).some((segment) => segment === '..' || segment === '.')) return 'The file name must stay inside the library folder (no ".." in it)';
  // yt-dlp reads a leading `word:` as the template's type (`-o [TYPES:]TEMPLATE`).
  if (/^\w+(?:,\w+)*:/.test(template)) return 'A file name pattern cannot start with "word:" (yt-dlp would read it as an output type)';
  return undefined;
}

function folderProblem(folder: string, what: string): string | undefined {
  if (!isAbsolute(folder) || CONTROL.test(folder)) return `The ${what} must be a whole path (it was not)`;
  return undefined;
}

/** Throws the first problem with a run's inputs (as INVALID_PAYLOAD), before anything is spawned. */
export function checkRunOptions(options: RunOptions): void {
  const problems: [string, string | undefined][] = [
    ['url', downloadUrlProblem(options.url)],
    ['outputTemplate', outputTemplateProblem(options.outputTemplate)],
    ['outputDir', folderProblem(options.outputDir, 'library folder')],
    ['stagingDir', folderProblem(options.stagingDir, 'staging folder')],
    ['archiveFile', options.archiveFile === undefined ? undefined : folderProblem(options.archiveFile, 'download archive')],
    ['cookiesFile', options.cookiesFile === undefined ? undefined : folderProblem(options.cookiesFile, 'cookies file')],
    ['ffmpegPath', options.ffmpegPath === undefined ? undefined : folderProblem(options.ffmpegPath, 'ffmpeg location')],
    ['rateLimit', options.rateLimit === undefined || /^\d+(?:\.\d+)?[KMG]?$/i.test(options.rateLimit) ? undefined : 'A rate limit is a number with K, M or G, e.g. 500K or 4.2M'],
    ['playlistItem', options.playlistItem === undefined || (Number.isInteger(options.playlistItem) && options.playlistItem >= 1) ? undefined : 'A playlist item is a whole number from 1'],
    ['jsRuntime', options.jsRuntime === undefined || (/^[a-z]+(?::.+)?$/.test(options.jsRuntime) && !CONTROL.test(options.jsRuntime)) ? undefined : 'A JavaScript runtime is given as name:path, e.g. node:/usr/bin/node'],
  ];
  const found = problems.find(([, problem]) => problem !== undefined);
  if (found) throw inputError(found[0], found[1]!);
}

/** Throws as `checkRunOptions` when `url` cannot be downloaded. */
export function checkUrl(url: string): void {
  const problem = downloadUrlProblem(url);
  if (problem) throw inputError('url', problem);
}

/** The arguments of a download run (after the binary). Throws INVALID_PAYLOAD for unsafe inputs. */
export function buildRunArgs(binary: YtDlpBinary, options: RunOptions): string[] {
  checkRunOptions(options);
  const args: string[] = [...HERMETIC, '--newline', '--progress'];
  args.push('--progress-template', DOWNLOAD_PROGRESS_TEMPLATE, '--progress-template', POSTPROCESS_PROGRESS_TEMPLATE);
  if (binary.hasProgressDelta) args.push('--progress-delta', String((options.progressIntervalMs ?? 250) / 1000));
  args.push('--print', INFO_PRINT, '--print', FILE_PRINT);
  args.push('-P', `home:${options.outputDir}`, '-P', `temp:${options.stagingDir}`, '-o', options.outputTemplate);
  args.push(...FORMATS[options.quality]);
  args.push(options.resume === false ? '--no-continue' : '--continue');
  if (options.windowsSafeNames) args.push('--windows-filenames');
  if (options.rateLimit) args.push('--limit-rate', options.rateLimit);
  if (options.cookiesFile) args.push('--cookies', options.cookiesFile);
  if (options.jsRuntime && binary.hasJsRuntimes) args.push('--js-runtimes', options.jsRuntime);
  if (options.ffmpegPath) args.push('--ffmpeg-location', options.ffmpegPath);
  if (options.downloader) args.push('--downloader', options.downloader);
  if (options.archiveFile) args.push('--download-archive', options.archiveFile);
  if (options.playlistItem !== undefined) args.push('--yes-playlist', '--playlist-items', String(options.playlistItem));
  args.push('--', options.url.trim());
  return args;
}

/** The arguments of `-J --flat-playlist` for `url`. Throws INVALID_PAYLOAD for an address that cannot be downloaded. */
export function buildEnumerateArgs(url: string, options: { cookiesFile?: string } = {}): string[] {
  checkUrl(url);
  if (options.cookiesFile !== undefined) {
    const problem = folderProblem(options.cookiesFile, 'cookies file');
    if (problem) throw inputError('cookiesFile', problem);
  }
  return [...HERMETIC, '-J', '--flat-playlist', ...(options.cookiesFile ? ['--cookies', options.cookiesFile] : []), '--', url.trim()];
}
