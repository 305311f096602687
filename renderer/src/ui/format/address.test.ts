import { describe, expect, it } from 'vitest';
import { normalizeAddressInput } from './address';

describe('normalizeAddressInput', () => {
  it('adds http:// to host:port and bare hosts', () => {
    expect(normalizeAddressInput(' nas.local:5055 ')).toBe('http://nas.local:5055');
    expect(normalizeAddressInput('192.168.1.10:32400')).toBe('http://192.168.1.10:32400');
    expect(normalizeAddressInput('plex')).toBe('http://plex');
  });

  it('leaves addresses with a scheme, empty input and odd text for the core to judge', () => {
    expect(normalizeAddressInput('https://plex.example:443/')).toBe('https://plex.example:443/');
    expect(normalizeAddressInput('ftp://x')).toBe('ftp://x');
    expect(normalizeAddressInput('')).toBe('');
    expect(normalizeAddressInput('not a url')).toBe('not a url');
  });
});
