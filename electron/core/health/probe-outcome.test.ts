import { describe, expect, it } from 'vitest';
import { classifyProbe } from './probe-outcome';

describe('classifyProbe', () => {
  const status = (httpStatus: number): string => classifyProbe({ kind: 'response', httpStatus }).status;

  it('calls 2xx and 3xx healthy', () => {
    expect([200, 204, 301, 302, 304].map(status)).toEqual(['healthy', 'healthy', 'healthy', 'healthy', 'healthy']);
  });

  it('calls timeouts, resets, 5xx, 408 and 429 degraded', () => {
    expect(classifyProbe({ kind: 'timeout' }).status).toBe('degraded');
    expect(classifyProbe({ kind: 'reset' }).status).toBe('degraded');
    expect([500, 502, 503, 408, 429].map(status)).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'degraded']);
  });

  it('calls 401/403, refused, DNS and other 4xx unhealthy', () => {
    expect(classifyProbe({ kind: 'response', httpStatus: 401 })).toEqual({
      status: 'unhealthy',
      httpStatus: 401,
      error: 'Credentials rejected (HTTP 401)',
    });
    expect(status(403)).toBe('unhealthy');
    expect(status(404)).toBe('unhealthy');
    expect(classifyProbe({ kind: 'refused' }).status).toBe('unhealthy');
    expect(classifyProbe({ kind: 'dns' }).status).toBe('unhealthy');
  });
});
