/**
 * The Health page's model: every source's entries in one list, each with its
 * mute, kept live for the renderer and the tray, and every check's
 * observations handed to the alert policy; and what sources say beyond
 * their entries (notices: Kuma's pinned incidents).
 *
 * Sources are registered by the composition root (`addSource`), so features
 * that come later (the webhook listener, yt-dlp) contribute entries the same
 * way Uptime Kuma does, without the board knowing them.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { HealthEntry, HealthNotice } from '../../../../shared/contract/areas/health-entries';
import type { AlertPolicy } from './alert-policy';
import type { MuteStore } from './mute-store';
import type { HealthSource, SourceEntry, SourceUpdate } from '../../health/health-source';

export interface HealthBoardDeps {
  readonly policy: Pick<AlertPolicy, 'observe' | 'forget'>;
  readonly mutes: MuteStore;
  readonly onEntryChanged: (entry: HealthEntry) => void;
  readonly onEntriesRemoved: (ids: readonly string[]) => void;
  /** Every source's notices, whole, whenever one source's notices change. */
  readonly onNoticesChanged: (notices: readonly HealthNotice[]) => void;
  readonly now?: () => number;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

export interface HealthBoard {
  addSource(source: HealthSource): () => void;
  entries(): HealthEntry[];
  notices(): HealthNotice[];
  /** Checks the entry's source now and returns every entry afterwards. */
  checkEntry(id: string): Promise<HealthEntry[]>;
  /** Mutes notifications about an entry for `hours` (1, 4 or 8), or unmutes with null. */
  mute(id: string, hours: number | null): HealthEntry;
  dispose(): void;
}

const HOUR_MS = 3_600_000;

export function createHealthBoard(deps: HealthBoardDeps): HealthBoard {
  const now = deps.now ?? Date.now;
  const sources = new Map<HealthSource, () => void>();
  /** Each source's latest notices, as it last sent them. */
  const notices = new Map<HealthSource, readonly HealthNotice[]>();
  const allNotices = (): HealthNotice[] => [...notices.values()].flat();
  const setNotices = (source: HealthSource, next: readonly HealthNotice[]): void => {
    const before = notices.get(source) ?? [];
    if (next.length === 0) notices.delete(source);
    else notices.set(source, next);
    if (JSON.stringify(before) !== JSON.stringify(next)) deps.onNoticesChanged(allNotices());
  };

  const withMute = (entry: SourceEntry): HealthEntry => ({ ...entry, mutedUntil: deps.mutes.get(entry.id, now()) });

  const sourceOf = (id: string): { source: HealthSource; entry: SourceEntry } => {
    for (const source of sources.keys()) {
      const entry = source.entries().find((candidate) => candidate.id === id);
      if (entry) return { source, entry };
    }
    throw new AppError('NOT_FOUND', 'That service is no longer on the Health page; reload the page.');
  };

  const onUpdate = (source: HealthSource, update: SourceUpdate): void => {
    try {
      const gone = [...update.removed, ...update.changed.filter((entry) => entry.state === 'off').map((entry) => entry.id)];
      if (gone.length > 0) deps.policy.forget(gone);
      const watched = update.observations.filter((observation) => observation.state !== 'off');
      if (watched.length > 0) deps.policy.observe(watched);
      for (const entry of update.changed) deps.onEntryChanged(withMute(entry));
      if (update.removed.length > 0) deps.onEntriesRemoved(update.removed);
      if (update.notices !== undefined) setNotices(source, update.notices);
    } catch (error) {
      deps.logger?.warn({ err: error }, 'a health update could not be applied');
    }
  };

  return {
    addSource(source) {
      if (sources.has(source)) return sources.get(source)!;
      const stop = source.subscribe((update) => onUpdate(source, update));
      if (source.notices) setNotices(source, source.notices());
      const remove = (): void => {
        if (!sources.delete(source)) return;
        stop();
        setNotices(source, []);
        const ids = source.entries().map((entry) => entry.id);
        deps.policy.forget(ids);
        if (ids.length > 0) deps.onEntriesRemoved(ids);
      };
      sources.set(source, remove);
      return remove;
    },
    entries: () => [...sources.keys()].flatMap((source) => source.entries().map(withMute)),
    notices: allNotices,
    async checkEntry(id) {
      const { source } = sourceOf(id);
      await source.checkNow(id);
      return [...sources.keys()].flatMap((each) => each.entries().map(withMute));
    },
    mute(id, hours) {
      const { entry } = sourceOf(id);
      deps.mutes.set(id, hours === null ? null : now() + hours * HOUR_MS);
      const muted = withMute(entry);
      deps.onEntryChanged(muted);
      return muted;
    },
    dispose() {
      for (const stop of [...sources.values()]) stop();
    },
  };
}
