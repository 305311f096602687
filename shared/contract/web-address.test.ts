import { describe, expect, it } from 'vitest';
import { isWebAddress } from './web-address';

describe('isWebAddress', () => {
  it('takes http and https addresses only', () => {
    expect(isWebAddress('https://app.plex.tv/desktop#!/server/abc')).toBe(true);
    expect(isWebAddress('http://192.168.1.10:32400/web')).toBe(true);
    for (const value of ['javascript:alert(1)', 'file:///etc/passwd', 'medianest://app/index.html', 'not a url', '', null, undefined]) expect(isWebAddress(value)).toBe(false);
  });
});
