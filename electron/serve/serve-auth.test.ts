import { describe, expect, it } from 'vitest';
import { SERVE_COOKIE_NAME, createServeAuth, locationWithoutToken, readCookie, readHeaderToken } from './serve-auth';

const TOKEN = 'A'.repeat(43);
const url = (target: string): URL => new URL(`http://localhost${target}`);
const cookie = (value: string) => ({ cookie: `${SERVE_COOKIE_NAME}=${value}` });

describe('serve auth', () => {
  it('trades a valid ?token= for an HttpOnly SameSite=Strict cookie and the address without it', () => {
    const decision = createServeAuth(TOKEN).checkHttp(url(`/assets/a.js?x=1&token=${TOKEN}`), {});
    expect(decision).toMatchObject({ kind: 'exchange', location: '/assets/a.js?x=1' });
    if (decision.kind !== 'exchange') throw new Error('expected an exchange');
    expect(decision.setCookie).toContain(`${SERVE_COOKIE_NAME}=${TOKEN}`);
    expect(decision.setCookie).toMatch(/HttpOnly/);
    expect(decision.setCookie).toMatch(/SameSite=Strict/);
    expect(decision.setCookie).toMatch(/Path=\//);
  });

  it('refuses wrong or missing tokens and accepts the cookie', () => {
    const auth = createServeAuth(TOKEN);
    expect(auth.checkHttp(url('/?token=nope'), cookie(TOKEN))).toEqual({ kind: 'deny', reason: 'invalid' });
    expect(auth.checkHttp(url('/'), {})).toEqual({ kind: 'deny', reason: 'missing' });
    expect(auth.checkHttp(url('/'), cookie('nope'))).toEqual({ kind: 'deny', reason: 'missing' });
    expect(auth.checkHttp(url('/'), { cookie: `theme=dark; ${SERVE_COOKIE_NAME}=${TOKEN}` })).toEqual({ kind: 'allow' });
    expect(auth.checkUpgrade(cookie(TOKEN))).toBeUndefined();
    expect(auth.checkUpgrade({})).toBe('missing');
  });

  it('accepts the token in an Authorization: Bearer or X-MediaNest-Token header', () => {
    const auth = createServeAuth(TOKEN);
    expect(auth.checkHttp(url('/'), { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'allow' });
    expect(auth.checkHttp(url('/'), { authorization: `bearer  ${TOKEN} ` })).toEqual({ kind: 'allow' });
    expect(auth.checkHttp(url('/'), { 'x-medianest-token': TOKEN })).toEqual({ kind: 'allow' });
    expect(auth.checkUpgrade({ authorization: `Bearer ${TOKEN}` })).toBeUndefined();
    expect(auth.checkUpgrade({ authorization: 'Bearer nope' })).toBe('invalid');
    expect(auth.checkUpgrade({ authorization: `Basic ${TOKEN}`, ...cookie(TOKEN) })).toBe('invalid');
  });

  it('never redirects to another host', () => {
    expect(locationWithoutToken(url('//evil.example/x?token=1'))).toBe('/evil.example/x');
    expect(locationWithoutToken(url('/?token=1'))).toBe('/');
  });

  it('reads cookies and header tokens defensively', () => {
    expect(readCookie('a=1; b = 2 ;c', 'b')).toBe('2');
    expect(readCookie('garbage', 'b')).toBeUndefined();
    expect(readCookie(undefined, 'b')).toBeUndefined();
    expect(readHeaderToken({})).toBeUndefined();
    expect(readHeaderToken({ authorization: 'Bearer' })).toBe('');
    expect(readHeaderToken({ authorization: 'Bearer a b' })).toBe('');
  });
});
