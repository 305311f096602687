/**
 * Request/response channels (`domain:action`). Each entry is the whole contract
 * of one channel: its payload schema and its result schema. The core parses the
 * payload before a handler sees it and the result before it leaves, so an extra
 * field (a token, say) can never slip out through a response.
 *
 * Each area declares its channels in `areas/<area>.ts`; adding a channel is one
 * edit there, and both sides derive their types from this map.
 */
import type { z } from 'zod';
import { appInvokes } from './areas/app';
import { backupInvokes } from './areas/backup';
import { diagnosticsInvokes } from './areas/diagnostics';
import { downloadsInvokes } from './areas/downloads';
import { healthInvokes } from './areas/health';
import { healthEntryInvokes } from './areas/health-entries';
import { plexInvokes } from './areas/plex';
import { overseerrInvokes } from './areas/overseerr';
import { servicesInvokes } from './areas/services';
import { settingsInvokes } from './areas/settings';
import type { ChannelName, InvokeDefinition } from './definitions';

export const invokes = {
  ...appInvokes,
  ...settingsInvokes,
  ...healthInvokes,
  ...healthEntryInvokes,
  ...servicesInvokes,
  ...backupInvokes,
  ...diagnosticsInvokes,
  ...plexInvokes,
  ...overseerrInvokes,
  ...downloadsInvokes,
} as const satisfies Record<ChannelName, InvokeDefinition>;

export type InvokeChannel = keyof typeof invokes;
/** What a caller passes (before parsing). */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokes)[C]['request']>;
/** What a handler receives (after parsing and defaults). */
export type InvokeParsedRequest<C extends InvokeChannel> = z.output<(typeof invokes)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokes)[C]['response']>;

export const invokeChannels = Object.keys(invokes) as InvokeChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokes, value);
}
