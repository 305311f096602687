/**
 * What requests need from Plex, declared here so this feature never imports
 * the Plex feature: the composition root adapts Plex's library capability to
 * it, tests use a small fake or the Plex simulator.
 */
export interface PlexGuidLookup {
  readonly tmdb?: string;
  readonly tvdb?: string;
  readonly imdb?: string;
}

export interface PlexTitleRef {
  readonly ratingKey: string;
  readonly title: string;
  readonly year: number | null;
}

/** What the library index says about an item, for title details when Plex has it. */
export interface PlexTitleDetails extends PlexTitleRef {
  readonly summary: string | null;
  /** A relative `binary/…` poster address the core serves. */
  readonly poster: string | null;
}

export interface PlexTitlesPort {
  /** The library item for these ids, from the index (works while Plex is down). */
  findByGuid(lookup: PlexGuidLookup): PlexTitleRef | undefined;
  /** Fetches one item from Plex into the index (an incremental sync, never a section scan). */
  syncItem(ratingKey: string): Promise<PlexTitleRef | undefined>;
  /** Details of an indexed item, when the index has them. */
  details(ratingKey: string): PlexTitleDetails | undefined;
}

/** For a core without Plex: nothing is ever in the library. */
export function noPlexTitles(): PlexTitlesPort {
  return { findByGuid: () => undefined, syncItem: async () => undefined, details: () => undefined };
}
