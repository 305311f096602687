/**
 * An upstream's effective configuration: its service's settings merged over
 * the defaults the service table declares for it, validated with zod, so
 * every policy is built from complete, in-range numbers.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { ServiceSettings } from '../../../shared/contract/areas/settings';
import { BaseUrlSchema, ServiceTuningSchema } from '../../../shared/contract/service-settings';
import { ServiceNameSchema, serviceLabel, textFieldsOf, UpstreamIdSchema, upstreamSpec, type SecretName, type SecretTransport, type ServiceName, type UpstreamId } from '../../../shared/contract/services';

// The same ranges as the settings schema, every field required.
const tuning = ServiceTuningSchema.shape;

export const ResolvedServiceConfigSchema = z
  .object({
    /** The upstream's id (for a service's primary upstream, the service's name). */
    name: UpstreamIdSchema,
    service: ServiceNameSchema,
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
  .transform((config) => ({
    ...config,
    // A max below the min is a typo, not a wish for no backoff: the min wins.
    retry: { ...config.retry, maxDelayMs: Math.max(config.retry.minDelayMs, config.retry.maxDelayMs) },
    // An attempt never outlasts the call it belongs to.
    breaker: { ...config.breaker, timeoutMs: Math.min(config.breaker.timeoutMs, config.timeoutMs) },
  }));

/** Which secret an upstream sends, and how. */
export type UpstreamAuth = { readonly secret: SecretName } & SecretTransport;

export type ResolvedServiceConfig = z.output<typeof ResolvedServiceConfigSchema> & {
  /** Undefined for an upstream that needs no secret. */
  readonly auth: UpstreamAuth | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** The service's text settings beyond addresses, by field (Uptime Kuma's `statusPageSlug`). */
  readonly text: Readonly<Record<string, string>>;
};

/** Headers the core adds to every upstream of a service beyond the table's (who MediaNest is to Plex). */
export type ServiceHeaders = Partial<Record<ServiceName, Readonly<Record<string, string>>>>;

/** Merges `settings` over the upstream's defaults; throws INVALID_PAYLOAD when the result is out of range. */
export function resolveServiceConfig(name: UpstreamId, settings: ServiceSettings, headers: ServiceHeaders = {}): ResolvedServiceConfig {
  const spec = upstreamSpec(name);
  const defaults = spec.defaults;
  // `tuning` tunes the service's primary upstream; the others run on their defaults.
  const t = name === spec.service ? (settings.tuning ?? {}) : {};
  const address = (settings as Readonly<Record<string, unknown>>)[spec.addressField];
  const parsed = ResolvedServiceConfigSchema.safeParse({
    name,
    service: spec.service,
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
    throw new AppError('INVALID_PAYLOAD', `The settings for ${serviceLabel(name)} are out of range (${fields}).`, { service: name });
  }
  const auth = spec.secret ? { secret: spec.secret.name, ...spec.secret.sent } : undefined;
  const block = settings as Readonly<Record<string, unknown>>;
  const text = Object.fromEntries(textFieldsOf(spec.service).map(({ field }) => [field, typeof block[field] === 'string' ? block[field].trim() : '']));
  return { ...parsed.data, auth, headers: { ...spec.headers, ...headers[spec.service] }, text };
}

/** True when the gateway may call the service at all. */
export function isCallable(config: ResolvedServiceConfig): boolean {
  return config.enabled && config.baseUrl !== '';
}
