/**
 * Overseerr's webhook agent, simulated: a notification becomes the filled-in
 * template, POSTed once to the configured URL with the configured
 * `Authorization` value verbatim. No signature and no retry, as the real
 * agent: a delivery that fails, or one dropped by the test switch, is lost.
 */
import { NOTIFICATION_TYPES, renderWebhookTemplate, DEFAULT_WEBHOOK_TEMPLATE, type NotificationType } from '../webhook-template';
import { MEDIA_STATUS_NAMES, type SimNotification } from './sim-state';

export interface WebhookSettings {
  enabled: boolean;
  /** Bitmask of NOTIFICATION_TYPES; TEST always passes. */
  types: number;
  webhookUrl: string;
  authHeader: string;
  jsonPayload: string;
}

export interface WebhookDelivery {
  readonly type: NotificationType;
  readonly outcome: 'sent' | 'dropped' | 'failed' | 'filtered';
  /** The receiver's HTTP status, when it answered. */
  readonly status: number | null;
  readonly body: unknown;
}

const EVENT_WORDS: Partial<Record<NotificationType, string>> = {
  MEDIA_PENDING: 'New {media} Request',
  MEDIA_APPROVED: '{media} Request Approved',
  MEDIA_AUTO_APPROVED: '{media} Request Automatically Approved',
  MEDIA_DECLINED: '{media} Request Declined',
  MEDIA_FAILED: '{media} Request Failed',
  MEDIA_AVAILABLE: '{media} Request Now Available',
};

/** The template's values for one notification, as Overseerr's webhook agent fills them. */
export function webhookBody(notification: SimNotification | { readonly type: 'TEST_NOTIFICATION' }, template: string, imageBase: string): unknown {
  if (notification.type === 'TEST_NOTIFICATION' || !('request' in notification)) {
    return renderWebhookTemplate(template, {
      variables: { notification_type: 'TEST_NOTIFICATION', event: '', subject: 'Test Notification', message: 'Check check, 1, 2, 3. Are we coming in clear?', image: '' },
      objects: new Set(),
      extra: [],
    });
  }
  const { request } = notification;
  const { title } = request.media;
  const mediaWord = title.mediaType === 'movie' ? 'Movie' : 'Series';
  const event = `${request.is4k ? '4K ' : ''}${(EVENT_WORDS[notification.type] ?? '').replace('{media}', mediaWord)}`;
  return renderWebhookTemplate(template, {
    variables: {
      notification_type: notification.type,
      event,
      subject: `${title.title} (${title.date.slice(0, 4)})`,
      message: title.overview,
      image: `${imageBase}/w600_and_h900_bestv2${title.posterPath}`,
      media_type: title.mediaType,
      media_tmdbid: String(title.tmdbId),
      media_tvdbid: title.tvdbId === null ? '' : String(title.tvdbId),
      media_status: MEDIA_STATUS_NAMES[request.media.status] ?? '',
      media_status4k: MEDIA_STATUS_NAMES[request.media.status4k] ?? '',
      request_id: String(request.id),
      requestedBy_email: request.requestedBy.email,
      requestedBy_username: request.requestedBy.username,
      requestedBy_avatar: '/os_logo_square.png',
    },
    objects: new Set(['media', 'request']),
    extra: request.seasons.length > 0 ? [{ name: 'Requested Seasons', value: request.seasons.map((season) => season.seasonNumber).join(', ') }] : [],
  });
}

export function defaultWebhookSettings(): WebhookSettings {
  return { enabled: false, types: 0, webhookUrl: '', authHeader: '', jsonPayload: DEFAULT_WEBHOOK_TEMPLATE };
}

export interface WebhookSender {
  readonly settings: WebhookSettings;
  readonly deliveries: readonly WebhookDelivery[];
  /** While true, notifications are recorded as dropped and never sent (lost deliveries). */
  dropping: boolean;
  send(notification: SimNotification | { readonly type: 'TEST_NOTIFICATION' }): Promise<WebhookDelivery | undefined>;
  /** Resolves once every delivery started so far has finished. */
  settled(): Promise<void>;
}

export function createWebhookSender(imageBase: string): WebhookSender {
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const sender: WebhookSender = {
    settings: defaultWebhookSettings(),
    deliveries,
    dropping: false,
    async send(notification) {
      const { settings } = sender;
      const isTest = notification.type === 'TEST_NOTIFICATION';
      if (!isTest && (!settings.enabled || !settings.webhookUrl)) return undefined;
      const body = webhookBody(notification, settings.jsonPayload, imageBase);
      const record = (outcome: WebhookDelivery['outcome'], status: number | null): WebhookDelivery => {
        const delivery = { type: notification.type, outcome, status, body };
        deliveries.push(delivery);
        return delivery;
      };
      if (!isTest && (settings.types & NOTIFICATION_TYPES[notification.type]) === 0) return record('filtered', null);
      if (sender.dropping) return record('dropped', null);
      const attempt = fetch(settings.webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/plain, */*', 'User-Agent': 'axios/1.3.4', ...(settings.authHeader ? { Authorization: settings.authHeader } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      }).then(
        async (response) => {
          await response.body?.cancel().catch(() => undefined);
          return record(response.ok ? 'sent' : 'failed', response.status);
        },
        () => record('failed', null),
      );
      inFlight.add(attempt);
      void attempt.finally(() => inFlight.delete(attempt));
      return attempt;
    },
    async settled() {
      await Promise.all([...inFlight]);
    },
  };
  return sender;
}
