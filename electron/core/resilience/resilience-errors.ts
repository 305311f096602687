/**
 * Constructors for the typed errors the resilience policies raise.
 *
 * Every error is an AppError carrying the service name, so it serialises across
 * the contract unchanged. Messages are written for the person at the TV and
 * never include URLs, headers or upstream bodies (which may hold secrets).
 */
import { AppError, isAppError } from '../../../shared/contract/errors';
import { serviceLabel } from '../../../shared/contract/services';

export function circuitOpenError(service: string, retryAfterMs: number): AppError {
  return new AppError(
    'CIRCUIT_OPEN',
    `${serviceLabel(service)} kept failing, so MediaNest is giving it a rest before trying again.`,
    { service, retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) },
  );
}

export function bulkheadFullError(service: string): AppError {
  return new AppError('BULKHEAD_FULL', `Too many requests to ${serviceLabel(service)} are already waiting.`, { service });
}

export function rateLimitedError(service: string, retryAfterMs: number, status?: number): AppError {
  return new AppError('RATE_LIMITED', `${serviceLabel(service)} is being asked too often; try again shortly.`, {
    service,
    retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)),
    ...(status === undefined ? {} : { status }),
  });
}

/** A wait as people read it: "5 s", "2.5 s", "800 ms". */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 100) / 10;
  return `${Number.isInteger(seconds) ? seconds.toFixed(0) : seconds.toFixed(1)} s`;
}

/** `where` is the host and port the call went to ("plex.local:32400"), when known. */
export function upstreamTimeoutError(service: string, timeoutMs: number, where?: string): AppError {
  const message = where ? `No answer from ${where} within ${formatWait(timeoutMs)}.` : `${serviceLabel(service)} did not answer within ${formatWait(timeoutMs)}.`;
  return new AppError('UPSTREAM_TIMEOUT', message, { service });
}

export function cancelledError(service: string): AppError {
  return new AppError('CANCELLED', `The request to ${serviceLabel(service)} was cancelled.`, { service });
}

export function isErrorCode(error: unknown, code: AppError['code']): error is AppError {
  return isAppError(error) && error.code === code;
}

/**
 * The error a call should end with once `signal` has aborted: its reason when
 * that is already typed (a disposing client aborts with CANCELLED), else CANCELLED.
 */
export function abortError(signal: AbortSignal, service: string): AppError {
  const reason: unknown = signal.reason;
  return isAppError(reason) ? reason : cancelledError(service);
}
