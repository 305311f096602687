/**
 * Services: call statistics, and trying a service's settings before saving them.
 */
import { z } from 'zod';
import { invoke, NoPayloadSchema } from '../definitions';
import { SerializedErrorSchema } from '../errors';
import { secretValueSchema } from '../secret-value';
import { secretLabel, secretsOf, ServiceNameSchema, serviceNames, services, UpstreamIdSchema, type ServiceName } from '../services';
import { BreakerStateSchema, HealthStatusSchema } from './health';

/** One upstream's call statistics. */
export const ServiceStatsSchema = z.object({
  upstream: UpstreamIdSchema,
  service: ServiceNameSchema,
  calls: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  breaker: BreakerStateSchema,
  lastError: SerializedErrorSchema.nullable(),
});
export type ServiceStats = z.infer<typeof ServiceStatsSchema>;

type TestRequestOption = {
  [S in ServiceName]: z.ZodObject<
    { service: z.ZodLiteral<S>; settings: (typeof services)[S]['settings']['schema']; secret: z.ZodOptional<z.ZodString> },
    z.core.$strict
  >;
}[ServiceName];

/** Try a service's settings before saving them. The secret, if given, is used once and not stored. */
export const ServiceTestRequestSchema = z.discriminatedUnion(
  'service',
  serviceNames.map((service) =>
    z
      .object({
        service: z.literal(service),
        settings: services[service].settings.schema,
        // The service's first secret is the one its primary upstream sends.
        secret: secretValueSchema(secretsOf(service)[0] ? secretLabel(secretsOf(service)[0]!.name) : 'secret').optional(),
      })
      .strict(),
  ) as unknown as [TestRequestOption, ...TestRequestOption[]],
);

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

export const servicesInvokes = {
  'services:stats': invoke(NoPayloadSchema, z.array(ServiceStatsSchema)),
  'services:test': invoke(ServiceTestRequestSchema, ServiceTestResultSchema),
} as const;
