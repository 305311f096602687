import { describe, expect, it } from 'vitest';
import { isWithin, toLocalPath, toPlexPath } from './path-mapping';

const mappings = [
  { plexPath: '/data', localPath: '/mnt/nas' },
  { plexPath: '/data/media/', localPath: '/srv/media' },
  { plexPath: 'D:\\Media', localPath: '/mnt/windows' },
];

describe('path mapping', () => {
  it('maps by the longest whole-folder prefix, both ways', () => {
    expect(toLocalPath('/data/media/Downloads/Chan', mappings)).toBe('/srv/media/Downloads/Chan');
    expect(toLocalPath('/data/other', mappings)).toBe('/mnt/nas/other');
    expect(toLocalPath('/data', mappings)).toBe('/mnt/nas');
    expect(toPlexPath('/srv/media/Downloads/Chan', mappings)).toBe('/data/media/Downloads/Chan');
  });

  it('keeps the other side’s separator (a Windows server)', () => {
    expect(toLocalPath('D:\\Media\\Downloads', mappings)).toBe('/mnt/windows/Downloads');
    expect(toPlexPath('/mnt/windows/Downloads/Chan', mappings)).toBe('D:\\Media\\Downloads\\Chan');
  });

  it('is the same path without a mapping, and never matches half a folder name', () => {
    expect(toLocalPath('/database/x', mappings)).toBe('/database/x');
    expect(toPlexPath('/home/me/Videos', [])).toBe('/home/me/Videos');
    expect(isWithin('/data2/x', '/data')).toBe(false);
    expect(isWithin('/data/x', '/data/')).toBe(true);
    expect(isWithin('/data', '/data')).toBe(true);
  });
});
