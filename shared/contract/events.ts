/**
 * Core-to-renderer events, named in the past tense (`health:changed`).
 *
 * `rate` bounds how often an event reaches the renderer: events with the same
 * coalescing key inside the window collapse to the latest, so a burst (download
 * progress, a flapping service) costs the UI at most one update per window.
 */
import type { z } from 'zod';
import { ServiceHealthSchema } from './areas/health';
import { PublicSettingsSchema } from './areas/settings';

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly payload: S;
  /** Minimum milliseconds between two deliveries with the same key; 0 = every one. */
  readonly minIntervalMs: number;
  /** Events with different keys never replace each other. */
  readonly key?: (payload: z.output<S>) => string;
}

function event<S extends z.ZodType>(payload: S, minIntervalMs: number, key?: (payload: z.output<S>) => string): EventDefinition<S> {
  return key ? { payload, minIntervalMs, key } : { payload, minIntervalMs };
}

export const events = {
  'settings:changed': event(PublicSettingsSchema, 0),
  'health:changed': event(ServiceHealthSchema, 250, (health) => health.service),
} as const satisfies Record<`${string}:${string}`, EventDefinition>;

export type EventChannel = keyof typeof events;
export type EventPayload<C extends EventChannel> = z.output<(typeof events)[C]['payload']>;

export const eventChannels = Object.keys(events) as EventChannel[];

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
