/**
 * The tray icon: the worst state of every health entry as one of three icons
 * (ok, degraded, down; each drawn for light and for dark panels), a tooltip
 * that says it in a sentence, and a menu that opens the window, lists every
 * service and monitor with its state, mutes one for 1, 4 or 8 hours, and quits.
 *
 * The tray itself comes from a factory (Signal's `createTrayInstance` "for
 * testing"): the service never touches Electron, so it is unit-tested with a
 * fake tray. Entries arrive on the core bus (`health:entry-changed`); the
 * downloads' counters on `downloads:queue-changed`, with an item that pauses
 * or resumes them all.
 */
import type { EntryState, HealthEntry, TrayLevel } from '../../shared/contract/areas/health-entries';
import { muteHours } from '../../shared/contract/areas/health-entries';
import { summarizeEntries } from '../../shared/contract/areas/health-summary';
import type { EventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';

export type PanelTone = 'light' | 'dark';

/** A plain menu item; the Electron adapter turns these into a `Menu`. */
export interface TrayMenuItem {
  readonly id?: string;
  readonly label?: string;
  readonly type?: 'normal' | 'separator';
  readonly enabled?: boolean;
  readonly click?: () => void;
  readonly submenu?: readonly TrayMenuItem[];
}

/** What the service needs from a tray. */
export interface TrayLike<I> {
  setImage(icon: I): void;
  setToolTip(text: string): void;
  setMenu(items: readonly TrayMenuItem[]): void;
  /** Left click (where the platform reports it). */
  onClick(listener: () => void): void;
  destroy(): void;
}

export interface TrayServiceOptions<I> {
  readonly createTray: (icon: I) => TrayLike<I>;
  /** The icon for a level on a panel; `ok` is also the icon when nothing is known yet. */
  readonly iconFor: (level: TrayLevel, panel: PanelTone) => I;
  /** Whether the panel the tray sits in is light or dark, and a way to hear it change. */
  readonly panel: () => PanelTone;
  readonly onPanelChange?: (listener: () => void) => () => void;
  readonly onShowWindow: () => void;
  readonly onQuit: () => void;
  /** Mutes (1, 4 or 8 h) or unmutes (null) an entry's notifications. */
  readonly onMute: (id: string, hours: number | null) => void;
  readonly bus: Pick<EventBus<CoreEvents>, 'on'>;
  /** Entries known at start (`health:entries`). */
  readonly initial?: readonly HealthEntry[];
  readonly formatTime?: (at: number) => string;
  readonly now?: () => number;
  /** The downloads' counters at start and the pause-all switch; without it the menu has no downloads items. */
  readonly downloads?: {
    readonly initial: DownloadCounts;
    readonly onPauseAll: (paused: boolean) => void;
  };
}

export interface DownloadCounts {
  readonly running: number;
  readonly queued: number;
  readonly paused: boolean;
}

/** "2 downloads running, 1 waiting", "Downloads paused, 3 waiting", "No downloads running". */
export function downloadsLine({ running, queued, paused }: DownloadCounts): string {
  const waiting = queued > 0 ? `, ${queued} waiting` : '';
  if (paused) return `Downloads paused${waiting}`;
  if (running === 0) return queued > 0 ? `${queued} ${queued === 1 ? 'download' : 'downloads'} waiting` : 'No downloads running';
  return `${running === 1 ? 'One download' : `${running} downloads`} running${waiting}`;
}

export interface TrayService {
  readonly level: TrayLevel;
  readonly summary: string;
  dispose(): void;
}

const stateWords: Readonly<Record<EntryState, string>> = {
  up: 'working',
  degraded: 'having trouble',
  down: 'down',
  pending: 'being checked again',
  maintenance: 'in maintenance',
  unknown: 'not known',
  off: 'turned off',
};

const clock = (at: number): string => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function createTrayService<I>(options: TrayServiceOptions<I>): TrayService {
  const formatTime = options.formatTime ?? clock;
  const now = options.now ?? Date.now;
  const entries = new Map<string, HealthEntry>();
  for (const entry of options.initial ?? []) entries.set(entry.id, entry);

  let summary = summarizeEntries([...entries.values()], formatTime);
  let level: TrayLevel = summary.level ?? 'ok';
  let panel = options.panel();
  const tray = options.createTray(options.iconFor(level, panel));
  let disposed = false;
  let lastMenu = '';
  let counts: DownloadCounts | null = options.downloads?.initial ?? null;

  const muteItems = (entry: HealthEntry): TrayMenuItem[] => {
    const muted = entry.mutedUntil !== null && entry.mutedUntil > now();
    return [
      ...muteHours.map((hours) => ({ id: `mute:${entry.id}:${hours}`, label: `Mute for ${hours} ${hours === 1 ? 'hour' : 'hours'}`, click: () => options.onMute(entry.id, hours) })),
      ...(muted ? [{ id: `unmute:${entry.id}`, label: 'Unmute', click: () => options.onMute(entry.id, null) }] : []),
    ];
  };

  const menu = (): TrayMenuItem[] => {
    const listed = [...entries.values()].filter((entry) => entry.state !== 'off');
    const services: TrayMenuItem[] = listed.map((entry) => {
      const muted = entry.mutedUntil !== null && entry.mutedUntil > now();
      return {
        id: `entry:${entry.id}`,
        label: `${entry.name}: ${stateWords[entry.state]}${muted ? ` (muted until ${formatTime(entry.mutedUntil!)})` : ''}`,
        submenu: muteItems(entry),
      };
    });
    const downloads: TrayMenuItem[] =
      counts && options.downloads
        ? [
            { type: 'separator' },
            { id: 'downloads', label: downloadsLine(counts), enabled: false },
            counts.paused
              ? { id: 'downloads-resume', label: 'Resume downloads', click: () => options.downloads!.onPauseAll(false) }
              : { id: 'downloads-pause', label: 'Pause all downloads', click: () => options.downloads!.onPauseAll(true) },
          ]
        : [];
    return [
      { id: 'show', label: 'Show MediaNest', click: () => options.onShowWindow() },
      { type: 'separator' },
      { id: 'summary', label: summary.text, enabled: false },
      ...services,
      ...downloads,
      { type: 'separator' },
      { id: 'quit', label: 'Quit MediaNest', click: () => options.onQuit() },
    ];
  };

  const render = (): void => {
    const nextLevel = summary.level ?? 'ok';
    const nextPanel = options.panel();
    if (nextLevel !== level || nextPanel !== panel) {
      level = nextLevel;
      panel = nextPanel;
      tray.setImage(options.iconFor(level, panel));
    }
    const running = counts && counts.running > 0 && !counts.paused ? ` · ${downloadsLine(counts)}` : '';
    tray.setToolTip(`MediaNest: ${summary.text}${running}`);
    const items = menu();
    // Rebuilding a native menu is not free; skip it when nothing it shows moved.
    const key = JSON.stringify(items.map((item) => [item.id, item.label, item.submenu?.map((sub) => sub.id)]));
    if (key !== lastMenu) {
      lastMenu = key;
      tray.setMenu(items);
    }
  };
  render();
  tray.onClick(() => options.onShowWindow());

  const update = (): void => {
    if (disposed) return;
    summary = summarizeEntries([...entries.values()], formatTime);
    render();
  };
  const stops = [
    options.bus.on('health:entry-changed', (entry) => {
      entries.set(entry.id, entry);
      update();
    }),
    options.bus.on('health:entries-removed', ({ ids }) => {
      for (const id of ids) entries.delete(id);
      update();
    }),
    ...(options.downloads
      ? [
          options.bus.on('downloads:queue-changed', (next) => {
            counts = next;
            update();
          }),
        ]
      : []),
    ...(options.onPanelChange ? [options.onPanelChange(update)] : []),
  ];

  return {
    get level() {
      return level;
    },
    get summary() {
      return summary.text;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const stop of stops) stop();
      tray.destroy();
    },
  };
}
