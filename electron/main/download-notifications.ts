/**
 * "Ready to watch: <title>" as a desktop notification when a download is in
 * Plex (`downloads:ready`). A click opens it in Plex (its web address, in the
 * system browser, only when it is http(s)); without one, the download on the
 * Downloads page.
 *
 * `notify`, `openExternal` and `open` are injected: Electron's Notification,
 * `shell.openExternal` and the main window in the app, fakes in tests.
 */
import type { CoreEvents } from '../core/events/core-events';
import type { EventBus } from '../core/events/event-bus';
import type { DesktopNotification } from './notifications';
import { isWebAddress } from '../../shared/contract/web-address';

export interface DownloadNotificationOptions {
  readonly bus: Pick<EventBus<CoreEvents>, 'on'>;
  readonly notify: (notification: DesktopNotification) => void;
  /** Whether notifications are on (Settings → Notifications). */
  readonly enabled: () => boolean;
  readonly openExternal: (url: string) => void;
  /** Shows the window at this address of the app (`#/downloads/<id>`). */
  readonly open: (hash: string) => void;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}


export function createDownloadNotifications(options: DownloadNotificationOptions): { dispose(): void } {
  const stop = options.bus.on('downloads:ready', ({ id, title, openUrl }) => {
    if (!options.enabled()) return;
    try {
      options.notify({
        title: `Ready to watch: ${title}`.slice(0, 200),
        body: isWebAddress(openUrl) ? 'Click to open it in Plex.' : 'It is in your Plex library.',
        onClick: () => (isWebAddress(openUrl) ? options.openExternal(openUrl) : options.open(`#/downloads/${encodeURIComponent(id)}`)),
      });
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not show a notification');
    }
  });
  return { dispose: stop };
}
