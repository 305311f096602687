/**
 * Desktop notifications when a service goes down or comes back.
 *
 * Listens to the core bus (`service:down` / `service:up`, already debounced by
 * the health monitor) and shows a notification when the user has them on.
 * `notify` is injected: Electron's `Notification` in the app, a fake in tests.
 */
import type { EventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { redactSecrets } from '../core/logging/logger';
import { serviceLabel } from '../../shared/contract/services';

export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
}

export interface NotificationServiceOptions {
  readonly bus: Pick<EventBus<CoreEvents>, 'on'>;
  /** Read on every event, so turning notifications off applies at once. */
  readonly enabled: () => boolean;
  readonly notify: (notification: DesktopNotification) => void;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

export interface NotificationService {
  dispose(): void;
}

export function createNotificationService(options: NotificationServiceOptions): NotificationService {
  const show = (notification: DesktopNotification): void => {
    if (!options.enabled()) return;
    try {
      options.notify(notification);
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not show a notification');
    }
  };
  const disposers = [
    options.bus.on('service:down', ({ upstream, error }) =>
      show({ title: `${serviceLabel(upstream)} is down`, body: error ? `MediaNest cannot reach it: ${redactSecrets(error).slice(0, 200)}` : 'MediaNest cannot reach it.' }),
    ),
    options.bus.on('service:up', ({ upstream }) => show({ title: `${serviceLabel(upstream)} is back`, body: 'It is answering again.' })),
  ];
  return {
    dispose() {
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
