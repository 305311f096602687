/**
 * Settings as the user configures them. Secrets are never part of settings:
 * they live in the secret store and cross the contract only as write-only
 * values in an update and as presence flags in `PublicSettings`.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';
import { SecretNameSchema } from '../services';

/** An http(s) URL without credentials, query or fragment (a base for API paths). */
export const BaseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (value === '') return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'Enter an http:// or https:// address without credentials, query or fragment, e.g. http://192.168.1.10:32400');

/** Tuning for the integration layer; every field falls back to the service's default. */
export const ServiceTuningSchema = z
  .object({
    timeoutMs: z.number().int().min(100).max(120_000),
    retry: z
      .object({
        retries: z.number().int().min(0).max(10),
        minDelayMs: z.number().int().min(0).max(60_000),
        maxDelayMs: z.number().int().min(0).max(300_000),
      })
      .partial(),
    breaker: z
      .object({
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
        path: z.string().startsWith('/').max(512),
        intervalMs: z.number().int().min(1000).max(86_400_000),
        timeoutMs: z.number().int().min(100).max(120_000),
        probesToChange: z.number().int().min(1).max(20),
      })
      .partial(),
  })
  .partial()
  .strict();
export type ServiceTuning = z.infer<typeof ServiceTuningSchema>;

export const ServiceSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    baseUrl: BaseUrlSchema.default(''),
    tuning: ServiceTuningSchema.default({}),
  })
  .strict();
export type ServiceSettings = z.infer<typeof ServiceSettingsSchema>;

export const SettingsSchema = z
  .object({
    general: z
      .object({
        closeToTray: z.boolean().default(true),
        startMinimized: z.boolean().default(false),
      })
      .strict()
      .default({ closeToTray: true, startMinimized: false }),
    services: z
      .object({
        plex: ServiceSettingsSchema.default({ enabled: false, baseUrl: '', tuning: {} }),
        overseerr: ServiceSettingsSchema.default({ enabled: false, baseUrl: '', tuning: {} }),
        'uptime-kuma': ServiceSettingsSchema.default({ enabled: false, baseUrl: '', tuning: {} }),
      })
      .strict()
      .default({
        plex: { enabled: false, baseUrl: '', tuning: {} },
        overseerr: { enabled: false, baseUrl: '', tuning: {} },
        'uptime-kuma': { enabled: false, baseUrl: '', tuning: {} },
      }),
    downloads: z
      .object({
        /** A Plex library folder; empty until the user picks one. */
        folder: z.string().max(4096).default(''),
        maxConcurrent: z.number().int().min(1).max(8).default(2),
      })
      .strict()
      .default({ folder: '', maxConcurrent: 2 }),
    notifications: z
      .object({
        enabled: z.boolean().default(true),
      })
      .strict()
      .default({ enabled: true }),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** What the renderer sees: settings plus which secrets are set (never their values). */
export const PublicSettingsSchema = SettingsSchema.extend({
  secrets: z.record(SecretNameSchema, z.boolean()),
  profile: z.enum(['default', 'demo']),
});
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

const ServicePatchSchema = z
  .object({
    enabled: z.boolean(),
    baseUrl: BaseUrlSchema,
    tuning: ServiceTuningSchema,
  })
  .partial()
  .strict();

/**
 * A partial update. Objects merge one level deep per section; `tuning` replaces
 * the service's tuning whole. A secret set to `null` is deleted.
 */
export const SettingsPatchSchema = z
  .object({
    general: SettingsSchema.shape.general.unwrap().partial().strict(),
    services: z
      .object({
        plex: ServicePatchSchema,
        overseerr: ServicePatchSchema,
        'uptime-kuma': ServicePatchSchema,
      })
      .partial()
      .strict(),
    downloads: SettingsSchema.shape.downloads.unwrap().partial().strict(),
    notifications: SettingsSchema.shape.notifications.unwrap().partial().strict(),
    secrets: z.partialRecord(SecretNameSchema, z.string().min(1).max(4096).nullable()),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const settingsInvokes = {
  'settings:get': invoke(NoPayloadSchema, PublicSettingsSchema),
  'settings:update': invoke(SettingsPatchSchema, PublicSettingsSchema),
} as const;

export const settingsEvents = {
  'settings:changed': event(PublicSettingsSchema, 0),
} as const;
