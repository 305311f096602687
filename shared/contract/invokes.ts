/**
 * Request/response channels (`domain:action`). Each entry is the whole contract
 * of one channel: its payload schema and its result schema. The core parses the
 * payload before a handler sees it and the result before it leaves, so an extra
 * field (a token, say) can never slip out through a response.
 *
 * Adding a channel is one edit here; both sides derive their types from it.
 */
import { z } from 'zod';
import { AppInfoSchema, NoPayloadSchema } from './areas/app';
import { HealthCheckNowRequestSchema, ServiceHealthSchema } from './areas/health';
import { ServiceStatsSchema, ServiceTestRequestSchema, ServiceTestResultSchema } from './areas/services';
import { PublicSettingsSchema, SettingsPatchSchema } from './areas/settings';

export interface InvokeDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

function invoke<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): InvokeDefinition<Req, Res> {
  return { request, response };
}

export const invokes = {
  'app:info': invoke(NoPayloadSchema, AppInfoSchema),
  'settings:get': invoke(NoPayloadSchema, PublicSettingsSchema),
  'settings:update': invoke(SettingsPatchSchema, PublicSettingsSchema),
  'health:list': invoke(NoPayloadSchema, z.array(ServiceHealthSchema)),
  'health:check-now': invoke(HealthCheckNowRequestSchema, z.array(ServiceHealthSchema)),
  'services:stats': invoke(NoPayloadSchema, z.array(ServiceStatsSchema)),
  'services:test': invoke(ServiceTestRequestSchema, ServiceTestResultSchema),
} as const satisfies Record<`${string}:${string}`, InvokeDefinition>;

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
