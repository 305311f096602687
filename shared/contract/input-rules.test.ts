import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from './areas/settings';
import { ServiceTestRequestSchema } from './areas/services';
import { describeIssues } from './describe-issues';
import { secretValueProblem } from './secret-value';
import { BaseUrlSchema } from './service-settings';

const patchError = (patch: unknown): string => {
  const parsed = SettingsPatchSchema.safeParse(patch);
  if (parsed.success) throw new Error('expected the patch to be refused');
  return describeIssues(parsed.error.issues);
};

describe('secrets sent in headers', () => {
  it.each([
    ['abc\r\nX-Injected: 1', 'a line break'],
    ['abc\u0000def', 'a NUL character'],
    ['abc\tdef', 'a tab'],
    ['tökén', '“ö”'],
    ['abc\u007f', 'a control character (U+007F)'],
  ])('refuses %j, saying it holds %s and naming the field', (value, what) => {
    expect(patchError({ secrets: { 'plex.token': value } })).toBe(`secrets.plex.token: The Plex token holds ${what}, which cannot be sent; it may only hold letters, digits and punctuation.`);
  });

  it('refuses spaces at the ends and an empty value, by the field’s label', () => {
    expect(patchError({ secrets: { 'overseerr.apiKey': ' key' } })).toBe('secrets.overseerr.apiKey: The Overseerr API key starts or ends with a space; remove it.');
    expect(patchError({ secrets: { 'uptime-kuma.apiKey': '' } })).toBe('secrets.uptime-kuma.apiKey: The Uptime Kuma API key is empty.');
  });

  it('accepts printable ASCII (inner spaces and punctuation included) and null to delete', () => {
    expect(secretValueProblem('uk1_AbC-09.~!@#$%^&*()+=[]{}|;:,<>/? x', 'key')).toBeUndefined();
    expect(SettingsPatchSchema.parse({ secrets: { 'plex.token': 'abc-123', 'overseerr.apiKey': null } }).secrets).toEqual({ 'plex.token': 'abc-123', 'overseerr.apiKey': null });
  });

  it('applies to the secret typed for "Test" too', () => {
    const parsed = ServiceTestRequestSchema.safeParse({ service: 'overseerr', settings: { baseUrl: 'http://nas:5055' }, secret: 'key\n' });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!.issues)).toBe('secret: The Overseerr API key holds a line break, which cannot be sent; it may only hold letters, digits and punctuation.');
  });
});

describe('service addresses', () => {
  it.each([
    ['HTTP://NAS.Local:32400/', 'http://nas.local:32400'],
    ['http://nas:80/', 'http://nas'],
    ['https://Plex.Example:443/plex///', 'https://plex.example/plex'],
    ['  http://192.168.1.10:5055  ', 'http://192.168.1.10:5055'],
    ['', ''],
  ])('%j has one spelling: %j', (typed, stored) => {
    expect(BaseUrlSchema.parse(typed)).toBe(stored);
  });

  it.each([
    ['http://nas:32400?', /Leave out everything from "\?" or "#"/],
    ['http://nas:32400/#', /Leave out everything from "\?" or "#"/],
    ['http://nas:32400/?x=1', /Leave out everything from "\?" or "#"/],
    ['http://user:pass@nas:32400', /Leave the user name and password out of the address/],
    ['http://user@nas:32400', /Leave the user name and password out/],
    ['ftp://nas', /^Enter an address starting with http:\/\/ or https:\/\//],
    ['nas:32400', /^Enter an address starting with http:\/\/ or https:\/\//],
  ])('refuses %j in words', (typed, words) => {
    const parsed = BaseUrlSchema.safeParse(typed);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(words);
  });
});
