/**
 * Overseerr's default webhook JSON payload (server/lib/settings.ts, decoded),
 * which is also the template MediaNest asks the user to keep: the receiver
 * reads exactly these fields. Overseerr fills every `{{variable}}` with a
 * string ("" when unknown) and turns the `{{media}}`, `{{request}}`,
 * `{{issue}}` and `{{comment}}` keys into objects, or null when the event has
 * none; `{{extra}}` becomes an array.
 */
export const DEFAULT_WEBHOOK_TEMPLATE = `{
  "notification_type": "{{notification_type}}",
  "event": "{{event}}",
  "subject": "{{subject}}",
  "message": "{{message}}",
  "image": "{{image}}",
  "{{media}}": {
    "media_type": "{{media_type}}",
    "tmdbId": "{{media_tmdbid}}",
    "tvdbId": "{{media_tvdbid}}",
    "status": "{{media_status}}",
    "status4k": "{{media_status4k}}"
  },
  "{{request}}": {
    "request_id": "{{request_id}}",
    "requestedBy_email": "{{requestedBy_email}}",
    "requestedBy_username": "{{requestedBy_username}}",
    "requestedBy_avatar": "{{requestedBy_avatar}}",
    "requestedBy_settings_discordId": "{{requestedBy_settings_discordId}}",
    "requestedBy_settings_telegramChatId": "{{requestedBy_settings_telegramChatId}}"
  },
  "{{issue}}": {
    "issue_id": "{{issue_id}}",
    "issue_type": "{{issue_type}}",
    "issue_status": "{{issue_status}}",
    "reportedBy_email": "{{reportedBy_email}}",
    "reportedBy_username": "{{reportedBy_username}}",
    "reportedBy_avatar": "{{reportedBy_avatar}}",
    "reportedBy_settings_discordId": "{{reportedBy_settings_discordId}}",
    "reportedBy_settings_telegramChatId": "{{reportedBy_settings_telegramChatId}}"
  },
  "{{comment}}": {
    "comment_message": "{{comment_message}}",
    "commentedBy_email": "{{commentedBy_email}}",
    "commentedBy_username": "{{commentedBy_username}}",
    "commentedBy_avatar": "{{commentedBy_avatar}}",
    "commentedBy_settings_discordId": "{{commentedBy_settings_discordId}}",
    "commentedBy_settings_telegramChatId": "{{commentedBy_settings_telegramChatId}}"
  },
  "{{extra}}": []
}`;

/** Overseerr's notification types, by the bit each has in the webhook's `types` mask. */
export const NOTIFICATION_TYPES = {
  MEDIA_PENDING: 2,
  MEDIA_APPROVED: 4,
  MEDIA_AVAILABLE: 8,
  MEDIA_FAILED: 16,
  TEST_NOTIFICATION: 32,
  MEDIA_DECLINED: 64,
  MEDIA_AUTO_APPROVED: 128,
  ISSUE_CREATED: 256,
  ISSUE_COMMENT: 512,
  ISSUE_RESOLVED: 1024,
  ISSUE_REOPENED: 2048,
  MEDIA_AUTO_REQUESTED: 4096,
} as const;
export type NotificationType = keyof typeof NOTIFICATION_TYPES;

/** The types MediaNest acts on; tick these in Overseerr (TEST always passes). */
export const WANTED_NOTIFICATION_TYPES: readonly NotificationType[] = ['MEDIA_PENDING', 'MEDIA_APPROVED', 'MEDIA_AUTO_APPROVED', 'MEDIA_AVAILABLE', 'MEDIA_DECLINED', 'MEDIA_FAILED'];

export interface TemplateValues {
  /** `{{name}}` → value; anything not given becomes "". */
  readonly variables: Readonly<Record<string, string>>;
  /** Which of `{{media}}`, `{{request}}`, `{{issue}}`, `{{comment}}` the event has. */
  readonly objects: ReadonlySet<'media' | 'request' | 'issue' | 'comment'>;
  readonly extra: readonly { readonly name: string; readonly value: string }[];
}

const OBJECT_KEY = /^\{\{(media|request|issue|comment)\}\}$/;

/** Fills a template as Overseerr's webhook agent does. */
export function renderWebhookTemplate(template: string, values: TemplateValues): unknown {
  const fill = (text: string): string => text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => values.variables[name] ?? '');
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return fill(node);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const object = OBJECT_KEY.exec(key)?.[1] as 'media' | 'request' | 'issue' | 'comment' | undefined;
      if (object) out[object] = values.objects.has(object) ? walk(value) : null;
      else if (key === '{{extra}}') out.extra = values.extra.map((item) => ({ ...item }));
      else out[key] = walk(value);
    }
    return out;
  };
  return walk(JSON.parse(template));
}
