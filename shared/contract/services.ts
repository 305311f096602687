/**
 * The services MediaNest talks to and the secrets each one needs.
 */
import { z } from 'zod';

export const serviceNames = ['plex', 'overseerr', 'uptime-kuma'] as const;
export const ServiceNameSchema = z.enum(serviceNames);
export type ServiceName = z.infer<typeof ServiceNameSchema>;

/** Secrets the app knows about; the value is write-only from the renderer's side. */
export const secretNames = ['plex.token', 'overseerr.apiKey', 'uptime-kuma.apiKey'] as const;
export const SecretNameSchema = z.enum(secretNames);
export type SecretName = z.infer<typeof SecretNameSchema>;
