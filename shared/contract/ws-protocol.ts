/**
 * The WebSocket wire protocol between serve mode and the renderer's transport.
 *
 * client → server: invoke {id, channel, payload} | subscribe {channel} | unsubscribe {channel}
 * server → client: result {id, ok, result | error} | event {channel, payload}
 *
 * A result's `id` is null when the server refuses a message whose id it could not read.
 */
import { z } from 'zod';
import type { SerializedError } from './errors';

export const MessageIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const ChannelNameSchema = z.string().min(1).max(200);

export const InvokeMessageSchema = z
  .object({ type: z.literal('invoke'), id: MessageIdSchema, channel: ChannelNameSchema, payload: z.unknown().optional() })
  .strict();
export const SubscribeMessageSchema = z.object({ type: z.literal('subscribe'), channel: ChannelNameSchema }).strict();
export const UnsubscribeMessageSchema = z.object({ type: z.literal('unsubscribe'), channel: ChannelNameSchema }).strict();

export const ClientMessageSchema = z.discriminatedUnion('type', [InvokeMessageSchema, SubscribeMessageSchema, UnsubscribeMessageSchema]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ResultMessage =
  | { readonly type: 'result'; readonly id: number | null; readonly ok: true; readonly result: unknown }
  | { readonly type: 'result'; readonly id: number | null; readonly ok: false; readonly error: SerializedError };
export interface EventMessage {
  readonly type: 'event';
  readonly channel: string;
  readonly payload: unknown;
}
export type ServerMessage = ResultMessage | EventMessage;
