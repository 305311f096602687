/**
 * A small homelab for the downloads tests and the benchmark: the media site
 * simulator (ffmpeg-made clips, RSS playlists, throttled) and the Plex
 * simulator with an Other Videos section whose folder is a temp folder, plus
 * the settings that point a core at both and the wait until Plex is linked.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../electron/core/create-core';
import { createMediaSimulator, type MediaClipSpec, type MediaPlaylistSpec, type MediaSimulator } from '../../electron/core/features/downloads/simulator/media-simulator';
import { createPlexSimulator, type PlexSimulator } from '../../electron/core/features/plex/plex-simulator';
import { CLIP_CACHE } from './ytdlp-runner-fixtures';

export { filesUnder } from './ytdlp-runner-fixtures';
export const DOWNLOADS_SECTION = '5';

export interface DownloadsLab {
  readonly media: MediaSimulator;
  readonly plex: PlexSimulator;
  /** The Other Videos section's folder (the same path for Plex and MediaNest). */
  readonly library: string;
  readonly root: string;
  close(): Promise<void>;
}

export interface DownloadsLabOptions {
  readonly clips: readonly MediaClipSpec[];
  readonly playlists?: readonly MediaPlaylistSpec[];
  readonly bytesPerSecond?: number;
  /** An existing folder to use (a second process on the same lab); default a new temp folder. */
  readonly root?: string;
}

export async function startDownloadsLab(options: DownloadsLabOptions): Promise<DownloadsLab> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'medianest-downloads-lab-'));
  const library = join(root, 'library', 'Downloads');
  mkdirSync(library, { recursive: true });
  const media = await createMediaSimulator({
    cacheDir: CLIP_CACHE,
    clips: options.clips,
    ...(options.playlists ? { playlists: options.playlists } : {}),
    ...(options.bytesPerSecond ? { bytesPerSecond: options.bytesPerSecond } : {}),
  });
  const plex = await createPlexSimulator({
    sections: [{ key: DOWNLOADS_SECTION, title: 'Downloads', type: 'movie', size: 0, agent: 'tv.plex.agents.none', locations: [library] }],
    scanDelayMs: 20,
  });
  return {
    media,
    plex,
    library,
    root,
    async close() {
      await Promise.all([media.close(), plex.close()]);
      if (!options.root) rmSync(root, { recursive: true, force: true });
    },
  };
}

const call = async <T>(core: Core, channel: string, payload?: unknown): Promise<T> => {
  const outcome = await core.dispatch(channel, payload);
  if (!outcome.ok) throw Object.assign(new Error(`${channel}: ${outcome.error.message}`), outcome.error);
  return outcome.result as T;
};

/** Points a core at the lab's Plex and its Downloads section, with the given yt-dlp, and waits until the server is linked. */
export async function linkCoreToLab(core: Core, lab: { plexUrl: string; plexToken: string }, downloads: { ytdlpPath: string; maxConcurrent?: number }): Promise<void> {
  await call(core, 'settings:update', {
    services: { plex: { enabled: true, baseUrl: lab.plexUrl } },
    secrets: { 'plex.token': lab.plexToken },
    downloads: { sectionKey: DOWNLOADS_SECTION, ytdlpPath: downloads.ytdlpPath, maxConcurrent: downloads.maxConcurrent ?? 2 },
  });
  await call(core, 'plex:sync', { full: true });
  const end = Date.now() + 8_000;
  for (;;) {
    const status = await call<{ server: { machineIdentifier: string } | null }>(core, 'plex:status');
    const destinations = await call<{ sectionKey: string; usable: boolean }[]>(core, 'downloads:destinations').catch(() => []);
    if (status.server?.machineIdentifier && destinations.some((destination) => destination.sectionKey === DOWNLOADS_SECTION && destination.usable)) return;
    if (Date.now() > end) throw new Error(`Plex was not linked in time: ${JSON.stringify({ status, destinations })}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export { call as dispatchOrThrow };
