/**
 * How a feature puts cards on the Health page: MediaNest's own checks of its
 * upstreams, Uptime Kuma's monitors, and whatever comes next (the webhook
 * listener, yt-dlp, ffmpeg). It lives below the features so each of them can
 * implement it without importing the health feature; the composition root
 * hands every source to the health board (`healthBoard.addSource(source)`).
 *
 * A source owns its entries' ids (prefixed with its name: `kuma:7`,
 * `downloads:yt-dlp`), says what changed after each of its checks, and never
 * knows about the board, the alert policy or other sources. The board adds
 * mutes, keeps the page and the tray live, and turns observations into alerts.
 */
import type { EntryState, HealthEntry, HealthNotice } from '../../../shared/contract/areas/health-entries';

/** An entry as a source reports it; the board adds the mute. */
export type SourceEntry = Omit<HealthEntry, 'mutedUntil'>;

/** One state seen by one check (a probe, a Kuma heartbeat), for the alert policy. */
export interface SourceObservation {
  readonly id: string;
  readonly name: string;
  readonly state: EntryState;
  readonly at: number;
}

/** What one check found: entries that changed or went away, and what it saw, oldest first. */
export interface SourceUpdate {
  readonly changed: readonly SourceEntry[];
  readonly removed: readonly string[];
  readonly observations: readonly SourceObservation[];
  /** Present when the source's notices changed: all of them now (an empty list clears them). */
  readonly notices?: readonly HealthNotice[];
}

export interface HealthSource {
  /** `medianest`, `uptime-kuma`, `downloads`, … (the entries' `source`). */
  readonly name: string;
  entries(): readonly SourceEntry[];
  /** What the source has to say beyond its entries (Kuma's pinned incidents); most sources have none. */
  notices?(): readonly HealthNotice[];
  /** Checks one of its entries now (or all of them); resolves when the update has been sent. */
  checkNow(id?: string): Promise<void>;
  /** Called after every check; returns the unsubscribe function. */
  subscribe(listener: (update: SourceUpdate) => void): () => void;
}

export interface UpdateEmitter {
  /** Sends an update to the subscribers; an update with nothing in it is dropped. */
  emit(update: SourceUpdate): void;
  subscribe(listener: (update: SourceUpdate) => void): () => void;
}

/** The listener set every source needs. */
export function createUpdateEmitter(): UpdateEmitter {
  const listeners = new Set<(update: SourceUpdate) => void>();
  return {
    emit(update) {
      if (update.changed.length === 0 && update.removed.length === 0 && update.observations.length === 0 && update.notices === undefined) return;
      for (const listener of [...listeners]) listener(update);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
