/**
 * Core-to-renderer events, named in the past tense (`health:changed`).
 *
 * `minIntervalMs` bounds how often an event reaches the renderer: events with
 * the same coalescing key inside the window collapse to the latest, so a burst
 * (download progress, a flapping service) costs the UI at most one update per
 * window. Each area declares its events in `areas/<area>.ts`.
 */
import type { z } from 'zod';
import { appEvents } from './areas/app';
import { downloadsEvents } from './areas/downloads';
import { healthEvents } from './areas/health';
import { healthEntryEvents } from './areas/health-entries';
import { plexEvents } from './areas/plex';
import { overseerrEvents } from './areas/overseerr';
import { settingsEvents } from './areas/settings';
import type { ChannelName, EventDefinition } from './definitions';

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...healthEvents,
  ...healthEntryEvents,
  ...plexEvents,
  ...overseerrEvents,
  ...downloadsEvents,
} as const satisfies Record<ChannelName, EventDefinition>;

export type EventChannel = keyof typeof events;
export type EventPayload<C extends EventChannel> = z.output<(typeof events)[C]['payload']>;

export const eventChannels = Object.keys(events) as EventChannel[];

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
