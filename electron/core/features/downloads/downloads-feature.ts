/**
 * The downloads feature: the queue behind every `downloads:*` channel, the
 * tools (their cards go to the health board through create-core), cookies by
 * site, and the destinations Plex offers.
 * Built from narrow deps (medianest.db, the bus, its settings block, the
 * yt-dlp runner, the tools, the cookie store and a port onto Plex), so tests
 * build it from fakes and create-core joins it to the real pieces.
 */
import type { downloadsInvokes, DownloadsOverview, ToolStatus } from '../../../../shared/contract/areas/downloads';
import type { Db } from '../../db/database';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { Logger } from '../../logging/logger';
import type { FeatureModule } from '../feature-module';
import type { CookieStore } from './cookies/cookie-store';
import { createDownloadQueue, type DownloadSettings, type QueueTiming } from './downloads-queue';
import { createDownloadsStore } from './downloads-store';
import { describeDestinations } from './placement/destinations';
import type { PlexLibraryPort } from './plex-library-port';
import type { DownloadTools } from './tools/tools-types';
import type { YtDlpRunner } from './ytdlp/ytdlp-types';

/** Imported cookies by site (kept like secrets), and the per-job copy yt-dlp is given. */
export type DownloadCookies = Pick<CookieStore, 'import' | 'list' | 'remove' | 'jobCopy'>;

export interface DownloadsFeatureDeps {
  /** medianest.db: the queue must survive restarts. */
  readonly db: Db;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
  readonly settings: () => DownloadSettings;
  readonly onSettingsChanged: (listener: () => void) => () => void;
  readonly runner: YtDlpRunner;
  readonly tools: DownloadTools;
  readonly cookies: DownloadCookies;
  readonly plex: PlexLibraryPort;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly freeBytes?: (path: string) => Promise<number>;
  /** Shorter retry, Plex wait and free-space margins for tests. */
  readonly timing?: Partial<QueueTiming>;
  readonly downloader?: 'ffmpeg';
  /** The demo homelab's playlist, offered on the page in the demo. */
  readonly demoPlaylistUrl?: () => string | null;
}

type DownloadsChannel = keyof typeof downloadsInvokes;

export interface DownloadsFeature extends FeatureModule<DownloadsChannel> {
  /** Ends what a dead core left, resumes the queue and starts work; call once after building. */
  start(): Promise<void>;
  /** For the tray: pause or resume every download. */
  pauseAll(paused: boolean): Promise<void>;
  counts(): { running: number; queued: number; paused: boolean };
}

export function createDownloadsFeature(deps: DownloadsFeatureDeps): DownloadsFeature {
  const logger = deps.logger;
  const store = createDownloadsStore(deps.db, deps.now);
  const queue = createDownloadQueue({
    store,
    runner: deps.runner,
    tools: deps.tools,
    cookies: deps.cookies,
    plex: deps.plex,
    settings: deps.settings,
    bus: deps.bus,
    logger,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.freeBytes ? { freeBytes: deps.freeBytes } : {}),
    ...(deps.timing ? { timing: deps.timing } : {}),
    ...(deps.downloader ? { downloader: deps.downloader } : {}),
  });
  let ytdlpPath = deps.settings().ytdlpPath;
  const stopSettings = deps.onSettingsChanged(() => {
    // Another yt-dlp in Settings: look again, so the next job and the cards use it.
    if (deps.settings().ytdlpPath !== ytdlpPath) {
      ytdlpPath = deps.settings().ytdlpPath;
      void deps.tools.resolve({ refresh: true }).catch((error: unknown) => logger.warn({ err: error }, 'the download tools could not be looked up again'));
    }
    queue.poke();
  });
  const stopTools = deps.tools.onChanged((status) => deps.bus.emit('downloads:tools-changed', [...status]));
  const stopUpdate = deps.tools.onUpdateChanged((state) => deps.bus.emit('downloads:update-changed', state));

  const tools = async (): Promise<ToolStatus[]> => [...(await deps.tools.resolve()).status];
  const overview = async (): Promise<DownloadsOverview> => {
    const resolved = await deps.tools.resolve();
    const { running, queued } = queue.counts();
    let unavailable: string | null = null;
    if (!resolved.ytdlp) unavailable = resolved.status.find((status) => status.name === 'yt-dlp')?.problem ?? 'yt-dlp was not found: install it, or set its path in Settings → Downloads.';
    else if (deps.settings().sectionKey === '') unavailable = 'Choose the Plex library downloads go to in Settings → Downloads.';
    return { jobs: queue.jobs(), tools: [...resolved.status], paused: queue.paused(), running, queued, unavailable, demoPlaylistUrl: deps.demoPlaylistUrl?.() ?? null };
  };

  return {
    start: () => queue.start(),
    pauseAll: (paused) => queue.pauseAll(paused),
    counts: () => ({ ...queue.counts(), paused: queue.paused() }),
    handlers: {
      'downloads:overview': overview,
      'downloads:add': (input) => queue.add(input),
      'downloads:pause': ({ id }) => queue.pause(id),
      'downloads:resume': ({ id }) => queue.resume(id),
      'downloads:cancel': ({ id }) => queue.cancel(id),
      'downloads:retry': ({ id }) => queue.retry(id),
      'downloads:remove': async ({ id }) => ({ removed: await queue.remove(id) }),
      'downloads:pause-all': async ({ paused }) => {
        await queue.pauseAll(paused);
        return overview();
      },
      'downloads:destinations': async () => describeDestinations(await deps.plex.sections(), deps.settings()),
      'downloads:tools': tools,
      'downloads:update-ytdlp': () => deps.tools.updateYtDlp(),
      'downloads:update-state': () => deps.tools.updateState(),
      'downloads:import-cookies': async ({ site, content }) => {
        const sites = await deps.cookies.import(site, content);
        // The site only: the cookies themselves never reach a log.
        logger.info({ site }, 'cookies imported');
        return sites;
      },
      'downloads:cookies': async () => deps.cookies.list(),
      'downloads:remove-cookies': async ({ site }) => deps.cookies.remove(site),
    },
    async dispose() {
      stopSettings();
      stopTools();
      stopUpdate();
      await queue.dispose();
    },
  };
}
