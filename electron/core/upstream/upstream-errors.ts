/**
 * Turns what ky and fetch throw into typed AppErrors, and decides what each
 * error means for the breaker, for retries and for serving stale data.
 *
 * Messages are ours, never upstream text: ky's HTTPError carries the request
 * (with its auth header) and upstream bodies may echo tokens, so neither is
 * kept as a cause.
 */
import { HTTPError, TimeoutError } from 'ky';
import { AppError, isAppError } from '../../../shared/contract/errors';
import { cancelledError, formatWait } from '../resilience/resilience-errors';
import { serviceLabel } from '../../../shared/contract/services';
import { parseRetryAfter } from '../resilience/retry-after';

/** How a connection-level failure happened, as far as Node tells us. */
export type NetworkErrorKind = 'refused' | 'dns' | 'reset' | 'timeout' | 'network' | 'tls' | 'port';

const kindByCode: Readonly<Record<string, NetworkErrorKind>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  EHOSTUNREACH: 'network',
  ENETUNREACH: 'network',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  CERT_HAS_EXPIRED: 'tls',
  CERT_UNTRUSTED: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
};

/** Where a call went, as people read it: `plex.local:32400` and the bare host name. */
export interface CallTarget {
  readonly hostPort: string;
  readonly host: string;
}

/** The target of a service address; null when there is none or it does not parse (then words say less, never more). */
export function callTarget(baseUrl: string | undefined): CallTarget | null {
  if (!baseUrl) return null;
  try {
    const url = new URL(baseUrl);
    // Only host and port: never a path, credentials or query (they may carry secrets).
    return { hostPort: url.host, host: url.hostname.replace(/^\[|\]$/g, '') };
  } catch {
    return null;
  }
}

/**
 * What happened and where, in words: "Connection refused by 127.0.0.1:9",
 * "The name nas.local could not be found". Used for call errors and for
 * health probes alike, so Settings, Health and every page say it the same way.
 */
export function networkFailureWords(kind: NetworkErrorKind, target: CallTarget | null, timeoutMs?: number): string {
  const where = target?.hostPort ?? 'the server';
  switch (kind) {
    case 'port':
      return target ? `MediaNest does not connect to ${where}: that port is reserved for other kinds of programs; check the port` : 'That port is reserved for other kinds of programs; check the port';
    case 'refused':
      return target ? `Connection refused by ${where}` : 'Connection refused';
    case 'dns':
      return target ? `The name ${target.host} could not be found` : 'The server’s name could not be found';
    case 'timeout':
      return timeoutMs === undefined ? `No answer from ${where} in time` : `No answer from ${where} within ${formatWait(timeoutMs)}`;
    case 'reset':
      return `${target ? where : 'The server'} closed the connection before answering`;
    case 'network':
      return target ? `${where} could not be reached from this computer` : 'The server could not be reached from this computer';
    case 'tls':
      return target ? `The certificate of ${target.host} is not trusted` : 'The server’s certificate is not trusted';
  }
}

/** Classifies a fetch failure by the error codes along its cause chain; undefined if it is not one. */
export function networkErrorKind(error: unknown): NetworkErrorKind | undefined {
  let current: unknown = error;
  let isFetchFailure = false;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && kindByCode[code]) return kindByCode[code];
    // fetch never connects to ports reserved for other protocols (9, 25, 6000…), and says only this.
    if (current.message === 'bad port') return 'port';
    // undici: TypeError('fetch failed') for connection errors, TypeError('terminated') mid-body.
    if (current instanceof TypeError && (current.message === 'fetch failed' || current.message === 'terminated')) {
      isFetchFailure = true;
    }
    current = current.cause;
  }
  if (!isFetchFailure) return undefined;
  return (error as Error).message === 'terminated' ? 'reset' : 'network';
}

export function unreachableError(service: string, kind: NetworkErrorKind, target: CallTarget | null = null): AppError {
  // Without a target the words name no place, so the service's name says which one failed.
  const words = networkFailureWords(kind, target);
  return new AppError('UPSTREAM_UNREACHABLE', target ? `${words}.` : `${serviceLabel(service)} could not be reached: ${words.toLowerCase()}.`, { service });
}

/** The AppError for an upstream HTTP status. */
export function httpStatusError(service: string, status: number, retryAfterMs?: number): AppError {
  const label = serviceLabel(service);
  const extra = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 401 || status === 403) {
    return new AppError('AUTH_FAILED', `${label} rejected MediaNest's credentials (HTTP ${status}). Check the token or API key.`, {
      service,
      status,
    });
  }
  if (status === 429) {
    return new AppError('RATE_LIMITED', `${label} asked MediaNest to slow down (HTTP 429).`, { service, status, ...extra });
  }
  return new AppError('UPSTREAM_HTTP', `${label} answered with HTTP ${status}.`, { service, status, ...extra });
}

export function invalidResponseError(service: string, detail?: string): AppError {
  const suffix = detail ? ` (${detail})` : '';
  return new AppError('INVALID_RESPONSE', `${serviceLabel(service)} sent an answer MediaNest does not understand${suffix}.`, {
    service,
  });
}

/**
 * Maps anything a call threw to an AppError where we know what it means.
 * Unknown errors (bugs in a client) are returned unchanged so they surface as
 * INTERNAL rather than be mistaken for an outage.
 */
export function toUpstreamError(error: unknown, service: string, now: number, target: CallTarget | null = null): unknown {
  if (isAppError(error)) return error;
  if (error instanceof HTTPError) {
    const { response } = error;
    // Release the connection: an unread body keeps the keep-alive socket busy.
    void response.body?.cancel().catch(() => undefined);
    return httpStatusError(service, response.status, parseRetryAfter(response.headers.get('retry-after'), now));
  }
  if (error instanceof TimeoutError) {
    const message = target ? `${networkFailureWords('timeout', target)}.` : `${serviceLabel(service)} did not answer in time.`;
    return new AppError('UPSTREAM_TIMEOUT', message, { service });
  }
  if (error instanceof SyntaxError) return invalidResponseError(service, 'malformed JSON');
  if (error instanceof DOMException && error.name === 'AbortError') return cancelledError(service);
  const kind = networkErrorKind(error);
  if (kind === 'timeout') return new AppError('UPSTREAM_TIMEOUT', `${networkFailureWords('timeout', target)}.`, { service });
  if (kind) return unreachableError(service, kind, target);
  return error;
}

function code(error: unknown): AppError['code'] | undefined {
  return isAppError(error) ? error.code : undefined;
}

/** Availability failures: what the breaker counts. 4xx, auth and parse errors mean the service is up. */
export function countsAgainstBreaker(error: unknown): boolean {
  switch (code(error)) {
    case 'UPSTREAM_TIMEOUT':
    case 'UPSTREAM_UNREACHABLE':
      return true;
    case 'UPSTREAM_HTTP': {
      const status = (error as AppError).status ?? 0;
      return status >= 500 || status === 408;
    }
    default:
      return false;
  }
}

/** Worth another attempt: network errors, timeouts, 5xx, 408 and an upstream 429. Never an open breaker. */
export function isRetryable(error: unknown): boolean {
  if (countsAgainstBreaker(error)) return true;
  return code(error) === 'RATE_LIMITED' && (error as AppError).status === 429;
}

/** When a call fails this way, a fallback or stale cached value is better than nothing. */
export function canDegrade(error: unknown): boolean {
  switch (code(error)) {
    case 'CIRCUIT_OPEN':
    case 'BULKHEAD_FULL':
    case 'RATE_LIMITED':
    case 'INVALID_RESPONSE':
      return true;
    default:
      return countsAgainstBreaker(error);
  }
}
