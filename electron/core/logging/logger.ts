/**
 * The core's logger: pino with redaction.
 *
 * Secrets reach log calls in three shapes: named fields (`token`, `apiKey`),
 * HTTP headers (`X-Plex-Token`, `X-Api-Key`, `Authorization`) and URLs carrying
 * `X-Plex-Token=` in the query. Fields and headers are censored by pino's
 * redact paths; strings go through `redactSecrets` in a formatter, so a secret
 * never reaches any destination, whatever shape it arrived in.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const SECRET_KEYS = [
  'token',
  'authToken',
  'accessToken',
  'apiKey',
  'password',
  'secret',
  'serveToken',
  'authorization',
  'Authorization',
  'x-plex-token',
  'X-Plex-Token',
  'x-api-key',
  'X-Api-Key',
  'cookie',
];

const redactPaths = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.headers.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
];

const QUERY_SECRET = /([?&](?:X-Plex-Token|token|apiKey|api_key)=)[^&#\s"]+/gi;
const HEADER_SECRET = /((?:X-Plex-Token|X-Api-Key)["']?\s*:\s*["']?)[^"'\s,}&]+/gi;
// An Authorization value has a scheme and a credential ("Basic dXNl…"): censor both.
const AUTHORIZATION = /(Authorization["']?\s*:\s*["']?)[^"',}\n]+/gi;

export const REDACTED = '[redacted]';

/** Removes secrets embedded in free text (URLs, error messages). */
export function redactSecrets(text: string): string {
  return text
    .replace(QUERY_SECRET, `$1${REDACTED}`)
    .replace(HEADER_SECRET, `$1${REDACTED}`)
    .replace(AUTHORIZATION, `$1${REDACTED}`);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactSecrets(value.message), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrub(item, depth + 1);
  return out;
}

export interface LoggerOptions {
  readonly level?: string;
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.MEDIANEST_LOG_LEVEL ?? 'info',
      base: undefined,
      redact: { paths: redactPaths, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          // Message strings (the last string argument) may carry a URL with a token.
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          return scrub(object) as Record<string, unknown>;
        },
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that drops everything, for tests and benchmarks. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
