/**
 * yt-dlp's date versions (`2023.03.04`, nightly `2025.11.12.232829`) and what
 * each release can do. yt-dlp has no capability query, so the version is the
 * only honest source: options that do not exist make it exit 2.
 */
import type { YtDlpBinary } from '../ytdlp/ytdlp-types';

/** `--progress-delta` appeared in this release. */
export const PROGRESS_DELTA_SINCE = '2024.04.09';
/** `--js-runtimes` appeared, and YouTube began to need a JavaScript runtime, in this release. */
export const JS_RUNTIMES_SINCE = '2025.11.12';
/** The postprocess progress template ends its line from this release on (13ff7809). */
export const POSTPROCESS_NEWLINE_SINCE = '2023.06.21';
/** Older than this, YouTube does not work any more. */
export const YOUTUBE_NEEDS = JS_RUNTIMES_SINCE;

const VERSION = /^(\d{4})\.(\d{1,2})\.(\d{1,2})(?:\.(\d+))?$/;

/** The version's numbers, or undefined when `text` is not a yt-dlp version. */
export function parseYtDlpVersion(text: string): readonly number[] | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
}

/** The version on the first line of `yt-dlp --version`, or undefined when it is not one (another program, an error). */
export function ytDlpVersionFromOutput(stdout: string): string | undefined {
  const first = stdout.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
  return parseYtDlpVersion(first) ? first : undefined;
}

/** Negative when a is older than b, 0 when the same release, positive when newer; unparseable versions sort oldest. */
export function compareYtDlpVersions(a: string, b: string): number {
  const left = parseYtDlpVersion(a);
  const right = parseYtDlpVersion(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  for (let index = 0; index < 4; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function isAtLeast(version: string, since: string): boolean {
  return compareYtDlpVersions(version, since) >= 0;
}

/** The binary at `path` with the capability flags of its version. */
export function ytDlpBinary(path: string, version: string): YtDlpBinary {
  return {
    path,
    version,
    hasProgressDelta: isAtLeast(version, PROGRESS_DELTA_SINCE),
    hasJsRuntimes: isAtLeast(version, JS_RUNTIMES_SINCE),
    postprocessNewline: isAtLeast(version, POSTPROCESS_NEWLINE_SINCE),
  };
}
