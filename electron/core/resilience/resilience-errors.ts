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

export function upstreamTimeoutError(service: string, timeoutMs: number): AppError {
  return new AppError('UPSTREAM_TIMEOUT', `${serviceLabel(service)} did not answer within ${timeoutMs} ms.`, { service });
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
