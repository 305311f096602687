/**
 * How anything contributes entries to the Health page: MediaNest's own checks,
 * Uptime Kuma's monitors, and later the webhook listener and yt-dlp. The
 * composition root hands each source to the health board; a source never
 * knows about the board or about other sources.
 */
import type { EntryState, HealthEntry } from '../../../../shared/contract/areas/health-entries';

/** An entry as a source reports it; the board adds the mute. */
export type SourceEntry = Omit<HealthEntry, 'mutedUntil'>;

/** One state seen by one check (a probe, a Kuma heartbeat), for the notification policy. */
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
}

export interface HealthSource {
  /** `medianest`, `uptime-kuma`, … (the entries' `source`). */
  readonly name: string;
  entries(): readonly SourceEntry[];
  /** Checks one of its entries now (or all of them); resolves when the update has been sent. */
  checkNow(id?: string): Promise<void>;
  /** Called after every check; returns the unsubscribe function. */
  subscribe(listener: (update: SourceUpdate) => void): () => void;
}

/** A tiny listener set for sources. */
export function createUpdateEmitter(): { emit(update: SourceUpdate): void; subscribe(listener: (update: SourceUpdate) => void): () => void } {
  const listeners = new Set<(update: SourceUpdate) => void>();
  return {
    emit(update) {
      if (update.changed.length === 0 && update.removed.length === 0 && update.observations.length === 0) return;
      for (const listener of [...listeners]) listener(update);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
