/**
 * What a yt-dlp can do, from its version (`yt-dlp --version`): releases are
 * dated (`2023.03.04`, nightlies `2025.01.12.232754`), and the options this
 * feature depends on arrived on known dates.
 */
import type { YtDlpBinary } from './ytdlp-types';

export interface YtDlpVersion {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** A nightly's build time, 0 for a release. */
  readonly build: number;
}

/** The version in `text` (the first line of `--version`), or undefined when it is not a dated one. */
export function parseYtDlpVersion(text: string): YtDlpVersion | undefined {
  const match = /^\s*(\d{4})\.(\d{1,2})\.(\d{1,2})(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  const [year, month, day, build] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year, month, day, build };
}

/** Whether `version` is `date` (`YYYY.MM.DD`) or later. */
export function ytDlpVersionAtLeast(version: YtDlpVersion, date: string): boolean {
  const wanted = parseYtDlpVersion(date);
  if (!wanted) throw new Error(`Not a yt-dlp release date: ${date}`);
  const key = (v: YtDlpVersion) => v.year * 10_000 + v.month * 100 + v.day;
  return key(version) >= key(wanted);
}

/** The releases that brought what the runner uses. */
export const YTDLP_FEATURE_RELEASES = {
  postprocessNewline: '2023.06.21',
  progressDelta: '2024.04.09',
  jsRuntimes: '2025.11.12',
} as const;

/**
 * The binary at `path` reporting `version`. A version that cannot be read
 * is taken as the oldest: no option it might lack is passed.
 */
export function ytDlpCapabilities(path: string, version: string): YtDlpBinary {
  const parsed = parseYtDlpVersion(version);
  const has = (date: string) => parsed !== undefined && ytDlpVersionAtLeast(parsed, date);
  return {
    path,
    version: version.trim().split(/\s+/)[0] ?? '',
    hasProgressDelta: has(YTDLP_FEATURE_RELEASES.progressDelta),
    hasJsRuntimes: has(YTDLP_FEATURE_RELEASES.jsRuntimes),
    postprocessNewline: has(YTDLP_FEATURE_RELEASES.postprocessNewline),
  };
}
