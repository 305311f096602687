/**
 * A service's effective configuration: its settings merged over its defaults
 * and validated with zod, so every policy is built from complete, in-range numbers.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { BaseUrlSchema, ServiceTuningSchema, type ServiceSettings } from '../../../shared/contract/areas/settings';
import { ServiceNameSchema, type ServiceName } from '../../../shared/contract/services';
import { serviceDefaults, type ServiceAuth } from './service-defaults';

// The same ranges as the settings schema, every field required.
const tuning = ServiceTuningSchema.shape;

export const ResolvedServiceConfigSchema = z
  .object({
    name: ServiceNameSchema,
    enabled: z.boolean(),
    baseUrl: BaseUrlSchema,
    timeoutMs: tuning.timeoutMs.unwrap(),
    retry: tuning.retry.unwrap().required(),
    breaker: tuning.breaker.unwrap().required(),
    bulkhead: tuning.bulkhead.unwrap().required(),
    rateLimit: tuning.rateLimit.unwrap().required(),
    health: tuning.health.unwrap().required(),
  })
  .strict()
  // A max below the min is a typo, not a wish for no backoff: the min wins.
  .transform((config) => ({
    ...config,
    retry: { ...config.retry, maxDelayMs: Math.max(config.retry.minDelayMs, config.retry.maxDelayMs) },
  }));

export type ResolvedServiceConfig = z.output<typeof ResolvedServiceConfigSchema> & {
  readonly auth: ServiceAuth;
  readonly headers: Readonly<Record<string, string>>;
};

/** Headers the core adds to a service's requests beyond its defaults (who MediaNest is to Plex). */
export type ServiceHeaders = Partial<Record<ServiceName, Readonly<Record<string, string>>>>;

/** Merges `settings` over the service's defaults; throws INVALID_PAYLOAD when the result is out of range. */
export function resolveServiceConfig(name: ServiceName, settings: ServiceSettings, headers: ServiceHeaders = {}): ResolvedServiceConfig {
  const defaults = serviceDefaults[name];
  const t = settings.tuning ?? {};
  const parsed = ResolvedServiceConfigSchema.safeParse({
    name,
    enabled: settings.enabled,
    baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''),
    timeoutMs: t.timeoutMs ?? defaults.timeoutMs,
    retry: { ...defaults.retry, ...t.retry },
    breaker: { ...defaults.breaker, ...t.breaker },
    bulkhead: { ...defaults.bulkhead, ...t.bulkhead },
    rateLimit: { ...defaults.rateLimit, ...t.rateLimit },
    health: { ...defaults.health, ...t.health },
  });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new AppError('INVALID_PAYLOAD', `The settings for ${name} are out of range (${fields}).`, { service: name });
  }
  return { ...parsed.data, auth: defaults.auth, headers: { ...defaults.headers, ...headers[name] } };
}

/** True when the gateway may call the service at all. */
export function isCallable(config: ResolvedServiceConfig): boolean {
  return config.enabled && config.baseUrl !== '';
}
