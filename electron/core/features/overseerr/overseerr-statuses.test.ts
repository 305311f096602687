import { describe, expect, it } from 'vitest';
import { encodeSearchQuery, isUrlEncodedQueryValue } from './overseerr-query';
import { mediaAvailability, mediaStatusFromName, requestState } from './overseerr-statuses';

describe('Overseerr status codes', () => {
  it('maps media statuses and keeps codes it does not know', () => {
    expect([1, 2, 3, 4, 5].map((code) => mediaAvailability(code).value)).toEqual(['none', 'pending', 'processing', 'partially-available', 'available']);
    expect(mediaAvailability(undefined)).toEqual({ value: 'none', unknownCode: null });
    // Seerr v3's BLOCKLISTED and DELETED, and anything newer.
    expect([6, 7, 42].map((code) => mediaAvailability(code))).toEqual([
      { value: 'unknown', unknownCode: 6 },
      { value: 'unknown', unknownCode: 7 },
      { value: 'unknown', unknownCode: 42 },
    ]);
  });

  it('takes a request state from the request, and progress from its media', () => {
    expect(requestState(1, 2).value).toBe('pending');
    expect(requestState(2, 2).value).toBe('approved');
    expect(requestState(2, 3).value).toBe('processing');
    expect(requestState(2, 4).value).toBe('partially-available');
    expect(requestState(2, 5).value).toBe('available');
    // Declined and failed are the request's own, whatever the media says.
    expect(requestState(3, 5).value).toBe('declined');
    expect(requestState(4, 3).value).toBe('failed');
    // Seerr's COMPLETED.
    expect(requestState(5, 1).value).toBe('available');
    expect(requestState(9, 5)).toEqual({ value: 'unknown', unknownCode: 9 });
    expect(requestState(2, 7)).toEqual({ value: 'unknown', unknownCode: 7 });
  });

  it("reads the webhook's status names", () => {
    expect(mediaStatusFromName('AVAILABLE')).toBe(5);
    expect(mediaStatusFromName('PARTIALLY_AVAILABLE')).toBe(4);
    expect(mediaStatusFromName('BLOCKLISTED')).toBeUndefined();
  });
});

describe('search query encoding', () => {
  it("percent-encodes what encodeURIComponent leaves and Overseerr's validator refuses", () => {
    expect(encodeSearchQuery("Amélie (2001)! it's *new*")).toBe('Am%C3%A9lie%20%282001%29%21%20it%27s%20%2Anew%2A');
    for (const query of ['a+b', 'c&d=e', 'x/y?', '#1', 'o;k', "don't", 'tilde~dash-dot.under_']) expect(isUrlEncodedQueryValue(encodeSearchQuery(query))).toBe(true);
    expect(isUrlEncodedQueryValue('Paper+Moons')).toBe(false);
    expect(isUrlEncodedQueryValue('(2001)')).toBe(false);
  });
});
