/**
 * Simulated items and sections in Plex's JSON shape (`Metadata`, `Directory`),
 * the fields real servers send in list and detail views.
 */
import type { SimItem, SimSectionState } from './sim-library';

const RESOLUTION: Record<SimItem['resolution'], { width: number; height: number; bitrate: number }> = {
  '4k': { width: 3840, height: 2160, bitrate: 40_000 },
  '1080': { width: 1920, height: 1080, bitrate: 10_000 },
  '720': { width: 1280, height: 720, bitrate: 4_000 },
  sd: { width: 720, height: 480, bitrate: 1_500 },
};

export interface MetadataOptions {
  /** Detail view: all cast, Media with Part, summary in full. */
  readonly detail?: boolean;
  readonly includeGuids?: boolean;
}

export function simItemKey(item: SimItem): string {
  return `/library/metadata/${item.ratingKey}`;
}

export function toMetadata(item: SimItem, options: MetadataOptions = {}): Record<string, unknown> {
  const key = simItemKey(item);
  const container = item.file.endsWith('.mp4') ? 'mp4' : 'mkv';
  const video = RESOLUTION[item.resolution];
  const metadata: Record<string, unknown> = {
    ratingKey: item.ratingKey,
    key: item.type === 'show' ? `${key}/children` : key,
    guid: `plex://${item.type}/${Number(item.ratingKey).toString(16).padStart(24, '0')}`,
    type: item.type,
    title: item.title,
    titleSort: item.title.replace(/^(The|A|An|Le|La) /, ''),
    librarySectionID: Number(item.sectionKey),
    librarySectionTitle: item.sectionTitle,
    librarySectionKey: `/library/sections/${item.sectionKey}`,
    contentRating: item.contentRating,
    summary: item.summary,
    audienceRating: item.audienceRating,
    year: item.year,
    thumb: `${key}/thumb/${item.updatedAt}`,
    art: `${key}/art/${item.updatedAt}`,
    duration: item.duration,
    addedAt: item.addedAt,
    updatedAt: item.updatedAt,
  };
  if (item.originalTitle) metadata.originalTitle = item.originalTitle;
  if (item.viewCount > 0) {
    metadata.viewCount = item.viewCount;
    metadata.lastViewedAt = item.updatedAt;
  }
  if (item.viewOffset > 0) metadata.viewOffset = item.viewOffset;
  if (item.type === 'show') {
    metadata.childCount = item.childCount;
    metadata.leafCount = item.leafCount;
    metadata.viewedLeafCount = item.viewCount > 0 ? Math.min(item.leafCount, item.viewCount * 3) : 0;
  }
  metadata.Genre = item.genres.map((tag) => ({ tag }));
  metadata.Director = item.directors.map((tag) => ({ tag }));
  // List views carry the first few actors, as Plex does.
  metadata.Role = (options.detail ? item.cast : item.cast.slice(0, 3)).map((person) => ({ tag: person.tag, role: person.role }));
  if (options.includeGuids || options.detail) {
    metadata.Guid = [
      { id: `imdb://${item.guids.imdb}` },
      { id: `tmdb://${item.guids.tmdb}` },
      ...(item.guids.tvdb ? [{ id: `tvdb://${item.guids.tvdb}` }] : []),
    ];
  }
  if (item.type === 'movie') {
    const partId = Number(item.ratingKey) + 7;
    metadata.Media = [
      {
        id: Number(item.ratingKey) + 3,
        duration: item.duration,
        bitrate: video.bitrate,
        width: video.width,
        height: video.height,
        aspectRatio: 1.78,
        audioChannels: 6,
        audioCodec: 'eac3',
        videoCodec: item.resolution === '4k' ? 'hevc' : 'h264',
        videoResolution: item.resolution,
        container,
        videoFrameRate: '24p',
        Part: [{ id: partId, key: `/library/parts/${partId}/${item.updatedAt}/file.${container}`, duration: item.duration, file: item.file, size: item.fileSize, container }],
      },
    ];
  }
  return metadata;
}

/** Only the rating key (`includeFields=ratingKey`): what a pass looking for deletions needs. */
export function toKeyOnly(item: SimItem): Record<string, unknown> {
  return { ratingKey: item.ratingKey };
}

const AGENTS: Record<SimSectionState['spec']['type'], { agent: string; scanner: string }> = {
  movie: { agent: 'tv.plex.agents.movie', scanner: 'Plex Movie' },
  show: { agent: 'tv.plex.agents.series', scanner: 'Plex TV Series' },
};

export function toDirectory(section: SimSectionState): Record<string, unknown> {
  const { spec } = section;
  return {
    allowSync: true,
    art: `/:/resources/${spec.type}-fanart.jpg`,
    composite: `/library/sections/${spec.key}/composite/${section.updatedAt}`,
    filters: true,
    refreshing: false,
    thumb: `/:/resources/${spec.type}.png`,
    key: spec.key,
    type: spec.type,
    title: spec.title,
    ...AGENTS[spec.type],
    ...(spec.agent ? { agent: spec.agent, scanner: spec.agent === 'tv.plex.agents.none' ? 'Plex Video Files Scanner' : AGENTS[spec.type].scanner } : {}),
    language: 'en-US',
    uuid: `00000000-0000-4000-8000-${spec.key.padStart(12, '0').slice(-12)}`,
    updatedAt: section.updatedAt,
    createdAt: section.updatedAt - 86_400 * 365,
    scannedAt: section.scannedAt,
    content: true,
    directory: true,
    contentChangedAt: section.version,
    hidden: false,
    Location: section.locations.map((path, n) => ({ id: section.ordinal * 10 + n + 1, path })),
  };
}
