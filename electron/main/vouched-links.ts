/**
 * The Health page's "Open" links in the desktop app. The window may not open
 * pop-ups, and `shell.openExternal` must never take just any address the page
 * asks for; so only the addresses the core put on health entries (a service's
 * saved address, a Kuma monitor's own page) and on finished downloads ("Open
 * in Plex") are opened, in the system browser.
 */
import type { HealthEntry } from '../../shared/contract/areas/health-entries';
import type { CoreEvents } from '../core/events/core-events';
import type { EventBus } from '../core/events/event-bus';

export interface VouchedLinks {
  isVouched(url: string): boolean;
  dispose(): void;
}

export function createVouchedLinks(bus: Pick<EventBus<CoreEvents>, 'on'>, initial: readonly HealthEntry[] = [], initialDownloads: readonly { readonly id: string; readonly openUrl: string | null }[] = []): VouchedLinks {
  const byEntry = new Map<string, string>();
  const note = (entry: HealthEntry): void => {
    if (entry.openUrl && /^https?:\/\//i.test(entry.openUrl)) byEntry.set(entry.id, entry.openUrl);
    else byEntry.delete(entry.id);
  };
  const byDownload = new Map<string, string>();
  const noteDownload = ({ id, openUrl }: { readonly id: string; readonly openUrl: string | null }): void => {
    if (openUrl && /^https?:\/\//i.test(openUrl)) byDownload.set(id, openUrl);
    else byDownload.delete(id);
  };
  for (const entry of initial) note(entry);
  for (const job of initialDownloads) noteDownload(job);
  const stops = [
    bus.on('health:entry-changed', note),
    bus.on('downloads:job-changed', noteDownload),
    bus.on('downloads:ready', noteDownload),
    bus.on('downloads:job-removed', ({ id }) => byDownload.delete(id)),
    bus.on('health:entries-removed', ({ ids }) => {
      for (const id of ids) byEntry.delete(id);
    }),
  ];
  return {
    isVouched: (url) => [...byEntry.values()].includes(url) || [...byDownload.values()].includes(url),
    dispose() {
      for (const stop of stops) stop();
    },
  };
}
