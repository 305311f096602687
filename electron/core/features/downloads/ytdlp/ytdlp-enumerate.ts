/**
 * `yt-dlp -J --flat-playlist`: what an address holds (a playlist's items in
 * order, or one video) without downloading it. The output is bounded in size
 * and time, the run abortable, and the JSON parsed with zod.
 */
import { z } from 'zod';
import { downloadUrlProblem, type DownloadFailure } from '../../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../../shared/contract/errors';
import type { Enumerated } from './ytdlp-types';

const nullableText = z.string().nullish().transform((value) => (value === '' || value === undefined ? null : value));

const EntrySchema = z
  .object({ url: z.string().nullish(), webpage_url: z.string().nullish(), title: nullableText, id: nullableText })
  .passthrough();

export const FlatPlaylistSchema = z
  .object({
    _type: z.string().nullish(),
    id: nullableText,
    title: nullableText,
    channel: nullableText,
    uploader: nullableText,
    upload_date: nullableText,
    webpage_url: z.string().nullish(),
    original_url: z.string().nullish(),
    entries: z.array(EntrySchema.nullable()).max(20_000).nullish(),
  })
  .passthrough();

/** A failed `yt-dlp -J`, with its failure class. */
export class YtDlpFailedError extends Error {
  constructor(readonly failure: DownloadFailure) {
    super(failure.message);
    this.name = 'YtDlpFailedError';
  }
}

export function isYtDlpFailedError(error: unknown): error is YtDlpFailedError {
  return error instanceof YtDlpFailedError;
}

/** The id yt-dlp's RSS reader smuggles into an item's address (`#__youtubedl_smuggle={"force_videoid": guid}`), if any. */
function smuggledId(url: string): string | null {
  const match = /#__youtubedl_smuggle=(.+)$/.exec(url);
  if (!match) return null;
  try {
    const data: unknown = JSON.parse(decodeURIComponent(match[1]!.replace(/\+/g, ' ')));
    const id = (data as { force_videoid?: unknown } | null)?.force_videoid;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}

/** `Enumerated` from yt-dlp's JSON of `url`; items whose address could not be downloaded are left out (and counted). */
export function toEnumerated(json: string, url: string): { enumerated: Enumerated; dropped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AppError('INVALID_RESPONSE', 'yt-dlp answered something that is not JSON when asked what the address holds.');
  }
  const parsed = FlatPlaylistSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_RESPONSE', 'yt-dlp’s description of the address was not in the expected shape.');
  const doc = parsed.data;
  const channel = doc.channel ?? doc.uploader;
  if (doc._type === 'playlist' || doc.entries) {
    let dropped = 0;
    const items: Enumerated['items'][number][] = [];
    for (const entry of doc.entries ?? []) {
      const itemUrl = entry?.url ?? entry?.webpage_url;
      if (!entry || !itemUrl || downloadUrlProblem(itemUrl)) {
        dropped += 1;
        continue;
      }
      const id = entry.id ?? smuggledId(itemUrl);
      items.push({ url: itemUrl, title: entry.title ?? id ?? itemUrl, id });
    }
    return { enumerated: { kind: 'playlist', id: doc.id, title: doc.title ?? doc.id ?? url, channel, uploadDate: doc.upload_date, items }, dropped };
  }
  const videoUrl = [doc.webpage_url, doc.original_url].find((candidate) => candidate && !downloadUrlProblem(candidate)) ?? url;
  const title = doc.title ?? doc.id ?? url;
  return { enumerated: { kind: 'video', id: doc.id, title, channel, uploadDate: doc.upload_date, items: [{ url: videoUrl, title, id: doc.id }] }, dropped: 0 };
}
