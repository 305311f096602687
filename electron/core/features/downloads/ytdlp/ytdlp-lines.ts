/**
 * The machine-readable lines the runner asks yt-dlp for, and their parser.
 * Each kind starts with its own marker so it can be told from yt-dlp's own
 * messages on either stream, and postprocess records end with `;` because
 * 2023.03.04 prints no newline after them (several run together, or the
 * next line follows on the same line).
 */
import type { DownloadProgress } from '../../../../../shared/contract/areas/downloads';
import type { VideoInfo } from './ytdlp-types';

const PROGRESS_MARK = 'MN-PROGRESS';
const POSTPROCESS_MARK = 'MN-PP';
const INFO_MARK = 'MN-INFO';
const FILE_MARK = 'MN-FILE';

/** `--progress-template download:…`: status, bytes, total, estimate, speed, eta, fragment i/n, space-separated (`NA` when missing). */
export const DOWNLOAD_PROGRESS_TEMPLATE =
  `download:${PROGRESS_MARK} %(progress.status)s %(progress.downloaded_bytes)s %(progress.total_bytes)s %(progress.total_bytes_estimate)s ` +
  '%(progress.speed)s %(progress.eta)s %(progress.fragment_index)s %(progress.fragment_count)s';
/** `--progress-template postprocess:…`. */
export const POSTPROCESS_PROGRESS_TEMPLATE = `postprocess:${POSTPROCESS_MARK} %(progress.status)s %(progress.postprocessor)s;`;
/** `--print before_dl:…`: what is known of the video before it downloads, as JSON. */
export const INFO_PRINT = `before_dl:${INFO_MARK} %(.{id,title,channel,uploader,upload_date,ext})j`;
/** `--print after_move:…`: the final path, JSON-quoted so any name survives. */
export const FILE_PRINT = `after_move:${FILE_MARK} %(filepath)j`;

export type ParsedLine =
  | { readonly kind: 'progress'; readonly progress: DownloadProgress }
  | { readonly kind: 'postprocess'; readonly status: string; readonly postprocessor: string }
  | { readonly kind: 'info'; readonly info: VideoInfo }
  | { readonly kind: 'file'; readonly path: string }
  /** Anything else yt-dlp printed (its messages, warnings and errors). */
  | { readonly kind: 'text'; readonly text: string };

function numberOrNull(field: string | undefined): number | null {
  if (field === undefined || field === 'NA' || field === 'None') return null;
  const value = Number(field);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function intOrNull(field: string | undefined): number | null {
  const value = numberOrNull(field);
  return value === null ? null : Math.floor(value);
}

function parseProgress(fields: readonly string[]): DownloadProgress | undefined {
  const [status, downloaded, total, estimate, speed, eta, fragmentIndex, fragmentCount] = fields;
  if (status !== 'downloading' && status !== 'finished') return undefined;
  const exact = numberOrNull(total);
  const estimated = exact === null ? numberOrNull(estimate) : null;
  const totalBytes = exact ?? (estimated === null ? null : Math.round(estimated));
  const downloadedBytes = numberOrNull(downloaded) ?? (status === 'finished' ? (totalBytes ?? 0) : 0);
  const percent = status === 'finished' ? 100 : totalBytes ? Math.min(100, (downloadedBytes / totalBytes) * 100) : null;
  return {
    downloadedBytes,
    totalBytes,
    estimated: exact === null && estimated !== null,
    percent,
    speed: numberOrNull(speed),
    eta: numberOrNull(eta),
    phase: status === 'finished' ? 'finished' : 'downloading',
    fragmentIndex: intOrNull(fragmentIndex),
    fragmentCount: intOrNull(fragmentCount),
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value !== 'NA' ? value : null;
}

function parseInfo(json: string): VideoInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  return {
    id: stringOrNull(record.id),
    title: stringOrNull(record.title),
    channel: stringOrNull(record.channel) ?? stringOrNull(record.uploader),
    uploadDate: stringOrNull(record.upload_date),
    ext: stringOrNull(record.ext),
  };
}

function parseOne(line: string): ParsedLine {
  if (line.startsWith(`${PROGRESS_MARK} `)) {
    const progress = parseProgress(line.slice(PROGRESS_MARK.length + 1).trim().split(/\s+/));
    if (progress) return { kind: 'progress', progress };
  }
  if (line.startsWith(`${INFO_MARK} `)) {
    const info = parseInfo(line.slice(INFO_MARK.length + 1));
    if (info) return { kind: 'info', info };
  }
  if (line.startsWith(`${FILE_MARK} `)) {
    try {
      const path: unknown = JSON.parse(line.slice(FILE_MARK.length + 1));
      if (typeof path === 'string' && path !== '') return { kind: 'file', path };
    } catch {
      // Not ours after all: kept as text below.
    }
  }
  return { kind: 'text', text: line };
}

const POSTPROCESS_RECORD = new RegExp(`${POSTPROCESS_MARK} (\\S+) ([^;\\s]*);`, 'g');

/** What one line of yt-dlp's output (stdout or stderr, without its newline) says; several records when 2023.03.04 ran them together. */
export function parseOutputLine(raw: string): ParsedLine[] {
  const line = raw.replace(/\r$/, '');
  if (!line.includes(`${POSTPROCESS_MARK} `)) return line.trim() === '' ? [] : [parseOne(line)];
  const parsed: ParsedLine[] = [];
  let rest = 0;
  for (const match of line.matchAll(POSTPROCESS_RECORD)) {
    const before = line.slice(rest, match.index);
    if (before.trim() !== '') parsed.push(parseOne(before));
    parsed.push({ kind: 'postprocess', status: match[1]!, postprocessor: match[2]! });
    rest = match.index + match[0].length;
  }
  const after = line.slice(rest);
  if (after.trim() !== '') parsed.push(parseOne(after));
  return parsed;
}

/** Splits a stream into lines as chunks arrive, keeping a bounded partial line (a runaway line is cut, never kept whole). */
export function createLineSplitter(onLine: (line: string) => void, maxLine = 64 * 1024): { push(chunk: string): void; end(): void } {
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      if (partial.length > maxLine) partial = partial.slice(0, maxLine);
      for (const part of parts) onLine(part.length > maxLine ? part.slice(0, maxLine) : part);
    },
    end() {
      if (partial !== '') onLine(partial);
      partial = '';
    },
  };
}
