/**
 * Desktop notifications for requests (`overseerr:alerted`: a title became
 * available, was approved, declined or failed). The core has already checked
 * that notifications are on. Clicking one opens the window where it points:
 * the item in the library, or the request on the Requests page.
 *
 * `notify` and `open` are injected: Electron's `Notification` and the main
 * window in the app, fakes in tests.
 */
import type { RequestAlert } from '../../shared/contract/areas/overseerr';
import type { EventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import type { DesktopNotification } from './notifications';

export interface RequestNotificationOptions {
  readonly bus: Pick<EventBus<CoreEvents>, 'on'>;
  readonly notify: (notification: DesktopNotification) => void;
  /** Shows the window at this address of the app (`#/library/item-55`). */
  readonly open: (hash: string) => void;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

/** Where a click on the alert goes. */
export function alertHash(target: RequestAlert['target']): string {
  return target.kind === 'library' ? `#/library/item-${encodeURIComponent(target.ratingKey)}` : `#/requests/${encodeURIComponent(target.requestId)}`;
}

export function createRequestNotifications(options: RequestNotificationOptions): { dispose(): void } {
  const stop = options.bus.on('overseerr:alerted', (alert) => {
    try {
      options.notify({ title: alert.title.slice(0, 200), body: alert.body.slice(0, 500), onClick: () => options.open(alertHash(alert.target)) });
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not show a notification');
    }
  });
  return { dispose: stop };
}
