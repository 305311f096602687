/**
 * When a change in health becomes a notification, and how many.
 *
 * - Debounce: an entry counts as down once the latest check says down and at
 *   least N of its last 2N checks (since the last change we accepted) did, so
 *   N downs in a row, or a service flapping every probe, is one "down". It
 *   counts as up again only after N ups in a row, so a flapping service is
 *   not "back" until it holds. N is `probesToConfirm`. Degraded counts as down;
 *   pending, maintenance and unknown count as neither (they only take a slot).
 * - Fold: observations arriving within `foldWindowMs` (one check of many
 *   monitors, or probes of several services landing together) become one
 *   notification naming every change.
 * - Net change: a notification says where an entry is now against what the
 *   household was last told, so down-then-up inside a hold says nothing.
 * - Silence: the first "up" after start is not news; a muted entry, a kind
 *   turned off in Settings, or notifications off entirely update what was
 *   "told" without telling.
 * - Hold: during quiet hours, or while this media PC plays something in Plex,
 *   due changes wait (re-checked every `recheckMs`) and then fold into one.
 */
import type { EntryState, HealthAlert } from '../../../../shared/contract/areas/health-entries';
import { describeAlert, type AlertChange } from './alert-text';

export interface AlertObservation {
  readonly id: string;
  readonly name: string;
  readonly state: EntryState;
  readonly at: number;
}

export interface QuietHours {
  readonly enabled: boolean;
  /** Local time, `HH:MM`. */
  readonly start: string;
  readonly end: string;
}

export interface AlertSettings {
  readonly enabled: boolean;
  readonly down: boolean;
  readonly up: boolean;
  readonly probesToConfirm: number;
  readonly quietHours: QuietHours;
  readonly holdWhilePlaying: boolean;
}

export interface AlertTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AlertPolicyDeps {
  /** Read at every decision, so a change in Settings applies at once. */
  readonly settings: () => AlertSettings;
  /** Until when an entry is muted (epoch ms), or null. */
  readonly mutedUntil: (id: string) => number | null;
  /** True while this media PC plays something in Plex; absent = never. */
  readonly isPlayingLocally?: () => Promise<boolean>;
  readonly emit: (alert: HealthAlert) => void;
  readonly now?: () => number;
  readonly timers?: AlertTimers;
  /** Minutes since local midnight (for quiet hours). */
  readonly localMinutes?: (now: number) => number;
  readonly foldWindowMs?: number;
  readonly recheckMs?: number;
  /** How long to wait for the playback answer before not holding. */
  readonly playbackTimeoutMs?: number;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

export interface AlertPolicy {
  /** One check's observations, oldest first. */
  observe(batch: readonly AlertObservation[]): void;
  /** Entries that are gone or turned off: nothing more is said about them. */
  forget(ids: readonly string[]): void;
  /** True while due changes wait for quiet hours or playback to end. */
  readonly holding: boolean;
  dispose(): void;
}

type Verdict = 'up' | 'down';
type Vote = Verdict | 'neither';

interface Tracker {
  name: string;
  /** Votes since the last accepted change, at most 2N. */
  window: Vote[];
  upRun: number;
  confirmed: Verdict | null;
  /** What the household was last told (or silently let know). */
  told: Verdict | null;
}

function vote(state: EntryState): Vote {
  switch (state) {
    case 'up':
      return 'up';
    case 'down':
    case 'degraded':
      return 'down';
    default:
      return 'neither';
  }
}

function minutesOf(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 24 * 60 && Number(match[2]) < 60 ? minutes : null;
}

/** Whether `minutes` (since local midnight) falls in the quiet hours; a window may span midnight. */
export function inQuietHours(quiet: QuietHours, minutes: number): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === null || end === null || start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

const localMinutesOf = (now: number): number => {
  const date = new Date(now);
  return date.getHours() * 60 + date.getMinutes();
};

export function createAlertPolicy(deps: AlertPolicyDeps): AlertPolicy {
  const now = deps.now ?? Date.now;
  const timers: AlertTimers = deps.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const localMinutes = deps.localMinutes ?? localMinutesOf;
  const foldWindowMs = deps.foldWindowMs ?? 2_000;
  const recheckMs = deps.recheckMs ?? 30_000;
  const playbackTimeoutMs = deps.playbackTimeoutMs ?? 5_000;
  const trackers = new Map<string, Tracker>();
  let timer: unknown;
  let holding = false;
  let flushing = false;
  let again = false;
  let disposed = false;
  let nextId = 1;

  const schedule = (ms: number): void => {
    if (disposed || timer !== undefined) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  };

  const record = (observation: AlertObservation, n: number): void => {
    let tracker = trackers.get(observation.id);
    if (!tracker) {
      tracker = { name: observation.name, window: [], upRun: 0, confirmed: null, told: null };
      trackers.set(observation.id, tracker);
    }
    tracker.name = observation.name;
    const v = vote(observation.state);
    tracker.window.push(v);
    if (tracker.window.length > 2 * n) tracker.window.shift();
    tracker.upRun = v === 'up' ? tracker.upRun + 1 : 0;
    const downs = tracker.window.filter((w) => w === 'down').length;
    let accepted: Verdict | null = null;
    if (v === 'down' && downs >= n && tracker.confirmed !== 'down') accepted = 'down';
    else if (tracker.upRun >= n && tracker.confirmed !== 'up') accepted = 'up';
    if (accepted) {
      tracker.confirmed = accepted;
      tracker.window = [];
    }
  };

  /** Changes the household has not been told of; silent ones are marked told on the way. */
  const dueChanges = (settings: AlertSettings): AlertChange[] => {
    const at = now();
    const due: AlertChange[] = [];
    for (const [id, tracker] of trackers) {
      const { confirmed, told } = tracker;
      if (confirmed === null || confirmed === told) continue;
      const muted = (deps.mutedUntil(id) ?? 0) > at;
      const firstUp = told === null && confirmed === 'up';
      if (firstUp || muted || !settings.enabled || !settings[confirmed]) {
        tracker.told = confirmed;
        continue;
      }
      due.push({ id, name: tracker.name, kind: confirmed });
    }
    return due;
  };

  const playing = async (): Promise<boolean> => {
    if (!deps.isPlayingLocally) return false;
    let handle: unknown;
    try {
      return await Promise.race([
        deps.isPlayingLocally(),
        new Promise<boolean>((resolve) => {
          handle = timers.setTimeout(() => resolve(false), playbackTimeoutMs);
        }),
      ]);
    } catch (error) {
      // Not knowing is not a reason to hold an alert back.
      deps.logger?.warn({ err: error }, 'could not tell whether Plex is playing here');
      return false;
    } finally {
      timers.clearTimeout(handle);
    }
  };

  const flush = async (): Promise<void> => {
    if (disposed) return;
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    try {
      const settings = deps.settings();
      if (dueChanges(settings).length === 0) {
        holding = false;
        return;
      }
      const quiet = inQuietHours(settings.quietHours, localMinutes(now()));
      if (quiet || (settings.holdWhilePlaying && (await playing()))) {
        holding = true;
        schedule(recheckMs);
        return;
      }
      if (disposed) return;
      // Things may have moved while we asked Plex: tell where they are now.
      const due = dueChanges(deps.settings());
      holding = false;
      if (due.length === 0) return;
      for (const change of due) trackers.get(change.id)!.told = change.kind;
      deps.emit({ id: nextId++, ...describeAlert(due), at: now(), changes: due.slice(0, 100) });
    } finally {
      flushing = false;
      if (again && !disposed) {
        again = false;
        schedule(0);
      }
    }
  };

  return {
    observe(batch) {
      if (disposed || batch.length === 0) return;
      const n = Math.max(1, deps.settings().probesToConfirm);
      for (const observation of batch) record(observation, n);
      schedule(foldWindowMs);
    },
    forget(ids) {
      for (const id of ids) trackers.delete(id);
    },
    get holding() {
      return holding;
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
