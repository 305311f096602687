/**
 * The queue's own failures (yt-dlp's are classified by the runner): no
 * yt-dlp, too little free space, a refused destination, Plex not answering.
 * Each in words with what to do next, and whether a retry by itself can help.
 */
import type { DownloadFailure } from '../../../../shared/contract/areas/downloads';
import { isAppError, type ErrorCode, type SerializedError } from '../../../../shared/contract/errors';

const cap = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function failure(kind: DownloadFailure['kind'], message: string, advice: string, transient: boolean, detail: string | null = null): DownloadFailure {
  return { kind, message: cap(message, 1000), advice: cap(advice, 500), transient, detail: detail === null ? null : cap(detail, 1000) };
}

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

export function diskFull(folder: string, freeBytes: number, marginBytes: number): DownloadFailure {
  return failure('disk-full', `Only ${gib(freeBytes)} is free where ${folder} is; downloads keep at least ${gib(marginBytes)} free.`, 'Free some space on that disk, then retry.', false);
}

export function noYtDlp(problem: string | null): DownloadFailure {
  return failure('other', problem ?? 'yt-dlp was not found on this computer.', 'Install yt-dlp, or set its path in Settings → Downloads, then retry.', false);
}

/** A destination or name refused before anything ran: the reason is the message. */
export function refused(message: string): DownloadFailure {
  return failure('other', message, 'Change it in Settings → Downloads, then retry.', false);
}

const TRANSIENT_CODES = new Set(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNREACHABLE', 'UPSTREAM_HTTP', 'CIRCUIT_OPEN', 'BULKHEAD_FULL', 'RATE_LIMITED', 'BUSY']);

/** Plex did not scan, list or collect the file: the file is kept, so a retry only redoes the Plex part. */
export function plexFailure(error: unknown): DownloadFailure {
  if (isAppError(error)) {
    if (error.code === 'SERVICE_NOT_CONFIGURED' || error.code === 'SERVICE_DISABLED' || error.code === 'AUTH_FAILED') {
      return failure('plex', `The file is downloaded, but Plex could not be told: ${error.message}`, 'Link Plex in Settings, then retry.', false);
    }
    return failure('plex', `The file is downloaded, but Plex did not take it yet: ${error.message}`, 'MediaNest tries again by itself; check that Plex is running.', TRANSIENT_CODES.has(error.code));
  }
  return failure('plex', 'The file is downloaded, but Plex did not take it yet.', 'Check that Plex is running, then retry.', true, error instanceof Error ? error.message : null);
}

/** Something this code did not foresee; the details go to the log. */
export function unexpected(error: unknown): DownloadFailure {
  if (isAppError(error)) return failure('other', error.message, 'Retry; if it fails again, the details are in the log.', false);
  return failure('other', 'The download stopped because of an error inside MediaNest.', 'Retry; if it fails again, the details are in the log.', false, error instanceof Error ? error.message : null);
}

export interface RetryTiming {
  /** The first automatic retry's delay; each next one doubles it. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

/** Backoff with jitter: half the doubled delay fixed, half random, so many jobs failing at once do not retry at once. */
export function retryDelay(attempt: number, timing: RetryTiming, random: () => number = Math.random): number {
  const full = Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

const CODES: Readonly<Record<DownloadFailure['kind'], ErrorCode>> = {
  network: 'UPSTREAM_UNREACHABLE',
  'http-forbidden': 'FORBIDDEN',
  'rate-limited': 'RATE_LIMITED',
  'unsupported-url': 'INVALID_PAYLOAD',
  unavailable: 'NOT_FOUND',
  'bot-check': 'AUTH_FAILED',
  'geo-blocked': 'FORBIDDEN',
  'disk-full': 'STORAGE_FAILED',
  'ytdlp-too-old': 'INTERNAL',
  plex: 'UPSTREAM_HTTP',
  other: 'INTERNAL',
};

/** A failure as the core's error shape (`download:failed`): the nearest code, the words and what to do. */
export function failureError(failure: DownloadFailure): SerializedError {
  return { code: CODES[failure.kind], message: `${failure.message} ${failure.advice}`.slice(0, 1000) };
}
