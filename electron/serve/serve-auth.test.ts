import { describe, expect, it } from 'vitest';
import { SERVE_COOKIE_NAME, createServeAuth, locationWithoutToken, readCookie } from './serve-auth';

const TOKEN = 'A'.repeat(43);
const url = (target: string): URL => new URL(`http://localhost${target}`);

describe('serve auth', () => {
  it('allows everything when no token is configured', () => {
    const auth = createServeAuth(undefined);
    expect(auth.required).toBe(false);
    expect(auth.checkHttp(url('/'), undefined)).toEqual({ kind: 'allow' });
    expect(auth.checkUpgrade(url('/ws'), undefined)).toBe(true);
  });

  it('trades a valid ?token= for an HttpOnly SameSite=Strict cookie and a clean redirect', () => {
    const decision = createServeAuth(TOKEN).checkHttp(url(`/assets/a.js?x=1&token=${TOKEN}`), undefined);
    expect(decision).toMatchObject({ kind: 'redirect', location: '/assets/a.js?x=1' });
    if (decision.kind !== 'redirect') throw new Error('expected a redirect');
    expect(decision.setCookie).toContain(`${SERVE_COOKIE_NAME}=${TOKEN}`);
    expect(decision.setCookie).toMatch(/HttpOnly/);
    expect(decision.setCookie).toMatch(/SameSite=Strict/);
    expect(decision.setCookie).toMatch(/Path=\//);
  });

  it('refuses wrong or missing tokens and accepts the cookie', () => {
    const auth = createServeAuth(TOKEN);
    expect(auth.checkHttp(url('/?token=nope'), `${SERVE_COOKIE_NAME}=${TOKEN}`)).toMatchObject({ kind: 'deny', status: 403 });
    expect(auth.checkHttp(url('/'), undefined)).toMatchObject({ kind: 'deny', status: 401 });
    expect(auth.checkHttp(url('/'), `${SERVE_COOKIE_NAME}=nope`)).toMatchObject({ kind: 'deny', status: 401 });
    expect(auth.checkHttp(url('/'), `theme=dark; ${SERVE_COOKIE_NAME}=${TOKEN}`)).toEqual({ kind: 'allow' });
    expect(auth.checkUpgrade(url('/ws'), `${SERVE_COOKIE_NAME}=${TOKEN}`)).toBe(true);
    expect(auth.checkUpgrade(url(`/ws?token=${TOKEN}`), undefined)).toBe(true);
    expect(auth.checkUpgrade(url('/ws?token=nope'), `${SERVE_COOKIE_NAME}=${TOKEN}`)).toBe(false);
    expect(auth.checkUpgrade(url('/ws'), undefined)).toBe(false);
  });

  it('never redirects to another host', () => {
    expect(locationWithoutToken(url('//evil.example/x?token=1'))).toBe('/evil.example/x');
    expect(locationWithoutToken(url('/?token=1'))).toBe('/');
  });

  it('reads cookies defensively', () => {
    expect(readCookie('a=1; b = 2 ;c', 'b')).toBe('2');
    expect(readCookie('garbage', 'b')).toBeUndefined();
    expect(readCookie(undefined, 'b')).toBeUndefined();
  });
});
