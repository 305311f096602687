import { describe, expect, it } from 'vitest';
import type { ProbeReply } from './probe-http';
import { checkAddress, checkCredential, type CredentialWords, type ProgramCheck } from './probe-steps';

const BASE = 'http://192.168.1.10:5055';
const overseerr: ProgramCheck = {
  program: 'Overseerr',
  recognise: (body) => (typeof body === 'object' && body !== null && 'commitTag' in body ? 'Overseerr 1.34.0' : null),
};
const words: CredentialWords = { program: 'Overseerr', noun: 'API key', rejected: (status) => `rejected with ${status}` };

function reply(status: number, body = '', headers: { contentType?: string; location?: string } = {}): ProbeReply {
  return { kind: 'response', status, body, contentType: headers.contentType ?? 'application/json', location: headers.location ?? null };
}

const address = (r: ProbeReply) => checkAddress(r, '/api/v1/status', BASE, overseerr);

describe('checkAddress', () => {
  it("passes only the program's own JSON, and says what answered", () => {
    expect(address(reply(200, '{"version":"1.34.0","commitTag":"x"}'))).toEqual({ result: 'passed', httpStatus: 200, message: 'Answers as Overseerr 1.34.0' });
  });

  it('never passes a redirect, and names where it points without the host', () => {
    expect(address(reply(307, '', { location: '/login' })).message).toBe('This address does not answer as Overseerr (it redirected to /login)');
    expect(address(reply(302, '', { location: `${BASE}/dashboard` })).message).toBe('This address does not answer as Overseerr (it redirected to /dashboard)');
    expect(address(reply(301, '', { location: 'https://login.example.test/sso' })).message).toBe('This address does not answer as Overseerr (it redirected to another address)');
    expect(address(reply(304)).result).toBe('unhealthy');
  });

  it('tells a web page, JSON of another program and other text apart', () => {
    expect(address(reply(200, '<!DOCTYPE html><title>x</title>', { contentType: 'text/html' })).message).toBe('This address does not answer as Overseerr (it sent a web page)');
    expect(address(reply(200, '<html></html>', { contentType: '' })).message).toBe('This address does not answer as Overseerr (it sent a web page)');
    expect(address(reply(200, '{"type":"entryPage","entryPage":"dashboard"}')).message).toBe("This address does not answer as Overseerr (it answered with another program's data)");
    expect(address(reply(200, 'hello', { contentType: 'text/plain' })).message).toBe('This address does not answer as Overseerr (it sent something other than JSON)');
  });

  it('calls 5xx, 408 and 429 degraded and other 4xx unhealthy', () => {
    expect(address(reply(503))).toMatchObject({ result: 'degraded', httpStatus: 503 });
    expect(address(reply(429)).result).toBe('degraded');
    expect(address(reply(404))).toMatchObject({ result: 'unhealthy', message: 'This address does not answer as Overseerr (it has nothing at /api/v1/status)' });
    expect(address(reply(401)).message).toBe('This address does not answer as Overseerr (it asks for a sign-in first, HTTP 401)');
  });

  it('words a connection failure', () => {
    expect(address({ kind: 'refused' })).toEqual({ result: 'unhealthy', httpStatus: null, message: 'Connection refused by 192.168.1.10:5055' });
  });
});

describe('checkCredential', () => {
  it('passes a 2xx and uses the service words for 401 and 403', () => {
    expect(checkCredential(reply(200, '{}'), BASE, words)).toEqual({ result: 'passed', httpStatus: 200, message: 'Overseerr accepted the API key' });
    expect(checkCredential(reply(401), BASE, words)).toEqual({ result: 'unhealthy', httpStatus: 401, message: 'rejected with 401' });
    expect(checkCredential(reply(403), BASE, words).message).toBe('rejected with 403');
  });

  it('never passes a redirect and calls server trouble degraded', () => {
    expect(checkCredential(reply(302, '', { location: '/login' }), BASE, words).message).toBe('This address does not answer as Overseerr (it redirected to /login)');
    expect(checkCredential(reply(502), BASE, words)).toMatchObject({ result: 'degraded', message: 'Overseerr answered HTTP 502 while checking the API key' });
  });
});
