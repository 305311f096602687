/**
 * A webhook delivery from Overseerr, validated. With the default template
 * every value is a string (`"603"`, `""` when unknown), `media`, `request`,
 * `issue` and `comment` are objects or null, and `notification_type` is the
 * enum's name. Anything else is malformed and changes nothing.
 */
import { z } from 'zod';
import type { NotificationType } from './webhook-template';

const Text = z.string().max(4000);
const Digits = z.string().regex(/^\d{0,10}$/);

export const WebhookPayloadSchema = z.object({
  notification_type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/),
  event: Text.optional(),
  subject: Text.optional(),
  message: z.string().max(20_000).optional(),
  image: Text.optional(),
  media: z
    .object({
      media_type: z.enum(['movie', 'tv', '']),
      tmdbId: Digits,
      tvdbId: Digits.optional(),
      status: z.string().max(64).optional(),
      status4k: z.string().max(64).optional(),
    })
    .nullable()
    .optional(),
  request: z.object({ request_id: Digits }).catchall(Text).nullable().optional(),
  issue: z.record(z.string(), Text).nullable().optional(),
  comment: z.record(z.string(), Text).nullable().optional(),
  extra: z.array(z.object({ name: Text, value: Text })).max(100).optional(),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** The types MediaNest acts on; the rest are logged and ignored. */
export const HANDLED_TYPES = ['TEST_NOTIFICATION', 'MEDIA_PENDING', 'MEDIA_APPROVED', 'MEDIA_AUTO_APPROVED', 'MEDIA_AVAILABLE', 'MEDIA_DECLINED', 'MEDIA_FAILED'] as const satisfies readonly NotificationType[];
export type HandledType = (typeof HANDLED_TYPES)[number];

export function isHandledType(type: string): type is HandledType {
  return (HANDLED_TYPES as readonly string[]).includes(type);
}
