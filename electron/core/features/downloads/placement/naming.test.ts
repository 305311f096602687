import { describe, expect, it } from 'vitest';
import { assertInside, assertTemplateInside, outputTemplate, sanitizeName } from './naming';

describe('sanitizeName', () => {
  it('takes out separators, climbing, control characters and hiding dots', () => {
    expect(sanitizeName('../../etc/passwd')).toBe('etc-passwd');
    expect(sanitizeName('a\\b/c')).toBe('a-b-c');
    expect(sanitizeName('line\nbreak\u0007bell')).toBe('line break bell');
    expect(sanitizeName('...hidden.')).toBe('hidden');
    expect(sanitizeName('   ')).toBe('Untitled');
    expect(sanitizeName('..', { fallback: 'Unknown channel' })).toBe('Unknown channel');
  });

  it('makes Windows-safe names on request', () => {
    expect(sanitizeName('What? A: "test" <1>|*')).toBe('What? A: "test" <1>|*');
    expect(sanitizeName('What? A: "test" <1>|*', { windowsSafe: true })).toBe('What- A- -test- -1---');
    expect(sanitizeName('CON', { windowsSafe: true })).toBe('_CON');
    expect(sanitizeName('nul.txt', { windowsSafe: true })).toBe('_nul.txt');
  });

  it('caps the length in bytes without splitting a character', () => {
    const name = sanitizeName('é'.repeat(200), { maxBytes: 151 });
    expect(Buffer.byteLength(name)).toBe(150);
    expect(name).toBe('é'.repeat(75));
    expect(sanitizeName('😀'.repeat(100)).length).toBeLessThanOrEqual(150);
  });
});

describe('outputTemplate', () => {
  it('names Other Videos files by channel and title, the title literal', () => {
    expect(outputTemplate({ scheme: 'channel-title', channel: 'Lab/Channel', title: '100% real %(id)s', number: 1 })).toBe('Lab-Channel/100%% real %%(id)s [%(id)s].%(ext)s');
    expect(outputTemplate({ scheme: 'channel-title', channel: null, title: 'x', number: 1 })).toBe('Unknown channel/x [%(id)s].%(ext)s');
  });

  it('names TV files by channel and date', () => {
    expect(outputTemplate({ scheme: 'tv-date', channel: 'Chan', title: 'Ep', number: 3 })).toBe(
      'Chan/Season %(upload_date>%Y|0000)s/Chan - s%(upload_date>%Y|0000)se%(upload_date>%m%d|0000)s03 - Ep.%(ext)s',
    );
  });

  it('stays inside the folder whatever the title', () => {
    for (const title of ['../../x', '/abs', '..\\..\\y', '.', '%(title)s/../..']) {
      expect(() => assertTemplateInside('/lib', outputTemplate({ scheme: 'channel-title', channel: '..', title, number: 1 }))).not.toThrow();
    }
  });
});

describe('assertInside', () => {
  it('refuses a path that resolves outside the folder', () => {
    expect(assertInside('/lib', 'a/b.mp4')).toBe('/lib/a/b.mp4');
    expect(() => assertInside('/lib', '../etc/x')).toThrow(/outside the library folder/);
    expect(() => assertInside('/lib', '/etc/x')).toThrow(/outside/);
    expect(() => assertInside('/lib', '/lib2/x')).toThrow(/outside/);
    expect(() => assertInside('/lib', '.')).toThrow(/outside/);
    expect(() => assertTemplateInside('/lib', '../x [%(id)s].%(ext)s')).toThrow(/outside/);
  });
});
