/**
 * What downloads need of the Plex library, in their own words; the
 * composition root adapts Plex's capability to it (features never import
 * each other). Paths here are as the Plex server sees them.
 */
export interface DownloadSection {
  readonly key: string;
  readonly title: string;
  /** movie, show, artist, photo. */
  readonly type: string;
  /** `tv.plex.agents.none` for Other Videos, ... (null when unknown). */
  readonly agent: string | null;
  readonly locations: readonly string[];
}

export interface PlexLibraryPort {
  /** The linked server's sections (the index's copy while Plex is down). */
  sections(): Promise<DownloadSection[]>;
  /** Scans one folder of a section (a folder, never a file). */
  scanFolder(sectionKey: string, folder: string): Promise<void>;
  /** Resolves with the item's rating key once Plex lists `file`; rejects on timeout. */
  waitForFile(sectionKey: string, file: string, options?: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal }): Promise<string>;
  /** An existing collection of that title in the section, if any. */
  findCollection(sectionKey: string, title: string): Promise<string | undefined>;
  createCollection(sectionKey: string, title: string, ratingKeys: readonly string[]): Promise<string>;
  addToCollection(collectionKey: string, ratingKeys: readonly string[]): Promise<void>;
  /** "Open in Plex" for an item or collection (Plex Web's address), when a server is linked. */
  openUrl(ratingKey: string): string | null;
}
