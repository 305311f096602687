/**
 * The pieces a service's settings block is made of, and how a block is
 * declared in the service table (services.ts): its fields without defaults
 * (what a patch may carry) and their defaults (what a missing field becomes).
 */
import { z } from 'zod';

/** Why `value` is not a usable service address, or undefined when it is (empty is: not set yet). */
export function baseUrlProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const example = 'e.g. http://192.168.1.10:32400';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Enter an address starting with http:// or https://, ${example}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Enter an address starting with http:// or https://, ${example}`;
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(value)) {
    return 'Leave the user name and password out of the address: MediaNest sends the token or API key itself';
  }
  // `new URL` drops a bare "?" or "#", but an API path appended to it would land in the query.
  if (value.includes('?') || value.includes('#')) return `Leave out everything from "?" or "#": the address is only where the service answers, ${example}`;
  return undefined;
}

/**
 * One spelling per address: lower-case scheme and host, no default port, no
 * trailing slash. Two spellings of the same server compare equal, which is
 * what lets a saved secret be bound to its saved address.
 */
export function normalizeBaseUrl(value: string): string {
  if (value === '') return '';
  const url = new URL(value);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** An http(s) URL without credentials, query or fragment (a base for API paths), normalised. */
export const BaseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, context) => {
    const problem = baseUrlProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeBaseUrl);

/** Uptime Kuma status page slugs, as in their addresses (`/status/<slug>`), separated by commas; empty for none. */
export const StatusPageSlugSchema = z
  .string()
  .trim()
  .max(255)
  .regex(/^([\w-]+(\s*,\s*[\w-]+)*)?$/, 'Use the letters, digits and dashes at the end of each status page address, e.g. homelab; separate several with commas');

/** "homelab, media" → ['homelab', 'media']. */
export function statusPageSlugs(text: string): string[] {
  return text.split(',').map((slug) => slug.trim()).filter(Boolean);
}

/** Tuning for the integration layer; every field falls back to the upstream's default (services.ts). */
export const ServiceTuningSchema = z
  .object({
    /** The whole call, retries and their waits included. */
    timeoutMs: z.number().int().min(100).max(120_000),
    retry: z
      .object({
        retries: z.number().int().min(0).max(10),
        minDelayMs: z.number().int().min(0).max(60_000),
        maxDelayMs: z.number().int().min(0).max(300_000),
        /** Up to this much random time is added to each backoff, so clients that failed together do not retry together. */
        jitterMs: z.number().int().min(0).max(60_000),
      })
      .partial(),
    breaker: z
      .object({
        /** Per attempt: the breaker ends (and aborts) an attempt that takes longer. */
        timeoutMs: z.number().int().min(100).max(120_000),
        errorThresholdPercentage: z.number().min(1).max(100),
        resetTimeoutMs: z.number().int().min(100).max(3_600_000),
        volumeThreshold: z.number().int().min(1).max(1000),
        rollingWindowMs: z.number().int().min(1000).max(3_600_000),
        buckets: z.number().int().min(1).max(600),
      })
      .partial(),
    bulkhead: z
      .object({
        concurrency: z.number().int().min(1).max(64),
        queueLimit: z.number().int().min(0).max(10_000),
      })
      .partial(),
    rateLimit: z
      .object({
        requests: z.number().int().min(1).max(10_000),
        perMs: z.number().int().min(10).max(3_600_000),
      })
      .partial(),
    health: z
      .object({
        intervalMs: z.number().int().min(1000).max(86_400_000),
        timeoutMs: z.number().int().min(100).max(120_000),
        probesToChange: z.number().int().min(1).max(20),
      })
      .partial(),
  })
  .partial()
  .strict();
export type ServiceTuning = z.infer<typeof ServiceTuningSchema>;

/** Every tuning number filled in: what each upstream declares in the service table. */
export interface ResilienceDefaults {
  readonly timeoutMs: number;
  readonly retry: Required<NonNullable<ServiceTuning['retry']>>;
  readonly breaker: Required<NonNullable<ServiceTuning['breaker']>>;
  readonly bulkhead: Required<NonNullable<ServiceTuning['bulkhead']>>;
  readonly rateLimit: Required<NonNullable<ServiceTuning['rateLimit']>>;
  readonly health: Required<NonNullable<ServiceTuning['health']>>;
}

/** The fields every service's block has. */
export const baseServiceFields = {
  enabled: z.boolean(),
  /** The service's own address (for Plex: the Plex Media Server). */
  baseUrl: BaseUrlSchema,
  tuning: ServiceTuningSchema,
};

export const baseServiceDefaults = { enabled: false, baseUrl: '', tuning: {} } as const;

type Defaulted<F extends z.ZodRawShape> = { [K in keyof F]: z.ZodDefault<F[K]> };

export interface SettingsBlock<F extends z.ZodRawShape = z.ZodRawShape> {
  /** A stored or typed block: missing fields take their defaults, unknown ones are refused. */
  readonly schema: z.ZodObject<Defaulted<F>, z.core.$strict>;
  /** A change to the block: any subset of its fields, no defaults filled in. */
  readonly patch: z.ZodObject<{ [K in keyof F]: z.ZodOptional<F[K]> }, z.core.$strict>;
}

/** Declares a settings block from its fields and their defaults. */
export function settingsBlock<F extends z.ZodRawShape>(fields: F, defaults: { readonly [K in keyof F]: z.output<F[K]> }): SettingsBlock<F> {
  const defaulted = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, (field as z.ZodType).default(defaults[key as keyof F] as never)]));
  return {
    schema: z.object(defaulted as unknown as Defaulted<F>).strict(),
    patch: z.object(fields).partial().strict() as SettingsBlock<F>['patch'],
  };
}
