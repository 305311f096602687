/**
 * Desktop notifications for the alerts the core decided on (`health:alerted`:
 * already debounced, folded, muted and held by the alert policy). Clicking one
 * opens the Health page at the first service it names.
 *
 * `notify` is injected: Electron's `Notification` in the app, a fake in tests.
 */
import type { EventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { redactSecrets } from '../core/logging/logger';

export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
  readonly onClick: () => void;
}

export interface NotificationServiceOptions {
  readonly bus: Pick<EventBus<CoreEvents>, 'on'>;
  readonly notify: (notification: DesktopNotification) => void;
  /** Shows the window at the Health page, on this entry. */
  readonly openHealth: (entryId: string) => void;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

export interface NotificationService {
  dispose(): void;
}

export function createNotificationService(options: NotificationServiceOptions): NotificationService {
  const stop = options.bus.on('health:alerted', (alert) => {
    const first = alert.changes[0]!.id;
    try {
      options.notify({
        title: redactSecrets(alert.title).slice(0, 200),
        body: redactSecrets(alert.body).slice(0, 500),
        onClick: () => options.openHealth(first),
      });
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not show a notification');
    }
  });
  return {
    dispose: stop,
  };
}
