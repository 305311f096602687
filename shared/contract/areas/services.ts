import { z } from 'zod';
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

/** One of the two checks a test (and every health probe) makes, in words. */
export const ServiceTestStepSchema = z.object({
  /** `skipped`: not run, because the address check failed or there is nothing to check. */
  result: z.enum(['passed', 'degraded', 'unhealthy', 'skipped']),
  message: z.string(),
});
export type ServiceTestStep = z.infer<typeof ServiceTestStepSchema>;

export const ServiceTestResultSchema = z.object({
  service: ServiceNameSchema,
  ok: z.boolean(),
  status: HealthStatusSchema,
  responseTimeMs: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
  steps: z.object({
    /** The address answers as the program (not an error page, a redirect or another program). */
    address: ServiceTestStepSchema,
    /** The saved or typed credential is accepted. */
    credential: ServiceTestStepSchema,
  }),
});
export type ServiceTestResult = z.infer<typeof ServiceTestResultSchema>;
