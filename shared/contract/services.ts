/**
 * The one table of the services MediaNest talks to. Everything else derives
 * from it: settings schemas and defaults, secret names, the core's service
 * configs and resilience defaults, error wording, the tray, the Settings form,
 * field errors and health cards, and the demo homelab.
 *
 * A service has one or more upstreams: the HTTP servers it is reached at, each
 * with its own address, breaker, bulkhead, rate limit and health. The primary
 * upstream has the service's own id and goes by the service's name.
 *
 * Adding a service is one entry here plus its feature folder.
 */
import { z } from 'zod';
import { baseServiceDefaults, baseServiceFields, settingsBlock, type ResilienceDefaults, type SettingsBlock } from './service-settings';

/** How a secret travels. Never in a URL: URLs end up in logs. */
export type SecretTransport =
  | { readonly style: 'header'; readonly header: string }
  /** HTTP Basic with an empty user name and the secret as password (Uptime Kuma API keys). */
  | { readonly style: 'basic-password' };

export interface SecretSpec {
  /** What people call it: "token", "API key". */
  readonly noun: string;
  readonly sent: SecretTransport;
}

export interface UpstreamSpec<Secret extends string = string, Field extends string = string> {
  /** Only for secondary upstreams: the primary one goes by the service's name. */
  readonly displayName?: string;
  /** What it is for, in a few words, for the Health page. */
  readonly description: string;
  /** The field of the service's settings block that holds its address. */
  readonly addressField: Field;
  /** The port it usually listens on (for the example address); absent for a public address. */
  readonly defaultPort?: number;
  /** The service's secret it sends, if any. */
  readonly secret?: Secret;
  /** Sent on every request, after the auth header. */
  readonly headers: Readonly<Record<string, string>>;
  readonly defaults: ResilienceDefaults;
}

export interface ServiceSpec<
  Secrets extends string = string,
  Fields extends z.ZodRawShape = z.ZodRawShape,
  Upstreams extends { readonly [id: string]: UpstreamSpec<Secrets, keyof Fields & string> } = { readonly [id: string]: UpstreamSpec<Secrets, keyof Fields & string> },
> {
  readonly displayName: string;
  readonly secrets: { readonly [K in Secrets]: SecretSpec };
  /** The service's block in settings (`settings.services.<name>`). */
  readonly settings: SettingsBlock<Fields>;
  readonly upstreams: Upstreams;
}

function defineService<
  const Secrets extends string,
  Fields extends z.ZodRawShape,
  const Upstreams extends { readonly [id: string]: UpstreamSpec<Secrets, keyof Fields & string> },
>(spec: ServiceSpec<Secrets, Fields, Upstreams>): ServiceSpec<Secrets, Fields, Upstreams> {
  return spec;
}

// Shared where the service has no reason to differ: open after 5 calls in a 60 s
// window (12 buckets of 5 s) fail more than half of the time, rest 30 s.
const breaker = {
  errorThresholdPercentage: 50,
  resetTimeoutMs: 30_000,
  volumeThreshold: 5,
  rollingWindowMs: 60_000,
  buckets: 12,
} as const;

const health = { intervalMs: 30_000, timeoutMs: 5_000, probesToChange: 2 } as const;

/** A Kuma status page slug: letters, digits, dashes and underscores. */
const KumaSlugSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Enter the status page slug: letters, digits and dashes, as in /status/homelab');

export const services = {
  plex: defineService({
    displayName: 'Plex',
    secrets: { token: { noun: 'token', sent: { style: 'header', header: 'X-Plex-Token' } } },
    settings: settingsBlock(baseServiceFields, baseServiceDefaults),
    upstreams: {
      plex: {
        description: 'Your Plex Media Server: the libraries',
        addressField: 'baseUrl',
        defaultPort: 32400,
        secret: 'token',
        // Plex answers XML unless asked for JSON.
        headers: { Accept: 'application/json' },
        defaults: {
          timeoutMs: 5_000,
          // maxDelay caps the decorrelated growth (1 s → ≤ 3 s → ≤ 4 s) and Retry-After waits.
          retry: { retries: 2, minDelayMs: 1_000, maxDelayMs: 4_000, jitterMs: 0 },
          breaker: { ...breaker, timeoutMs: 5_000 },
          bulkhead: { concurrency: 5, queueLimit: 50 },
          // Browsing a library fires bursts of small calls; a LAN Plex takes them easily.
          rateLimit: { requests: 50, perMs: 1_000 },
          health: { ...health, path: '/identity' },
        },
      },
    },
  }),
  overseerr: defineService({
    displayName: 'Overseerr',
    secrets: { apiKey: { noun: 'API key', sent: { style: 'header', header: 'X-Api-Key' } } },
    settings: settingsBlock(baseServiceFields, baseServiceDefaults),
    upstreams: {
      overseerr: {
        description: 'Requests for movies and shows',
        addressField: 'baseUrl',
        defaultPort: 5055,
        secret: 'apiKey',
        headers: { Accept: 'application/json' },
        defaults: {
          timeoutMs: 10_000,
          retry: { retries: 3, minDelayMs: 2_000, maxDelayMs: 8_000, jitterMs: 0 },
          breaker: { ...breaker, timeoutMs: 10_000, errorThresholdPercentage: 30 },
          // Overseerr fans each request out to TMDB; keep few in flight.
          bulkhead: { concurrency: 4, queueLimit: 20 },
          rateLimit: { requests: 20, perMs: 1_000 },
          health: { ...health, path: '/api/v1/status' },
        },
      },
    },
  }),
  'uptime-kuma': defineService({
    displayName: 'Uptime Kuma',
    secrets: { apiKey: { noun: 'API key', sent: { style: 'basic-password' } } },
    settings: settingsBlock(
      {
        ...baseServiceFields,
        /** Public status pages to read, by slug (the last part of `/status/<slug>`). */
        statusPages: z.array(KumaSlugSchema).max(10),
        /** How often the status pages (and, with an API key, /metrics) are read; Kuma caches them, so a minute is plenty. */
        pollSeconds: z.number().int().min(1).max(3_600),
      },
      { ...baseServiceDefaults, statusPages: [], pollSeconds: 60 },
    ),
    upstreams: {
      'uptime-kuma': {
        description: 'The monitors of your other services',
        addressField: 'baseUrl',
        defaultPort: 3001,
        secret: 'apiKey',
        headers: {},
        defaults: {
          timeoutMs: 5_000,
          retry: { retries: 2, minDelayMs: 1_000, maxDelayMs: 4_000, jitterMs: 0 },
          breaker: { ...breaker, timeoutMs: 5_000 },
          bulkhead: { concurrency: 3, queueLimit: 10 },
          rateLimit: { requests: 10, perMs: 1_000 },
          health: { ...health, path: '/api/entry-page' },
        },
      },
    },
  }),
} as const;

type Services = typeof services;
export type ServiceName = keyof Services;
export const serviceNames = Object.keys(services) as ServiceName[];
export const ServiceNameSchema = z.enum(serviceNames as [ServiceName, ...ServiceName[]]);

/** `<service>.<secret>`, e.g. `plex.token`. */
export type SecretName = { [S in ServiceName]: `${S}.${keyof Services[S]['secrets'] & string}` }[ServiceName];
export const secretNames = serviceNames.flatMap((service) => Object.keys(services[service].secrets).map((key) => `${service}.${key}`)) as SecretName[];
/** Secrets the app knows about; the value is write-only from the renderer's side. */
export const SecretNameSchema = z.enum(secretNames as [SecretName, ...SecretName[]]);

export type UpstreamId = { [S in ServiceName]: keyof Services[S]['upstreams'] & string }[ServiceName];

/** The settings fields that hold an upstream's address (`baseUrl`, and e.g. a second address). */
type AddressFieldOf<U> = U extends { readonly addressField: infer F extends string } ? F : never;
/** The fields of a service's block that hold its upstreams' addresses. */
export type ServiceAddressField<S extends ServiceName> = AddressFieldOf<Services[S]['upstreams'][keyof Services[S]['upstreams']]>;
export type AddressField = { [S in ServiceName]: ServiceAddressField<S> }[ServiceName];

export interface ResolvedSecret extends SecretSpec {
  readonly name: SecretName;
  readonly service: ServiceName;
}

export interface ResolvedUpstream extends Omit<UpstreamSpec, 'secret' | 'displayName'> {
  readonly id: UpstreamId;
  readonly service: ServiceName;
  readonly displayName: string;
  readonly secret: ResolvedSecret | undefined;
}

function resolveSecret(service: ServiceName, key: string): ResolvedSecret {
  const spec = (services[service].secrets as Record<string, SecretSpec>)[key]!;
  return { ...spec, name: `${service}.${key}` as SecretName, service };
}

/** Every upstream, the primary one of each service first, in table order. */
export const upstreams: readonly ResolvedUpstream[] = serviceNames.flatMap((service) =>
  Object.entries(services[service].upstreams as Record<string, UpstreamSpec>).map(([id, spec]) => ({
    ...spec,
    id: id as UpstreamId,
    service,
    displayName: spec.displayName ?? services[service].displayName,
    secret: spec.secret === undefined ? undefined : resolveSecret(service, spec.secret),
  })),
);
export const upstreamIds = upstreams.map((upstream) => upstream.id);
export const UpstreamIdSchema = z.enum(upstreamIds as [UpstreamId, ...UpstreamId[]]);

const upstreamById = new Map(upstreams.map((upstream) => [upstream.id as string, upstream]));
const secretByName = new Map(serviceNames.flatMap((service) => Object.keys(services[service].secrets).map((key) => {
  const secret = resolveSecret(service, key);
  return [secret.name as string, secret] as const;
})));

export function upstreamSpec(id: UpstreamId): ResolvedUpstream {
  return upstreamById.get(id)!;
}

export function upstreamsOf(service: ServiceName): readonly ResolvedUpstream[] {
  return upstreams.filter((upstream) => upstream.service === service);
}

export function secretSpec(name: SecretName): ResolvedSecret {
  return secretByName.get(name)!;
}

/** The secrets a service needs, in table order. */
export function secretsOf(service: ServiceName): readonly ResolvedSecret[] {
  return Object.keys(services[service].secrets).map((key) => resolveSecret(service, key));
}

/**
 * The name people know a service or upstream by ("Plex", "plex.tv"); anything
 * else passes through, so a message never loses its subject.
 */
export function serviceLabel(id: string): string {
  return upstreamById.get(id)?.displayName ?? (Object.hasOwn(services, id) ? services[id as ServiceName].displayName : id);
}

/** "Plex token", "Overseerr API key". */
export function secretLabel(name: SecretName): string {
  const secret = secretSpec(name);
  return `${services[secret.service].displayName} ${secret.noun}`;
}

/** An address to show as a placeholder, with the usual port. */
export function exampleAddress(upstream: Pick<UpstreamSpec, 'defaultPort'>): string {
  return upstream.defaultPort === undefined ? '' : `http://192.168.1.10:${upstream.defaultPort}`;
}
