/**
 * An upstream's effective configuration: its service's settings merged over
 * the defaults the service table declares for it, validated with zod, so
 * every policy is built from complete, in-range numbers.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { ServiceSettings } from '../../../shared/contract/areas/settings';
import { BaseUrlSchema, ServiceTuningSchema } from '../../../shared/contract/service-settings';
import { UpstreamIdSchema, upstreamSpec, type SecretName, type SecretTransport, type UpstreamId } from '../../../shared/contract/services';

// The same ranges as the settings schema, every field required.
const tuning = ServiceTuningSchema.shape;

export const ResolvedServiceConfigSchema = z
  .object({
    name: UpstreamIdSchema,
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

/** Which secret an upstream sends, and how. */
export type UpstreamAuth = { readonly secret: SecretName } & SecretTransport;

export type ResolvedServiceConfig = z.output<typeof ResolvedServiceConfigSchema> & {
  /** Undefined for an upstream that needs no secret. */
  readonly auth: UpstreamAuth | undefined;
  readonly headers: Readonly<Record<string, string>>;
};

/** Merges `settings` over the upstream's defaults; throws INVALID_PAYLOAD when the result is out of range. */
export function resolveServiceConfig(name: UpstreamId, settings: ServiceSettings): ResolvedServiceConfig {
  const spec = upstreamSpec(name);
  const defaults = spec.defaults;
  const t = settings.tuning ?? {};
  const address = (settings as Readonly<Record<string, unknown>>)[spec.addressField];
  const parsed = ResolvedServiceConfigSchema.safeParse({
    name,
    enabled: settings.enabled,
    baseUrl: typeof address === 'string' ? address.trim().replace(/\/+$/, '') : address,
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
  const auth = spec.secret ? { secret: spec.secret.name, ...spec.secret.sent } : undefined;
  return { ...parsed.data, auth, headers: spec.headers };
}

/** True when the gateway may call the service at all. */
export function isCallable(config: ResolvedServiceConfig): boolean {
  return config.enabled && config.baseUrl !== '';
}
