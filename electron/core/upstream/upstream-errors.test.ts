import { HTTPError } from 'ky';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { createLatencyWindow } from '../gateway/latency-window';
import { parseResponse } from './parse-response';
import { callTarget, canDegrade, countsAgainstBreaker, isRetryable, networkErrorKind, networkFailureWords, toUpstreamError } from './upstream-errors';

function httpError(status: number, headers: Record<string, string> = {}): HTTPError {
  const request = new Request('http://plex.local/identity', { headers: { 'X-Plex-Token': 'sekrit' } });
  return new HTTPError(new Response('{}', { status, headers }), request, {} as never);
}

function fetchFailure(code: string, message = 'fetch failed'): TypeError {
  return new TypeError(message, { cause: Object.assign(new Error(code), { code }) });
}

describe('toUpstreamError', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('maps HTTP statuses to typed errors with the service', () => {
    expect((toUpstreamError(httpError(401), 'plex', now) as AppError).toJSON()).toMatchObject({ code: 'AUTH_FAILED', status: 401, service: 'plex' });
    expect((toUpstreamError(httpError(403), 'plex', now) as AppError).code).toBe('AUTH_FAILED');
    expect((toUpstreamError(httpError(503), 'plex', now) as AppError).toJSON()).toMatchObject({ code: 'UPSTREAM_HTTP', status: 503 });
    expect((toUpstreamError(httpError(429, { 'retry-after': '3' }), 'plex', now) as AppError).toJSON()).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfterMs: 3_000,
    });
  });

  it('never carries the request (or its token) into the error', () => {
    const error = toUpstreamError(httpError(500), 'plex', now) as AppError;
    expect(JSON.stringify(error)).not.toContain('sekrit');
    expect(error.message).not.toContain('sekrit');
    expect(error.cause).toBeUndefined();
  });

  it('maps malformed JSON, network failures and aborts', () => {
    expect((toUpstreamError(new SyntaxError('Unexpected token'), 'plex', now) as AppError).code).toBe('INVALID_RESPONSE');
    expect((toUpstreamError(fetchFailure('ECONNREFUSED'), 'plex', now) as AppError).toJSON()).toMatchObject({
      code: 'UPSTREAM_UNREACHABLE',
      message: expect.stringContaining('connection refused'),
    });
    expect((toUpstreamError(new DOMException('aborted', 'AbortError'), 'plex', now) as AppError).code).toBe('CANCELLED');
    const bug = new RangeError('a bug');
    expect(toUpstreamError(bug, 'plex', now)).toBe(bug);
  });

  it('says what happened and where, keeping the code', () => {
    const target = callTarget('http://plex.local:32400/');
    const word = (error: unknown): object => (toUpstreamError(error, 'plex', now, target) as AppError).toJSON();
    expect(word(fetchFailure('ECONNREFUSED'))).toEqual({ code: 'UPSTREAM_UNREACHABLE', service: 'plex', message: 'Connection refused by plex.local:32400.' });
    expect(word(fetchFailure('ENOTFOUND'))).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', message: 'The name plex.local could not be found.' });
    expect(word(fetchFailure('DEPTH_ZERO_SELF_SIGNED_CERT'))).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', message: 'The certificate of plex.local is not trusted.' });
    expect(word(fetchFailure('UND_ERR_CONNECT_TIMEOUT'))).toMatchObject({ code: 'UPSTREAM_TIMEOUT', message: 'No answer from plex.local:32400 in time.' });
    expect(networkFailureWords('timeout', callTarget('http://127.0.0.1:9'), 5_000)).toBe('No answer from 127.0.0.1:9 within 5 s');
    expect(networkFailureWords('dns', callTarget('https://nas.local'))).toBe('The name nas.local could not be found');
    // fetch's own refusal of reserved ports names no code, only its message.
    expect(networkErrorKind(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe('port');
    expect(networkFailureWords('port', callTarget('http://127.0.0.1:9'))).toMatch(/^MediaNest does not connect to 127\.0\.0\.1:9: that port is reserved/);
  });

  it('never puts more of the address than host and port into words', () => {
    const target = callTarget('http://user:pw@plex.local:32400/secret-path/');
    expect(target).toEqual({ hostPort: 'plex.local:32400', host: 'plex.local' });
    expect(callTarget('')).toBeNull();
    expect(callTarget('not a url')).toBeNull();
    expect((toUpstreamError(fetchFailure('ECONNREFUSED'), 'plex', now) as AppError).message).toBe('Plex could not be reached: connection refused.');
  });

  it('classifies network failures by their cause codes', () => {
    expect(networkErrorKind(fetchFailure('ECONNREFUSED'))).toBe('refused');
    expect(networkErrorKind(fetchFailure('ENOTFOUND'))).toBe('dns');
    expect(networkErrorKind(fetchFailure('UND_ERR_SOCKET'))).toBe('reset');
    expect(networkErrorKind(fetchFailure('ECONNRESET'))).toBe('reset');
    expect(networkErrorKind(fetchFailure('UND_ERR_CONNECT_TIMEOUT'))).toBe('timeout');
    expect(networkErrorKind(new TypeError('terminated'))).toBe('reset');
    expect(networkErrorKind(new TypeError('fetch failed'))).toBe('network');
    expect(networkErrorKind(new TypeError('x is not a function'))).toBeUndefined();
  });
});

describe('error policy', () => {
  const e = (code: AppError['code'], status?: number): AppError => new AppError(code, code, status === undefined ? {} : { status });

  it('counts only availability failures against the breaker', () => {
    expect(countsAgainstBreaker(e('UPSTREAM_TIMEOUT'))).toBe(true);
    expect(countsAgainstBreaker(e('UPSTREAM_UNREACHABLE'))).toBe(true);
    expect(countsAgainstBreaker(e('UPSTREAM_HTTP', 502))).toBe(true);
    expect(countsAgainstBreaker(e('UPSTREAM_HTTP', 408))).toBe(true);
    expect(countsAgainstBreaker(e('UPSTREAM_HTTP', 404))).toBe(false);
    expect(countsAgainstBreaker(e('AUTH_FAILED', 401))).toBe(false);
    expect(countsAgainstBreaker(e('INVALID_RESPONSE'))).toBe(false);
    expect(countsAgainstBreaker(e('CANCELLED'))).toBe(false);
  });

  it('retries network errors, timeouts, 5xx, 408 and upstream 429, never an open breaker', () => {
    expect(isRetryable(e('UPSTREAM_HTTP', 500))).toBe(true);
    expect(isRetryable(e('RATE_LIMITED', 429))).toBe(true);
    expect(isRetryable(e('RATE_LIMITED'))).toBe(false); // our own limiter
    expect(isRetryable(e('CIRCUIT_OPEN'))).toBe(false);
    expect(isRetryable(e('AUTH_FAILED', 403))).toBe(false);
    expect(isRetryable(e('UPSTREAM_HTTP', 400))).toBe(false);
  });

  it('degrades to stale data on outages, not on auth errors, 4xx or cancellation', () => {
    expect(canDegrade(e('CIRCUIT_OPEN'))).toBe(true);
    expect(canDegrade(e('BULKHEAD_FULL'))).toBe(true);
    expect(canDegrade(e('UPSTREAM_HTTP', 503))).toBe(true);
    expect(canDegrade(e('INVALID_RESPONSE'))).toBe(true);
    expect(canDegrade(e('AUTH_FAILED', 401))).toBe(false);
    expect(canDegrade(e('UPSTREAM_HTTP', 404))).toBe(false);
    expect(canDegrade(e('CANCELLED'))).toBe(false);
    expect(canDegrade(e('SERVICE_DISABLED'))).toBe(false);
  });
});

describe('parseResponse', () => {
  const Identity = z.object({ MediaContainer: z.object({ machineIdentifier: z.string() }) });

  it('returns the parsed body', () => {
    expect(parseResponse(Identity, { MediaContainer: { machineIdentifier: 'abc' } }, 'plex')).toEqual({
      MediaContainer: { machineIdentifier: 'abc' },
    });
  });

  it('throws INVALID_RESPONSE naming fields, not values', () => {
    let error: AppError | undefined;
    try {
      parseResponse(Identity, { MediaContainer: { machineIdentifier: 42, secretish: 'tok-123' } }, 'plex');
    } catch (caught) {
      error = caught as AppError;
    }
    expect(error?.toJSON()).toMatchObject({ code: 'INVALID_RESPONSE', service: 'plex' });
    expect(error?.message).toContain('MediaContainer.machineIdentifier');
    expect(error?.message).not.toContain('42');
  });
});

describe('createLatencyWindow', () => {
  it('reports nearest-rank percentiles over the last N samples only', () => {
    const window = createLatencyWindow(4);
    expect(window.percentile(50)).toBeNull();
    for (const ms of [1000, 1000, 1, 2, 3, 4]) window.record(ms);
    expect(window.size).toBe(4);
    expect(window.percentile(50)).toBe(2);
    expect(window.percentile(95)).toBe(4);
  });
});
