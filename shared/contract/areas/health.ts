/**
 * Health: each service's state as the health monitor sees it, kept live by `health:changed`.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';
import { ServiceNameSchema, UpstreamIdSchema } from '../services';

export const HealthStatusSchema = z.enum(['healthy', 'degraded', 'unhealthy', 'unknown']);
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

export const BreakerStateSchema = z.enum(['closed', 'open', 'half-open']);
export type BreakerState = z.infer<typeof BreakerStateSchema>;

/** One upstream's health (a service has one or more upstreams, e.g. Plex and plex.tv). */
export const ServiceHealthSchema = z.object({
  upstream: UpstreamIdSchema,
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

/** One probe of one upstream: what `services:test` builds on, what is kept in SQLite and what the alert policy counts. */
export interface HealthCheckResult {
  readonly upstream: z.infer<typeof UpstreamIdSchema>;
  readonly status: Exclude<HealthStatus, 'unknown'>;
  readonly checkedAt: number;
  readonly responseTimeMs: number;
  readonly httpStatus: number | null;
  /** Plain words, no URLs or secrets. */
  readonly error: string | null;
}

/** Probes every upstream of one service, or of every enabled service. */
export const HealthCheckNowRequestSchema = z
  .object({ service: ServiceNameSchema.optional() })
  .strict()
  .optional()
  .transform((value) => value ?? {});

export const healthInvokes = {
  'health:list': invoke(NoPayloadSchema, z.array(ServiceHealthSchema)),
  'health:check-now': invoke(HealthCheckNowRequestSchema, z.array(ServiceHealthSchema)),
} as const;

export const healthEvents = {
  'health:changed': event(ServiceHealthSchema, 250, (health) => health.upstream),
} as const;
