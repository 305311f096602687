import { z } from 'zod';
import { SerializedErrorSchema } from '../errors';
import { ServiceNameSchema, ServiceSettingsSchema } from './settings-schemas';

export const HealthStatusSchema = z.enum(['healthy', 'degraded', 'unhealthy', 'unknown']);
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

export const BreakerStateSchema = z.enum(['closed', 'open', 'half-open']);
export type BreakerState = z.infer<typeof BreakerStateSchema>;

export const ServiceHealthSchema = z.object({
  service: ServiceNameSchema,
  enabled: z.boolean(),
  configured: z.boolean(),
  status: HealthStatusSchema,
  responseTimeMs: z.number().nonnegative().nullable(),
  /** Epoch milliseconds of the last probe. */
  lastCheckedAt: z.number().nullable(),
  error: z.string().nullable(),
  /** Share of successful probes over the last 24 h, 0..1; null before any probe. */
  uptime24h: z.number().min(0).max(1).nullable(),
  breaker: BreakerStateSchema,
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

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

export const HealthCheckNowRequestSchema = z
  .object({ service: ServiceNameSchema.optional() })
  .strict()
  .optional()
  .transform((value) => value ?? {});

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
