/**
 * The building blocks every contract area uses to declare its channels.
 *
 * An area (`areas/<area>.ts`) exports its schemas plus `<area>Invokes` and,
 * when it has any, `<area>Events`; `invokes.ts` and `events.ts` spread them
 * into the one contract.
 */
import { z } from 'zod';

/** Any invoke that takes no payload accepts `undefined` or `null` (JSON has no undefined). */
export const NoPayloadSchema = z
  .union([z.undefined(), z.null()])
  .transform(() => undefined);

/** One request/response channel: its payload schema and its result schema. */
export interface InvokeDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

export function invoke<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): InvokeDefinition<Req, Res> {
  return { request, response };
}

/** One core-to-renderer event: its payload schema and how often it may reach the renderer. */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly payload: S;
  /** Minimum milliseconds between two deliveries with the same key; 0 = every one. */
  readonly minIntervalMs: number;
  /** Events with different keys never replace each other. */
  readonly key?: (payload: z.output<S>) => string;
}

export function event<S extends z.ZodType>(payload: S, minIntervalMs: number, key?: (payload: z.output<S>) => string): EventDefinition<S> {
  return key ? { payload, minIntervalMs, key } : { payload, minIntervalMs };
}

/** Channels are `domain:action` (invokes) or `domain:past-tense` (events). */
export type ChannelName = `${string}:${string}`;
