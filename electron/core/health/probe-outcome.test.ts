import { describe, expect, it } from 'vitest';
import { addressFailed, classifyProbe, failed, networkStep, passed, skipped } from './probe-outcome';

describe('classifyProbe', () => {
  it('is healthy only when the address passed and the credential passed or was skipped', () => {
    expect(classifyProbe({ address: passed('Answers as Plex', 200), credential: passed('Accepted', 200) })).toEqual({ status: 'healthy', httpStatus: 200, error: null });
    expect(classifyProbe({ address: passed('Answers as Uptime Kuma', 200), credential: skipped('No API key') })).toEqual({ status: 'healthy', httpStatus: 200, error: null });
  });

  it('reports the failing step, the address step first', () => {
    expect(classifyProbe(addressFailed(failed('unhealthy', 'This address does not answer as Overseerr (it redirected to /login)', 307)))).toEqual({
      status: 'unhealthy',
      httpStatus: 307,
      error: 'This address does not answer as Overseerr (it redirected to /login)',
    });
    expect(classifyProbe({ address: passed('Answers as Plex', 200), credential: failed('unhealthy', 'Plex rejected the token: sign in again', 401) })).toEqual({
      status: 'unhealthy',
      httpStatus: 401,
      error: 'Plex rejected the token: sign in again',
    });
    expect(classifyProbe({ address: passed('Answers', 200), credential: failed('degraded', 'HTTP 503 while checking', 503) }).status).toBe('degraded');
  });

  it('words network failures, degraded when the service is there but struggling', () => {
    expect(classifyProbe(addressFailed(networkStep('timeout')))).toMatchObject({ status: 'degraded', error: 'Did not answer in time' });
    expect(classifyProbe(addressFailed(networkStep('reset')))).toMatchObject({ status: 'degraded', error: 'Connection dropped' });
    expect(classifyProbe(addressFailed(networkStep('refused')))).toMatchObject({ status: 'unhealthy', error: 'Connection refused' });
    expect(classifyProbe(addressFailed(networkStep('dns')))).toMatchObject({ status: 'unhealthy', error: 'Address not found' });
  });
});
