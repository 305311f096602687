/**
 * The download queue: jobs kept in medianest.db, started oldest first up to
 * `downloads.maxConcurrent` (read at every start, so a change applies at
 * once), each run item by item (a playlist's in order, with a download
 * archive so an item already fetched is skipped), then placed into Plex.
 *
 * Pause stops the job's processes and keeps the part file (resume continues
 * it); cancel stops them and removes the part files; a transient failure is
 * retried by itself with backoff, up to `downloads.maxRetries`. At start, a
 * process group a dead core left is ended first, then jobs that were running
 * resume; quitting stops running jobs and leaves them to resume next time.
 */
import { mkdir, statfs } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  downloadUrlProblem,
  type DownloadFailure,
  type DownloadJob,
  type DownloadProgress,
  type DownloadQuality,
} from '../../../../shared/contract/areas/downloads';
import type { Settings } from '../../../../shared/contract/areas/settings';
import { AppError, isAppError } from '../../../../shared/contract/errors';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { Logger } from '../../logging/logger';
import type { DownloadsStore, StoredJob } from './downloads-store';
import { diskFull, failureError, noYtDlp, plexFailure, refused, retryDelay, unexpected, type RetryTiming } from './failures';
import { toJobView, type LiveState } from './job-view';
import { resolveTarget, type Target } from './placement/destinations';
import { assertInside, assertTemplateInside, outputTemplate } from './placement/naming';
import { placeInPlex, type PlacementTiming } from './placement/plex-placement';
import type { PlexLibraryPort } from './plex-library-port';
import type { CookieStore } from './cookies/cookie-store';
import type { DownloadTools, ResolvedTools } from './tools/tools-types';
import { removeJobPartFiles } from './ytdlp/staging-cleanup';
import type { Enumerated, RunHandle, YtDlpBinary, YtDlpRunner } from './ytdlp/ytdlp-types';

export type DownloadSettings = Settings['downloads'];


export interface QueueTiming extends RetryTiming, PlacementTiming {
  /** A job does not start with less free space than this where it writes. */
  readonly minFreeBytes: number;
  /** The runner's progress throttle. */
  readonly progressIntervalMs: number;
  /** How often a running job's progress is written to medianest.db (events go out more often). */
  readonly persistProgressMs: number;
}

export const DEFAULT_QUEUE_TIMING: QueueTiming = {
  retryBaseMs: 15_000,
  retryMaxMs: 10 * 60_000,
  waitForFileMs: 120_000,
  waitIntervalMs: 2_000,
  minFreeBytes: 512 * 1024 ** 2,
  progressIntervalMs: 250,
  persistProgressMs: 2_000,
};

export interface QueueDeps {
  readonly store: DownloadsStore;
  readonly runner: YtDlpRunner;
  readonly tools: Pick<DownloadTools, 'resolve'>;
  /** Each job gets its own 0600 copy of its site's cookies (yt-dlp rewrites the file it is given). */
  readonly cookies?: Pick<CookieStore, 'jobCopy'>;
  readonly plex: PlexLibraryPort;
  readonly settings: () => DownloadSettings;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Bytes free for an unprivileged writer at `path` (fs.statfs by default). */
  readonly freeBytes?: (path: string) => Promise<number>;
  readonly timing?: Partial<QueueTiming>;
  /** `--downloader ffmpeg` for every job (tests of the ffmpeg path). */
  readonly downloader?: 'ffmpeg';
}

export interface AddInput {
  readonly url: string;
  readonly quality: DownloadQuality;
  readonly sectionKey?: string | undefined;
}

export interface DownloadQueue {
  /** Ends leftover process groups, resumes what was running, cleans cancelled jobs' part files, then starts work. */
  start(): Promise<void>;
  add(input: AddInput): Promise<DownloadJob>;
  pause(id: string): Promise<DownloadJob>;
  resume(id: string): DownloadJob;
  cancel(id: string): Promise<DownloadJob>;
  retry(id: string): DownloadJob;
  remove(id: string): Promise<boolean>;
  pauseAll(paused: boolean): Promise<void>;
  paused(): boolean;
  jobs(): DownloadJob[];
  counts(): { running: number; queued: number };
  /** Settings changed: the concurrency may allow more now. */
  poke(): void;
  /** Stops running jobs (they resume at the next start) and waits for their processes to end. */
  dispose(): Promise<void>;
}

type StopReason = 'pause' | 'cancel' | 'quit';

interface Active {
  job: StoredJob;
  live: LiveState;
  handle: RunHandle | undefined;
  stopping: StopReason | undefined;
  readonly abort: AbortController;
  done: Promise<void>;
  persistedAt: number;
}

const PAUSED_KEY = 'paused';

const cap = (text: string | null | undefined, max: number): string | null => (text ? text.slice(0, max) : null);

async function statFree(path: string): Promise<number> {
  // The folder may not exist yet: ask the nearest one that does.
  let at = resolve(path);
  for (;;) {
    try {
      const stats = await statfs(at);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const parent = dirname(at);
      if (parent === at) throw error;
      at = parent;
    }
  }
}

export function createDownloadQueue(deps: QueueDeps): DownloadQueue {
  const { store, runner, plex, bus, logger } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const freeBytes = deps.freeBytes ?? statFree;
  const timing: QueueTiming = { ...DEFAULT_QUEUE_TIMING, ...deps.timing };
  const active = new Map<string, Active>();
  let pausedAll = store.getMeta(PAUSED_KEY) === '1';
  let started = false;
  let disposed = false;
  let wake: ReturnType<typeof setTimeout> | undefined;
  let lastCounts = '';

  const view = (job: StoredJob): DownloadJob => toJobView(job, active.get(job.id)?.live, pausedAll);
  const counts = () => {
    const states = store.countStates();
    return { running: states.running ?? 0, queued: states.queued ?? 0 };
  };
  const emitCounts = (): void => {
    const current = { ...counts(), paused: pausedAll };
    const key = JSON.stringify(current);
    if (key === lastCounts) return;
    lastCounts = key;
    bus.emit('downloads:queue-changed', current);
  };
  const changed = (job: StoredJob): DownloadJob => {
    const shown = view(job);
    bus.emit('downloads:job-changed', shown);
    return shown;
  };
  /** Writes, refreshes the running copy, tells the page. */
  const update = (id: string, patch: Parameters<DownloadsStore['update']>[1]): StoredJob => {
    const job = store.update(id, patch);
    if (!job) throw new AppError('NOT_FOUND', 'That download is not in the queue any more.');
    const running = active.get(id);
    if (running) running.job = job;
    changed(job);
    return job;
  };
  const require = (id: string): StoredJob => {
    const job = store.get(id);
    if (!job) throw new AppError('NOT_FOUND', 'That download is not in the queue any more.');
    return job;
  };

  const fail = (id: string, failure: DownloadFailure): void => {
    const job = require(id);
    const retries = deps.settings().maxRetries;
    if (failure.transient && job.attempts - 1 < retries) {
      const delay = retryDelay(job.attempts, timing, random);
      logger.info({ job: id, kind: failure.kind, attempt: job.attempts, delayMs: delay }, 'download failed for a passing reason; retrying later');
      update(id, { state: 'queued', failure, nextAttemptAt: now() + delay, pgid: null });
      return;
    }
    logger.warn({ job: id, kind: failure.kind, attempts: job.attempts }, 'download failed');
    update(id, { state: 'failed', failure, nextAttemptAt: null, pgid: null, finishedAt: now() });
    for (const item of job.items) if (item.state === 'running') store.updateItem(id, item.index, { state: 'queued' });
    bus.emit('download:failed', { id, error: failureError(failure) });
  };

  const target = async (job: StoredJob): Promise<Target> => {
    const settings = deps.settings();
    return resolveTarget(await plex.sections(), job.sectionKey, job.quality, settings);
  };

  const enumerate = async (run: Active, binary: YtDlpBinary, cookiesFile: string | undefined): Promise<void> => {
    const job = run.job;
    const listed: Enumerated = await runner.enumerate(binary, job.url, { signal: run.abort.signal, ...(cookiesFile ? { cookiesFile } : {}) });
    if (run.stopping) return;
    // What a site says is input: capped, and items whose address is not a plain web address fall back to the playlist's.
    const items =
      listed.kind === 'playlist'
        ? listed.items.slice(0, 5000).map((item, index) => ({
            index,
            title: cap(item.title, 500) ?? `Item ${index + 1}`,
            url: downloadUrlProblem(item.url) === undefined ? item.url.trim() : job.url,
            videoId: cap(item.id, 200),
          }))
        : [{ index: 0, title: cap(listed.title, 500) ?? job.url, url: job.url, videoId: cap(listed.id, 200) }];
    store.setItems(job.id, items);
    update(job.id, { kind: listed.kind, title: cap(listed.title, 500) ?? job.url, channel: cap(listed.channel, 500), enumerated: true });
  };

  const onProgress = (run: Active, index: number, progress: DownloadProgress): void => {
    run.live = { step: 'downloading', itemIndex: index, progress };
    const id = run.job.id;
    if (now() - run.persistedAt >= timing.persistProgressMs) {
      run.persistedAt = now();
      run.job = store.update(id, { progress }) ?? run.job;
      store.updateItem(id, index, { percent: progress.percent });
    }
    const shown = changed(run.job);
    bus.emit('download:progress', {
      id,
      percent: shown.progress?.percent ?? null,
      downloadedBytes: progress.downloadedBytes,
      totalBytes: progress.totalBytes,
      speed: progress.speed,
      eta: progress.eta,
    });
  };

  const runItems = async (run: Active, place: Target): Promise<'done' | 'stopped' | 'failed'> => {
    const tools = await deps.tools.resolve();
    if (run.stopping) return 'stopped';
    const binary = tools.ytdlp;
    if (!binary) {
      fail(run.job.id, noYtDlp(tools.status.find((status) => status.name === 'yt-dlp')?.problem ?? null));
      return 'failed';
    }
    const stagingDir = join(place.staging, run.job.id);
    await mkdir(stagingDir, { recursive: true });
    if (run.job.stagingDir !== stagingDir) update(run.job.id, { stagingDir });
    const copy = await deps.cookies?.jobCopy(run.job.url, stagingDir);
    try {
      return await fetchItems(run, place, { binary, tools, stagingDir, cookiesFile: copy?.path });
    } finally {
      await copy?.remove().catch(() => undefined);
    }
  };

  const fetchItems = async (
    run: Active,
    place: Target,
    context: { binary: YtDlpBinary; tools: ResolvedTools; stagingDir: string; cookiesFile: string | undefined },
  ): Promise<'done' | 'stopped' | 'failed'> => {
    const { binary, tools, stagingDir, cookiesFile } = context;
    if (run.stopping) return 'stopped';
    if (!run.job.enumerated) {
      run.live = { step: 'listing', itemIndex: null, progress: null };
      changed(run.job);
      await enumerate(run, binary, cookiesFile);
      if (run.stopping) return 'stopped';
    }
    const settings = deps.settings();
    const channel = run.job.channel ?? (run.job.kind === 'playlist' ? run.job.title : null);
    for (const item of run.job.items) {
      if (item.state === 'completed' || item.state === 'skipped') continue;
      if (run.stopping) return 'stopped';
      const template = outputTemplate({ scheme: place.scheme, channel, title: item.title, number: item.index + 1, windowsSafe: settings.windowsSafeNames });
      assertTemplateInside(place.root, template);
      store.updateItem(run.job.id, item.index, { state: 'running' });
      run.job = require(run.job.id);
      run.live = { step: 'downloading', itemIndex: item.index, progress: null };
      changed(run.job);
      const handle = runner.run(
        binary,
        {
          url: item.url,
          quality: run.job.quality,
          outputDir: place.root,
          stagingDir,
          outputTemplate: template,
          archiveFile: join(stagingDir, 'archive.txt'),
          ...(item.url === run.job.url && run.job.kind === 'playlist' ? { playlistItem: item.index + 1 } : {}),
          ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
          ...(cookiesFile ? { cookiesFile } : {}),
          windowsSafeNames: settings.windowsSafeNames,
          ...(tools.jsRuntime ? { jsRuntime: tools.jsRuntime } : {}),
          ...(tools.ffmpegPath ? { ffmpegPath: tools.ffmpegPath } : {}),
          ...(deps.downloader ? { downloader: deps.downloader } : {}),
          // A kept part file (pause, quit, crash, a failed try) is always continued; cancel removes it first.
          resume: true,
          progressIntervalMs: timing.progressIntervalMs,
        },
        { progress: (progress) => onProgress(run, item.index, progress) },
      );
      run.handle = handle;
      // Stored before anything else happens: a core that dies from here on leaves the group id to end at the next start.
      if (handle.pgid !== undefined) run.job = store.update(run.job.id, { pgid: handle.pgid }) ?? run.job;
      const result = await handle.done;
      run.handle = undefined;
      if (!result.ok && result.stopped) return 'stopped';
      if (run.stopping) return 'stopped';
      run.job = store.update(run.job.id, { pgid: null }) ?? run.job;
      if (!result.ok) {
        store.updateItem(run.job.id, item.index, { state: 'failed' });
        fail(run.job.id, result.failure);
        return 'failed';
      }
      const file = result.files.at(-1);
      // The archive already had it (fetched before a crash): nothing new to place.
      if (file === undefined) store.updateItem(run.job.id, item.index, { state: 'skipped', percent: 100 });
      else store.updateItem(run.job.id, item.index, { state: 'completed', percent: 100, file: assertInside(place.root, file) });
      run.job = require(run.job.id);
    }
    return 'done';
  };

  const complete = async (run: Active, place: Target): Promise<void> => {
    run.live = { step: 'placing', itemIndex: null, progress: null };
    changed(run.job);
    const id = run.job.id;
    let placed;
    try {
      placed = await placeInPlex(run.job, {
        plex,
        toPlex: place.toPlex,
        timing,
        signal: run.abort.signal,
        onListed: (index, ratingKey) => store.updateItem(id, index, { ratingKey }),
      });
    } catch (error) {
      if (run.stopping) return;
      logger.warn({ job: id, err: error }, 'the download is in the folder but Plex did not take it');
      fail(id, plexFailure(error));
      return;
    }
    if (run.stopping) return;
    // The archive and any leftovers go with the staging folder: the job is done.
    await removeJobPartFiles(join(place.staging, id)).catch(() => undefined);
    const job = update(id, { state: 'completed', collection: placed.collection, openUrl: placed.openUrl, failure: null, nextAttemptAt: null, finishedAt: now(), stagingDir: null });
    const file = job.items.find((item) => item.file !== null)?.file ?? '';
    logger.info({ job: id, items: job.items.length }, 'download ready to watch');
    bus.emit('download:completed', { id, file });
    bus.emit('downloads:ready', { id, title: job.title, openUrl: placed.openUrl });
  };

  const execute = async (run: Active): Promise<void> => {
    const id = run.job.id;
    try {
      let place: Target;
      try {
        place = await target(run.job);
      } catch (error) {
        if (run.stopping) return;
        // A refusal (no destination, a folder outside the library) waits for the user; Plex not answering passes.
        fail(id, isAppError(error) && error.code === 'INVALID_PAYLOAD' ? refused(error.message) : plexFailure(error));
        return;
      }
      // Part files grow in staging, the finished file lands in the library: both need the room (usually one disk).
      for (const folder of [place.staging, place.root]) {
        const free = await freeBytes(folder).catch(() => Number.POSITIVE_INFINITY);
        if (free < timing.minFreeBytes) {
          fail(id, diskFull(folder, free, timing.minFreeBytes));
          return;
        }
      }
      if (run.stopping) return;
      const outcome = await runItems(run, place);
      if (outcome !== 'done' || run.stopping) return;
      await complete(run, place);
    } catch (error) {
      if (run.stopping) return;
      logger.error({ job: id, err: error }, 'download stopped by an unexpected error');
      fail(id, isAppError(error) && error.code === 'INVALID_PAYLOAD' ? refused(error.message) : unexpected(error));
    }
  };

  const launch = (job: StoredJob): void => {
    const startedJob = store.update(job.id, { state: 'running', attempts: job.attempts + 1, nextAttemptAt: null, failure: null }) ?? job;
    const run: Active = { job: startedJob, live: { step: 'listing', itemIndex: null, progress: null }, handle: undefined, stopping: undefined, abort: new AbortController(), done: Promise.resolve(), persistedAt: 0 };
    active.set(job.id, run);
    changed(startedJob);
    bus.emit('download:started', { id: job.id, url: job.url });
    run.done = execute(run).finally(() => {
      active.delete(job.id);
      if (!disposed) pump();
    });
  };

  const scheduleWake = (queued: readonly StoredJob[]): void => {
    if (wake) clearTimeout(wake);
    wake = undefined;
    const next = Math.min(...queued.map((job) => job.nextAttemptAt ?? Number.POSITIVE_INFINITY));
    if (!Number.isFinite(next)) return;
    wake = setTimeout(pump, Math.max(0, next - now()));
    wake.unref?.();
  };

  function pump(): void {
    if (disposed || !started) return;
    const queued = store.inState('queued');
    if (!pausedAll) {
      const limit = deps.settings().maxConcurrent;
      const at = now();
      for (const job of queued) {
        if (active.size >= limit) break;
        if (active.has(job.id) || (job.nextAttemptAt !== null && job.nextAttemptAt > at)) continue;
        launch(job);
      }
    }
    scheduleWake(store.inState('queued'));
    emitCounts();
  }

  /** Stops a running job's processes; resolves once none is left. */
  const stop = async (run: Active, reason: StopReason): Promise<void> => {
    run.stopping = reason;
    run.abort.abort();
    await run.handle?.stop(reason);
    await run.done;
  };

  const removePartFiles = async (job: StoredJob): Promise<void> => {
    if (!job.stagingDir) return;
    await removeJobPartFiles(job.stagingDir);
    store.update(job.id, { stagingDir: null });
  };

  const requeueItems = (job: StoredJob): void => {
    for (const item of job.items) if (item.state === 'running') store.updateItem(job.id, item.index, { state: 'queued' });
  };

  return {
    async start() {
      // One pass over the stored jobs; nothing runs until it is done (pump below).
      for (const job of store.list()) {
        if (job.pgid !== null) {
          // A core that died left this group; whatever of it still runs would write beside the resumed job.
          await runner.killLeftoverGroup(job.pgid).catch((error: unknown) => logger.warn({ job: job.id, pgid: job.pgid, err: error }, 'a leftover yt-dlp could not be ended'));
          store.update(job.id, { pgid: null });
        }
        if (job.state === 'running') {
          requeueItems(job);
          store.update(job.id, { state: 'queued', nextAttemptAt: null });
          logger.info({ job: job.id }, 'resuming a download that was running when MediaNest stopped');
        } else if (job.state === 'cancelled' && job.stagingDir) {
          await removePartFiles(job).catch((error: unknown) => logger.warn({ job: job.id, err: error }, 'part files of a cancelled download could not be removed'));
        }
      }
      started = true;
      pump();
    },
    async add(input) {
      // The contract checked it; checked again here, as nothing may reach yt-dlp unchecked.
      const problem = downloadUrlProblem(input.url);
      if (problem) throw new AppError('INVALID_PAYLOAD', problem);
      const settings = deps.settings();
      const sectionKey = input.sectionKey ?? settings.sectionKey;
      const sections = await plex.sections();
      const place = resolveTarget(sections, sectionKey, input.quality, settings);
      const job = store.insert({ url: input.url.trim(), quality: input.quality, sectionKey, sectionTitle: place.section.title });
      logger.info({ job: job.id, section: sectionKey }, 'download queued');
      const shown = changed(job);
      pump();
      return shown;
    },
    async pause(id) {
      const job = require(id);
      const run = active.get(id);
      if (job.state !== 'running' && job.state !== 'queued') throw new AppError('INVALID_PAYLOAD', `A download that is ${job.state} cannot be paused.`);
      if (run) await stop(run, 'pause');
      requeueItems(require(id));
      const paused = update(id, { state: 'paused', nextAttemptAt: null, pgid: null });
      pump();
      return view(paused);
    },
    resume(id) {
      const job = require(id);
      if (job.state !== 'paused') throw new AppError('INVALID_PAYLOAD', `A download that is ${job.state} cannot be resumed.`);
      const resumed = update(id, { state: 'queued', nextAttemptAt: null });
      pump();
      return view(store.get(id) ?? resumed);
    },
    async cancel(id) {
      const job = require(id);
      if (job.state !== 'running' && job.state !== 'queued' && job.state !== 'paused') throw new AppError('INVALID_PAYLOAD', `A download that is ${job.state} cannot be cancelled.`);
      const run = active.get(id);
      if (run) await stop(run, 'cancel');
      requeueItems(require(id));
      await removePartFiles(require(id));
      const cancelled = update(id, { state: 'cancelled', nextAttemptAt: null, pgid: null, finishedAt: now() });
      logger.info({ job: id }, 'download cancelled');
      pump();
      return view(cancelled);
    },
    retry(id) {
      const job = require(id);
      if (job.state !== 'failed' && job.state !== 'cancelled') throw new AppError('INVALID_PAYLOAD', `A download that is ${job.state} needs no retry.`);
      for (const item of job.items) if (item.state === 'failed') store.updateItem(id, item.index, { state: 'queued' });
      // A retry by hand starts the count of automatic ones again.
      const queued = update(id, { state: 'queued', failure: null, attempts: 0, nextAttemptAt: null, finishedAt: null });
      pump();
      return view(store.get(id) ?? queued);
    },
    async remove(id) {
      const job = store.get(id);
      if (!job) return false;
      if (job.state !== 'completed' && job.state !== 'failed' && job.state !== 'cancelled') throw new AppError('INVALID_PAYLOAD', 'Cancel the download first, then remove it.');
      await removePartFiles(job);
      const removed = store.remove(id);
      bus.emit('downloads:job-removed', { id });
      emitCounts();
      return removed;
    },
    async pauseAll(paused) {
      pausedAll = paused;
      store.setMeta(PAUSED_KEY, paused ? '1' : '0');
      if (paused) {
        // Running jobs go back to the queue with their part files, to continue when all are resumed.
        await Promise.all(
          [...active.values()].map(async (run) => {
            await stop(run, 'pause');
            requeueItems(require(run.job.id));
            update(run.job.id, { state: 'queued', nextAttemptAt: null, pgid: null });
          }),
        );
      }
      for (const job of store.inState('queued')) changed(job);
      pump();
      emitCounts();
    },
    paused: () => pausedAll,
    jobs: () => store.list().map(view),
    counts,
    poke: () => pump(),
    async dispose() {
      disposed = true;
      if (wake) clearTimeout(wake);
      // Left in the running state: the next start resumes them.
      await Promise.all(
        [...active.values()].map(async (run) => {
          await stop(run, 'quit');
          store.update(run.job.id, { pgid: null });
        }),
      );
    },
  };
}
