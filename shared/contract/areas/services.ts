/**
 * Services: call statistics, and trying a service's settings before saving them.
 */
import { z } from 'zod';
import { invoke, NoPayloadSchema } from '../definitions';
import { SerializedErrorSchema } from '../errors';
import { ServiceNameSchema } from '../services';
import { BreakerStateSchema, HealthStatusSchema } from './health';
import { ServiceSettingsSchema } from './settings';

export const ServiceStatsSchema = z.object({
  service: ServiceNameSchema,
  calls: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  breaker: BreakerStateSchema,
  lastError: SerializedErrorSchema.nullable(),
});
export type ServiceStats = z.infer<typeof ServiceStatsSchema>;

/** Try a service's settings before saving them. The secret, if given, is used once and not stored. */
export const ServiceTestRequestSchema = z
  .object({
    service: ServiceNameSchema,
    settings: ServiceSettingsSchema,
    secret: z.string().min(1).max(4096).optional(),
  })
  .strict();

export const ServiceTestResultSchema = z.object({
  service: ServiceNameSchema,
  ok: z.boolean(),
  status: HealthStatusSchema,
  responseTimeMs: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});
export type ServiceTestResult = z.infer<typeof ServiceTestResultSchema>;

export const servicesInvokes = {
  'services:stats': invoke(NoPayloadSchema, z.array(ServiceStatsSchema)),
  'services:test': invoke(ServiceTestRequestSchema, ServiceTestResultSchema),
} as const;
