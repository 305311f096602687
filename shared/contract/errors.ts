/**
 * The one serialisable error that crosses the contract: `{ code, message, service? }`.
 *
 * Every invoke either resolves with its result or rejects with an AppError.
 * Anything else thrown inside the core is turned into `INTERNAL` with a generic
 * message, so stack traces and upstream bodies (which may hold secrets) never
 * reach the renderer.
 */
import { z } from 'zod';

export const errorCodes = [
  /** The payload did not match the channel's schema. */
  'INVALID_PAYLOAD',
  /** No such channel in the contract. */
  'UNKNOWN_CHANNEL',
  /** The caller is not allowed (bad sender, missing serve token). */
  'FORBIDDEN',
  'NOT_FOUND',
  'INTERNAL',
  'CANCELLED',
  /** Too much is already waiting (per connection, or in a shared queue); nothing was started. */
  'BUSY',
  /** A file MediaNest keeps could not be read or written; nothing was changed. */
  'STORAGE_FAILED',
  /** Stored data this needs is not available (written by a newer MediaNest, or unreadable); the message says why. */
  'DATA_UNAVAILABLE',
  // Integration-layer failures, always with `service`.
  'SERVICE_DISABLED',
  'SERVICE_NOT_CONFIGURED',
  'CIRCUIT_OPEN',
  'BULKHEAD_FULL',
  'RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNREACHABLE',
  'UPSTREAM_HTTP',
  'INVALID_RESPONSE',
  'AUTH_FAILED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One rejected field of a payload: where (a dotted path into it) and why, in words. */
export const FieldIssueSchema = z.object({ path: z.string().max(200), message: z.string().max(500) });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const SerializedErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  service: z.string().optional(),
  /** HTTP status for UPSTREAM_HTTP / AUTH_FAILED. */
  status: z.number().int().optional(),
  /** When the caller may try again (rate limits, open breakers). */
  retryAfterMs: z.number().nonnegative().optional(),
  /** For INVALID_PAYLOAD: each rejected field, so a form can name it as it labels it. */
  fields: z.array(FieldIssueSchema).max(20).optional(),
});

export type SerializedError = z.infer<typeof SerializedErrorSchema>;

export interface AppErrorOptions {
  readonly service?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly fields?: readonly FieldIssue[];
  readonly cause?: unknown;
}

/** A typed error that survives JSON, IPC and WebSocket unchanged. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly service: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly fields: readonly FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.service = options.service;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.fields = options.fields;
  }

  toJSON(): SerializedError {
    const out: SerializedError = { code: this.code, message: this.message };
    if (this.service !== undefined) out.service = this.service;
    if (this.status !== undefined) out.status = this.status;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    if (this.fields !== undefined) out.fields = this.fields.map((field) => ({ ...field }));
    return out;
  }

  static fromJSON(value: SerializedError): AppError {
    return new AppError(value.code, value.message, value);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * The error for work refused because too much is already waiting. `what` says
 * in a few words what is full ("This window has too many requests waiting").
 */
export function busyError(what = 'MediaNest has too much to do right now'): AppError {
  return new AppError('BUSY', `${what}; nothing was started. Try again in a moment.`);
}

/** Serialises any thrown value; unknown errors are hidden behind INTERNAL. */
export function serializeError(error: unknown): SerializedError {
  if (isAppError(error)) return error.toJSON();
  return { code: 'INTERNAL', message: 'Something went wrong inside MediaNest. The details are in the log.' };
}
