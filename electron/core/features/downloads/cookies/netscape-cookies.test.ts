import { describe, expect, it } from 'vitest';
import { cookiesForSite, countCookies, cookieFileText, domainMatchesSite, normalizeSite } from './netscape-cookies';

describe('Netscape cookies.txt', () => {
  it('matches a cookie’s domain to a site, its subdomains and its parent domains, nothing else', () => {
    expect(domainMatchesSite('.youtube.com', 'youtube.com')).toBe(true);
    expect(domainMatchesSite('www.youtube.com', 'youtube.com')).toBe(true);
    expect(domainMatchesSite('.youtube.com', 'www.youtube.com')).toBe(true);
    expect(domainMatchesSite('notyoutube.com', 'youtube.com')).toBe(false);
    expect(domainMatchesSite('.com', 'youtube.com')).toBe(false);
    expect(domainMatchesSite('youtube.com.evil.example', 'youtube.com')).toBe(false);
  });

  it('normalises a site and refuses what is not a domain', () => {
    expect(normalizeSite(' .YouTube.com. ')).toBe('youtube.com');
    expect(normalizeSite('127.0.0.1')).toBe('127.0.0.1');
    expect(() => normalizeSite('-bad.com')).toThrow('Enter the site’s domain');
  });

  it('keeps HttpOnly cookies, skips comments and counts what it keeps', () => {
    const kept = cookiesForSite('# comment\n#HttpOnly_.vimeo.com\tTRUE\t/\tTRUE\t0\ta\tb\n.vimeo.com\tTRUE\t/\tFALSE\t0\tc\t\n', 'vimeo.com');
    expect(kept).toEqual({ lines: ['#HttpOnly_.vimeo.com\tTRUE\t/\tTRUE\t0\ta\tb', '.vimeo.com\tTRUE\t/\tFALSE\t0\tc\t'], total: 2 });
    expect(countCookies(cookieFileText(kept.lines))).toBe(2);
  });
});
