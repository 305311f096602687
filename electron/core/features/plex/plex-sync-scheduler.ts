/**
 * When the library syncs: shortly after start, on a schedule, when Plex comes
 * back, and on demand; one run at a time (asking again while one runs joins
 * it), cancellable, with the latest progress kept for the status.
 */
import type { SyncProgress } from '../../../../shared/contract/areas/plex';
import { isAppError } from '../../../../shared/contract/errors';
import type { Logger } from '../../logging/logger';
import type { PlexSyncer, SectionSyncResult } from './plex-sync';

export interface SyncSchedulerDeps {
  /** Builds the syncer with the scheduler's progress sink. */
  readonly makeSyncer: (onProgress: (progress: SyncProgress) => void) => PlexSyncer;
  /** False while there is no linked server (nothing to sync). */
  readonly canSync: () => boolean;
  readonly onProgress: (progress: SyncProgress) => void;
  /** Told after every completed run. */
  readonly onCompleted?: (results: readonly SectionSyncResult[]) => void;
  /** 0 turns the schedule off (tests). */
  readonly intervalMs: number;
  readonly firstDelayMs?: number;
  readonly logger?: Pick<Logger, 'warn' | 'info'>;
}

export interface SyncScheduler {
  start(): void;
  /** Starts a run (or joins the running one). */
  run(options?: { full?: boolean }): Promise<readonly SectionSyncResult[] | undefined>;
  cancel(): void;
  readonly progress: SyncProgress;
  readonly running: boolean;
  dispose(): void;
}

export const IDLE_PROGRESS: SyncProgress = { state: 'idle', done: 0, total: 0, sectionKey: null, sectionTitle: null, phase: null, startedAt: null, finishedAt: null, message: null };

export function createSyncScheduler(deps: SyncSchedulerDeps): SyncScheduler {
  let progress = IDLE_PROGRESS;
  let current: { promise: Promise<readonly SectionSyncResult[] | undefined>; controller: AbortController } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const syncer = deps.makeSyncer((next) => {
    progress = next;
    deps.onProgress(next);
  });

  const schedule = (delayMs: number): void => {
    clearTimeout(timer);
    if (disposed || deps.intervalMs <= 0) return;
    timer = setTimeout(() => {
      void run().finally(() => schedule(deps.intervalMs));
    }, delayMs);
    timer.unref?.();
  };

  const run = (options: { full?: boolean } = {}): Promise<readonly SectionSyncResult[] | undefined> => {
    if (current) return current.promise;
    if (disposed || !deps.canSync()) return Promise.resolve(undefined);
    const controller = new AbortController();
    const promise = syncer
      .run({ signal: controller.signal, ...(options.full ? { full: true } : {}) })
      .then(
        (results) => {
          deps.onCompleted?.(results);
          return results;
        },
        (error: unknown) => {
          if (!(isAppError(error) && error.code === 'CANCELLED')) deps.logger?.warn({ code: isAppError(error) ? error.code : undefined, err: isAppError(error) ? undefined : error }, 'the library sync failed');
          return undefined;
        },
      )
      .finally(() => {
        if (current?.controller === controller) current = undefined;
      });
    current = { promise, controller };
    return promise;
  };

  return {
    start() {
      schedule(deps.firstDelayMs ?? 2_000);
    },
    run,
    cancel() {
      current?.controller.abort();
    },
    get progress() {
      return progress;
    },
    get running() {
      return current !== undefined;
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      current?.controller.abort();
    },
  };
}
