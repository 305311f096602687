/**
 * Downloads in the demo homelab: an "Other Videos" library in the demo's
 * Plex whose folder is a real folder in the demo's data folder (so the Plex
 * simulator's folder scan finds what yt-dlp put there), and a media site
 * serving a playlist of a few short clips, throttled so the progress can be
 * watched. The clips are made with ffmpeg; without it the demo starts all
 * the same, without the playlist, and says so.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import { createMediaSimulator, type MediaClipSpec } from '../features/downloads/simulator/media-simulator';
import type { SimSectionSpec } from '../features/plex/simulator/sim-library';
import type { HttpListenerHost } from '../hosting/http-listeners';

export const DEMO_VIDEOS_SECTION_KEY = '3';
export const DEMO_PLAYLIST_NAME = 'harbour-walks';

/** About 100 KB per second of clip; at this rate each takes a few seconds, slow enough to follow. */
export const DEMO_BYTES_PER_SECOND = 150_000;

export const DEMO_CLIPS: readonly MediaClipSpec[] = [
  { name: 'harbour-at-dawn', title: 'Harbour at dawn', seconds: 4 },
  { name: 'gulls-over-the-pier', title: 'Gulls over the pier', seconds: 4 },
  { name: 'fishing-boats-return', title: 'Fishing boats return', seconds: 4 },
  { name: 'lighthouse-at-dusk', title: 'Lighthouse at dusk', seconds: 4 },
];

/** Where the demo's "Other Videos" library keeps its files (as both Plex and MediaNest see it: one computer). */
export function demoVideosFolder(dataDir: string): string {
  return join(dataDir, 'demo-library', 'Other Videos');
}

export interface DemoLibrary {
  /** The section for the demo's Plex, or null when its folder could not be made. */
  readonly section: SimSectionSpec | null;
  readonly folder: string | null;
  readonly problem: string | null;
}

/** Makes the library folder; the section points at it. */
export async function prepareDemoLibrary(dataDir: string | undefined): Promise<DemoLibrary> {
  if (!dataDir) return { section: null, folder: null, problem: null };
  const folder = demoVideosFolder(dataDir);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    return { section: null, folder: null, problem: `The demo has no library to download into: its folder ${folder} could not be made (${(error as Error).message}).` };
  }
  return { section: { key: DEMO_VIDEOS_SECTION_KEY, title: 'Other Videos', type: 'movie', agent: 'tv.plex.agents.none', size: 0, locations: [folder] }, folder, problem: null };
}

export interface DemoMediaSite {
  readonly playlistUrl: string | null;
  readonly problem: string | null;
}

/** Starts the demo's media site; without ffmpeg (or a cache folder) there is no playlist, and `problem` says why. */
export async function startDemoMediaSite(listeners: HttpListenerHost, options: { readonly dataDir: string; readonly ffmpegPath?: string }): Promise<DemoMediaSite> {
  try {
    const site = await createMediaSimulator({
      listeners,
      name: 'demo-media',
      cacheDir: join(options.dataDir, 'demo-media'),
      clips: DEMO_CLIPS,
      playlists: [{ name: DEMO_PLAYLIST_NAME, title: 'Harbour walks', clips: DEMO_CLIPS.map((clip) => clip.name) }],
      bytesPerSecond: DEMO_BYTES_PER_SECOND,
      ...(options.ffmpegPath ? { ffmpegPath: options.ffmpegPath } : {}),
    });
    return { playlistUrl: site.playlistUrl(DEMO_PLAYLIST_NAME), problem: null };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' || /ENOENT|not found/i.test((error as Error).message);
    return {
      playlistUrl: null,
      problem: missing
        ? 'The demo playlist is off: ffmpeg is not installed, and it makes the demo’s clips. Install ffmpeg and start the demo again.'
        : `The demo playlist is off: its clips could not be made (${(error as Error).message.slice(0, 200)}).`,
    };
  }
}

/** Downloads go into the demo's Other Videos library. */
export function demoDownloadSettings(library: DemoLibrary): SettingsPatch {
  return library.folder ? { downloads: { sectionKey: DEMO_VIDEOS_SECTION_KEY, folder: library.folder } } : {};
}
