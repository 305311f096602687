import { describe, expect, it } from 'vitest';
import { callTarget } from '../upstream/upstream-errors';
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
    expect(classifyProbe(addressFailed(networkStep('timeout', callTarget('http://nas.local:5055'), 5_000)))).toMatchObject({ status: 'degraded', error: 'No answer from nas.local:5055 within 5 s' });
    expect(classifyProbe(addressFailed(networkStep('reset', callTarget('http://nas.local:5055'))))).toMatchObject({ status: 'degraded', error: 'nas.local:5055 closed the connection before answering' });
    expect(classifyProbe(addressFailed(networkStep('refused', callTarget('http://127.0.0.1:9'))))).toMatchObject({ status: 'unhealthy', error: 'Connection refused by 127.0.0.1:9' });
    expect(classifyProbe(addressFailed(networkStep('dns', callTarget('http://nas.local:5055'))))).toMatchObject({ status: 'unhealthy', error: 'The name nas.local could not be found' });
    expect(classifyProbe(addressFailed(networkStep('tls', callTarget('https://nas.local'))))).toMatchObject({ status: 'unhealthy', error: 'The certificate of nas.local is not trusted' });
  });
});
