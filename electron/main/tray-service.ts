/**
 * The tray icon: a menu (Show MediaNest, a health summary line, Quit) and an
 * icon and tooltip that follow the services' health.
 *
 * The tray itself comes from a factory (Signal's `createTrayInstance` "for
 * testing"): the service never touches Electron, so it is unit-tested with a
 * fake tray. Health arrives as `health:changed` events on the core bus.
 */
import type { EventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import type { ServiceHealth } from '../../shared/contract/areas/health';
import type { UpstreamId } from '../../shared/contract/services';
import { serviceLabel } from '../../shared/contract/services';

/** The state the tray shows: `unhealthy` when any enabled service is down. */
export type OverallHealth = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

/** A plain menu item; the Electron adapter turns these into a `Menu`. */
export interface TrayMenuItem {
  readonly id?: string;
  readonly label?: string;
  readonly type?: 'normal' | 'separator';
  readonly enabled?: boolean;
  readonly click?: () => void;
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
  readonly iconFor: (status: OverallHealth) => I;
  readonly onShowWindow: () => void;
  readonly onQuit: () => void;
  readonly bus: Pick<EventBus<CoreEvents>, 'on'>;
  /** Health known at start (`health:list`), if any. */
  readonly initial?: readonly ServiceHealth[];
}

export interface TrayService {
  readonly status: OverallHealth;
  readonly summary: string;
  dispose(): void;
}

export interface HealthSummary {
  readonly status: OverallHealth;
  readonly text: string;
}

function listOf(services: readonly ServiceHealth[]): string {
  return services.map((health) => serviceLabel(health.upstream)).join(', ');
}

/** Folds the latest health of each service into one status and one menu line. Disabled services do not count. */
export function summarizeHealth(healths: Iterable<ServiceHealth>): HealthSummary {
  const enabled = [...healths].filter((health) => health.enabled);
  if (enabled.length === 0) return { status: 'unknown', text: 'No services set up yet' };
  const down = enabled.filter((health) => health.status === 'unhealthy');
  if (down.length > 0) return { status: 'unhealthy', text: `${down.length} of ${enabled.length} down: ${listOf(down)}` };
  const degraded = enabled.filter((health) => health.status === 'degraded');
  if (degraded.length > 0) return { status: 'degraded', text: `${degraded.length} of ${enabled.length} degraded: ${listOf(degraded)}` };
  if (enabled.every((health) => health.status === 'healthy')) {
    return { status: 'healthy', text: enabled.length === 1 ? `${listOf(enabled)} is healthy` : `All ${enabled.length} services healthy` };
  }
  return { status: 'unknown', text: 'Checking services…' };
}

export function createTrayService<I>(options: TrayServiceOptions<I>): TrayService {
  const latest = new Map<UpstreamId, ServiceHealth>();
  for (const health of options.initial ?? []) latest.set(health.upstream, health);

  let summary = summarizeHealth(latest.values());
  const tray = options.createTray(options.iconFor(summary.status));
  let disposed = false;

  const menu = (text: string): TrayMenuItem[] => [
    { id: 'show', label: 'Show MediaNest', click: () => options.onShowWindow() },
    { type: 'separator' },
    { id: 'health', label: text, enabled: false },
    { type: 'separator' },
    { id: 'quit', label: 'Quit MediaNest', click: () => options.onQuit() },
  ];
  const render = (previous: HealthSummary): void => {
    if (previous.status !== summary.status) tray.setImage(options.iconFor(summary.status));
    if (previous.text !== summary.text) {
      tray.setToolTip(`MediaNest: ${summary.text}`);
      tray.setMenu(menu(summary.text));
    }
  };
  // The icon was set at creation; the first render only adds tooltip and menu.
  render({ status: summary.status, text: '' });
  tray.onClick(() => options.onShowWindow());

  const stop = options.bus.on('health:changed', (health) => {
    if (disposed) return;
    latest.set(health.upstream, health);
    const previous = summary;
    summary = summarizeHealth(latest.values());
    render(previous);
  });

  return {
    get status() {
      return summary.status;
    },
    get summary() {
      return summary.text;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stop();
      tray.destroy();
    },
  };
}
