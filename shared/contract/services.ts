/**
 * The one table of the services MediaNest talks to. Everything else derives
 * from it: settings schemas and defaults, secret names, the core's service
 * configs and resilience defaults, error wording, the tray, the Settings form,
 * field errors and health cards, and the demo homelab.
 *
 * A service has one or more upstreams: the HTTP servers it is reached at, each
 * with its own address, breaker, bulkhead, rate limit and health. The primary
 * upstream has the service's own id and goes by the service's name; the
 * `tuning` in a service's settings applies to it, the others run on their
 * defaults here.
 *
 * Adding a service is one entry here plus its feature folder.
 */
import { z } from 'zod';
import { BaseUrlSchema, baseServiceDefaults, baseServiceFields, settingsBlock, StatusPageSlugSchema, type ResilienceDefaults, type SettingsBlock } from './service-settings';

/** How a secret travels. Never in a URL: URLs end up in logs. */
export type SecretTransport =
  | { readonly style: 'header'; readonly header: string }
  /** HTTP Basic with an empty user name and the secret as password (Uptime Kuma API keys). */
  | { readonly style: 'basic-password' };

export interface SecretSpec {
  /** What people call it: "token", "API key". */
  readonly noun: string;
  readonly sent: SecretTransport;
  /** Where the user finds it, as the program's own menus name it (shown under the field). */
  readonly help: string;
  /** Obtained by signing in, never typed: forms do not ask for it. */
  readonly fromSignIn?: true;
  /** Made by MediaNest and shown where it is used (the webhook panel), never typed: forms do not ask for it. */
  readonly madeByMediaNest?: true;
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

/** A plain text setting of a service beyond its addresses, as the Settings form shows it. */
export interface TextFieldSpec {
  readonly label: string;
  readonly hint: string;
  readonly placeholder: string;
}

export interface ServiceSpec<
  Secrets extends string = string,
  Fields extends z.ZodRawShape = z.ZodRawShape,
  Upstreams extends { readonly [id: string]: UpstreamSpec<Secrets, keyof Fields & string> } = { readonly [id: string]: UpstreamSpec<Secrets, keyof Fields & string> },
  TextFields extends keyof Fields & string = keyof Fields & string,
> {
  readonly displayName: string;
  readonly secrets: { readonly [K in Secrets]: SecretSpec };
  /** The service's block in settings (`settings.services.<name>`). */
  readonly settings: SettingsBlock<Fields>;
  readonly upstreams: Upstreams;
  /** Text fields of the block other than addresses, in form order. */
  readonly textFields?: { readonly [K in TextFields]: TextFieldSpec };
}

function defineService<
  const Secrets extends string,
  Fields extends z.ZodRawShape,
  const Upstreams extends { readonly [id: string]: UpstreamSpec<Secrets, keyof Fields & string> },
  const TextFields extends keyof Fields & string = never,
>(spec: ServiceSpec<Secrets, Fields, Upstreams, TextFields>): ServiceSpec<Secrets, Fields, Upstreams, TextFields> {
  return spec;
}

// The design's circuit breaker: each attempt may take 3 s; open when more than
// half of the calls in a 10 s window (10 buckets of 1 s) fail, once there were
// at least 10; rest 30 s before a trial.
const breaker = {
  timeoutMs: 3_000,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 30_000,
  rollingWindowMs: 10_000,
  buckets: 10,
  volumeThreshold: 10,
} as const;

// The design's retries: min(base · 2^n, 30 s) plus up to 1 s of jitter, 3 times from 1 s.
const retry = { retries: 3, minDelayMs: 1_000, maxDelayMs: 30_000, jitterMs: 1_000 } as const;

const health = { intervalMs: 30_000, timeoutMs: 5_000, probesToChange: 2 } as const;

// The design's Plex numbers: 3 s attempts inside a 5 s call, 2 retries from 1 s.
const plexCalls = { timeoutMs: 5_000, retry: { ...retry, retries: 2 }, breaker, health } as const;

/** plex.tv's own address (the default; tests and the demo point it at a simulator). */
export const PLEX_TV_ADDRESS = 'https://plex.tv';
/** Its host name: sign-in pages live there and on its subdomains. */
export const PLEX_TV_HOST = new URL(PLEX_TV_ADDRESS).hostname;

export const services = {
  plex: defineService({
    displayName: 'Plex',
    secrets: {
      /** The chosen server's own token (its `accessToken` in plex.tv's resources). */
      token: {
        noun: 'token',
        sent: { style: 'header', header: 'X-Plex-Token' },
        help: 'Signing in with Plex fills this in. By hand: in Plex Web, open an item’s ⋯ menu → Get Info → View XML; the token is the X-Plex-Token at the end of the address.',
      },
      /** The account's token from the PIN sign-in; only plex.tv gets it (the `plex-tv` upstream). */
      accountToken: { noun: 'account token', sent: { style: 'header', header: 'X-Plex-Token' }, help: 'Signing in with Plex (Settings → Plex account) sets it.', fromSignIn: true },
    },
    settings: settingsBlock(
      {
        ...baseServiceFields,
        /** plex.tv, where Plex accounts sign in and list their servers. */
        accountUrl: BaseUrlSchema,
      },
      { ...baseServiceDefaults, accountUrl: PLEX_TV_ADDRESS },
    ),
    upstreams: {
      plex: {
        description: 'Your Plex Media Server: the libraries',
        addressField: 'baseUrl',
        defaultPort: 32400,
        secret: 'token',
        // Plex answers XML unless asked for JSON.
        headers: { Accept: 'application/json' },
        defaults: {
          ...plexCalls,
          // The design's Plex bulkhead.
          bulkhead: { concurrency: 5, queueLimit: 50 },
          // Browsing a library fires bursts of small calls; a LAN Plex takes them easily.
          rateLimit: { requests: 50, perMs: 1_000 },
        },
      },
      'plex-tv': {
        displayName: 'plex.tv',
        description: 'Your Plex account: sign-in and the list of your servers',
        addressField: 'accountUrl',
        // The account's own token: plex.tv never gets the server's, the server never the account's.
        secret: 'accountToken',
        headers: { Accept: 'application/json' },
        defaults: {
          // Plex's numbers: the account service is part of Plex.
          ...plexCalls,
          // A public service shared with every Plex app: sign-in polls once a second, little else.
          bulkhead: { concurrency: 2, queueLimit: 10 },
          rateLimit: { requests: 5, perMs: 1_000 },
        },
      },
    },
  }),
  overseerr: defineService({
    displayName: 'Overseerr',
    secrets: {
      apiKey: { noun: 'API key', sent: { style: 'header', header: 'X-Api-Key' }, help: 'In Overseerr: Settings → General → API Key.' },
      /** MediaNest's own: Overseerr sends it back verbatim as its webhook's Authorization header. */
      webhookSecret: {
        noun: 'webhook secret',
        sent: { style: 'header', header: 'Authorization' },
        help: 'MediaNest makes it: paste it into Overseerr, Settings → Notifications → Webhook → Authorization Header.',
        madeByMediaNest: true,
      },
    },
    settings: settingsBlock(baseServiceFields, baseServiceDefaults),
    upstreams: {
      overseerr: {
        description: 'Requests for movies and shows',
        addressField: 'baseUrl',
        defaultPort: 5055,
        secret: 'apiKey',
        headers: { Accept: 'application/json' },
        defaults: {
          // The design: 5 s attempts inside a 10 s call, open at 30 %, 3 retries from 2 s.
          timeoutMs: 10_000,
          retry: { ...retry, minDelayMs: 2_000 },
          breaker: { ...breaker, timeoutMs: 5_000, errorThresholdPercentage: 30 },
          // Overseerr fans each request out to TMDB; keep few in flight.
          bulkhead: { concurrency: 4, queueLimit: 20 },
          rateLimit: { requests: 20, perMs: 1_000 },
          health,
        },
      },
    },
  }),
  'uptime-kuma': defineService({
    displayName: 'Uptime Kuma',
    secrets: { apiKey: { noun: 'API key', sent: { style: 'basic-password' }, help: 'In Uptime Kuma: Settings → API Keys → Add API Key.' } },
    settings: settingsBlock(
      {
        ...baseServiceFields,
        statusPageSlug: StatusPageSlugSchema,
        /** How often the status pages (and, with an API key, /metrics) are read; Kuma caches them, so a minute is plenty. */
        pollSeconds: z.number().int().min(1).max(3_600),
      },
      { ...baseServiceDefaults, statusPageSlug: '', pollSeconds: 60 },
    ),
    textFields: {
      statusPageSlug: {
        label: 'Status pages',
        hint: 'The end of each public status page address (/status/homelab is homelab); separate several with commas. Health lists their monitors; leave it empty to check Uptime Kuma itself only.',
        placeholder: 'homelab',
      },
    },
    upstreams: {
      'uptime-kuma': {
        description: 'The monitors of your other services',
        addressField: 'baseUrl',
        defaultPort: 3001,
        secret: 'apiKey',
        headers: {},
        defaults: {
          // The design names no numbers for Kuma beyond its defaults; the call budget is Plex's.
          timeoutMs: 5_000,
          retry,
          breaker,
          // The design's monitoring bulkhead.
          bulkhead: { concurrency: 3, queueLimit: 10 },
          rateLimit: { requests: 10, perMs: 1_000 },
          health,
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
/** The text fields of a service's block other than addresses (Uptime Kuma's status page slug). */
export type ServiceTextField<S extends ServiceName> = Services[S] extends { readonly textFields?: infer T } ? keyof NonNullable<T> & string : never;

/** A service's text fields with their words, in table order. */
export function textFieldsOf(service: ServiceName): readonly (TextFieldSpec & { readonly field: string })[] {
  const fields = (services[service] as ServiceSpec).textFields ?? {};
  return Object.entries(fields).map(([field, spec]) => ({ ...(spec as TextFieldSpec), field }));
}

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

/** The name of one of a service's secrets (`overseerr.webhookSecret`), checked against the table. */
export function secretNameOf<S extends ServiceName>(service: S, key: keyof Services[S]['secrets'] & string): SecretName {
  return secretSpec(`${service}.${key}` as SecretName).name;
}

/** The secrets a user types for a service (not those a sign-in obtains or MediaNest makes), in table order. */
export function secretsOf(service: ServiceName): readonly ResolvedSecret[] {
  return Object.keys(services[service].secrets)
    .map((key) => resolveSecret(service, key))
    .filter((secret) => !secret.fromSignIn && !secret.madeByMediaNest);
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
