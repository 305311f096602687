/**
 * An item as the index stores it, made from Plex's `Metadata`. The
 * fingerprint covers every stored field, so a re-sync rewrites (and
 * re-indexes) only the items whose content really changed.
 */
import type { PlexMetadata } from '../plex-schemas';
import { foldText, sortKey } from './plex-text';

export interface IndexMedia {
  readonly resolution: string | null;
  readonly videoCodec: string | null;
  readonly audioCodec: string | null;
  readonly audioChannels: number | null;
  readonly container: string | null;
  readonly bitrate: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly duration: number | null;
  readonly parts: readonly { readonly file: string; readonly size: number | null }[];
}

export interface IndexItemRow {
  readonly ratingKey: string;
  readonly sectionKey: string;
  readonly type: string;
  readonly title: string;
  readonly titleSort: string;
  readonly titleFold: string;
  readonly originalTitle: string | null;
  readonly year: number | null;
  readonly summary: string | null;
  readonly addedAt: number;
  readonly updatedAt: number;
  readonly rating: number | null;
  readonly contentRating: string | null;
  readonly duration: number | null;
  readonly viewCount: number;
  readonly viewOffset: number;
  readonly leafCount: number | null;
  readonly viewedLeafCount: number | null;
  readonly thumb: string | null;
  readonly art: string | null;
  readonly genres: readonly string[];
  readonly directors: readonly string[];
  readonly cast: readonly string[];
  readonly imdb: string | null;
  readonly tmdb: string | null;
  readonly tvdb: string | null;
  readonly media: readonly IndexMedia[];
  readonly file: string | null;
}

/** `imdb://tt0111161` → ['imdb', 'tt0111161']. */
function guidIds(guids: PlexMetadata['Guid']): { imdb: string | null; tmdb: string | null; tvdb: string | null } {
  const out = { imdb: null as string | null, tmdb: null as string | null, tvdb: null as string | null };
  for (const { id } of guids ?? []) {
    const match = /^(imdb|tmdb|tvdb):\/\/(.+)$/.exec(id);
    if (match) out[match[1] as 'imdb' | 'tmdb' | 'tvdb'] ??= match[2]!;
  }
  return out;
}

function mediaOf(metadata: PlexMetadata): IndexMedia[] {
  return (metadata.Media ?? []).map((media) => ({
    resolution: media.videoResolution ?? null,
    videoCodec: media.videoCodec ?? null,
    audioCodec: media.audioCodec ?? null,
    audioChannels: media.audioChannels ?? null,
    container: media.container ?? null,
    bitrate: media.bitrate ?? null,
    width: media.width ?? null,
    height: media.height ?? null,
    duration: media.duration ?? null,
    parts: media.Part.filter((part) => part.file).map((part) => ({ file: part.file!, size: part.size ?? null })),
  }));
}

/** Maps one listed item; undefined when it lacks what the index needs (a title). */
export function toIndexRow(metadata: PlexMetadata, sectionKey: string): IndexItemRow | undefined {
  if (!metadata.title) return undefined;
  const media = mediaOf(metadata);
  const title = metadata.title;
  return {
    ratingKey: metadata.ratingKey,
    sectionKey,
    type: metadata.type ?? 'movie',
    title,
    titleSort: sortKey(title, metadata.titleSort),
    titleFold: foldText(title),
    originalTitle: metadata.originalTitle && metadata.originalTitle !== title ? metadata.originalTitle : null,
    year: metadata.year ?? null,
    summary: metadata.summary ?? null,
    addedAt: metadata.addedAt ?? 0,
    updatedAt: metadata.updatedAt ?? metadata.addedAt ?? 0,
    rating: metadata.audienceRating ?? metadata.rating ?? null,
    contentRating: metadata.contentRating ?? null,
    duration: metadata.duration ?? null,
    viewCount: metadata.viewCount ?? 0,
    viewOffset: metadata.viewOffset ?? 0,
    leafCount: metadata.leafCount ?? null,
    viewedLeafCount: metadata.viewedLeafCount ?? null,
    thumb: metadata.thumb ?? null,
    art: metadata.art ?? null,
    genres: (metadata.Genre ?? []).map((genre) => genre.tag),
    directors: (metadata.Director ?? []).map((person) => person.tag),
    cast: (metadata.Role ?? []).map((person) => person.tag),
    ...guidIds(metadata.Guid),
    media,
    file: media[0]?.parts[0]?.file ?? null,
  };
}

/**
 * What tells a changed item from an unchanged one: Plex moves `updatedAt` on
 * every metadata edit, but not for ratings and watch state, which a periodic
 * full pass must still catch; so those travel with it.
 */
export function fingerprint(row: IndexItemRow): string {
  return `${row.updatedAt}|${row.addedAt}|${row.rating}|${row.viewCount}|${row.viewOffset}|${row.leafCount}|${row.viewedLeafCount}|${row.title}`;
}
