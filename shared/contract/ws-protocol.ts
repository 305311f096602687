/**
 * The WebSocket wire protocol between serve mode and the renderer's transport.
 *
 * client → server: invoke {id, channel, payload} | subscribe {channel} | unsubscribe {channel}
 * server → client: result {id, ok, result | error} | event {channel, payload}
 *
 * Both ends parse what they receive with these schemas: serve mode
 * (electron/serve/ws-messages.ts) and the renderer's WebSocket transport.
 */
import { z } from 'zod';
import { SerializedErrorSchema } from './errors';

export const MessageIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const ChannelNameSchema = z.string().min(1).max(200);

export const InvokeMessageSchema = z
  .object({ type: z.literal('invoke'), id: MessageIdSchema, channel: ChannelNameSchema, payload: z.unknown().optional() })
  .strict();
export const SubscribeMessageSchema = z.object({ type: z.literal('subscribe'), channel: ChannelNameSchema }).strict();
export const UnsubscribeMessageSchema = z.object({ type: z.literal('unsubscribe'), channel: ChannelNameSchema }).strict();

export const ClientMessageSchema = z.discriminatedUnion('type', [InvokeMessageSchema, SubscribeMessageSchema, UnsubscribeMessageSchema]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** An invoke's answer. `id` is null when the server refused a message whose id it could not read. */
export const ResultMessageSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('result'), id: MessageIdSchema.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('result'), id: MessageIdSchema.nullable(), ok: z.literal(false), error: SerializedErrorSchema }),
]);
export type ResultMessage = z.infer<typeof ResultMessageSchema>;

export const EventMessageSchema = z.object({ type: z.literal('event'), channel: ChannelNameSchema, payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessageSchema>;

export const ServerMessageSchema = z.union([ResultMessageSchema, EventMessageSchema]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
