import { describe, expect, it } from 'vitest';
import type { DownloadSection } from '../plex-library-port';
import { describeDestinations, MOVIE_WARNING, resolveTarget, stagingFolder } from './destinations';

const sections: DownloadSection[] = [
  { key: '1', title: 'Movies', type: 'movie', agent: 'tv.plex.agents.movie', locations: ['/data/Movies'] },
  { key: '2', title: 'TV', type: 'show', agent: 'tv.plex.agents.series', locations: ['/data/TV'] },
  { key: '3', title: 'Downloads', type: 'movie', agent: 'tv.plex.agents.none', locations: ['/data/Downloads'] },
  { key: '4', title: 'Music', type: 'artist', agent: 'tv.plex.agents.music', locations: ['/data/Music'] },
  { key: '5', title: 'Photos', type: 'photo', agent: null, locations: ['/data/Photos'] },
  { key: '6', title: 'Far away', type: 'movie', agent: 'tv.plex.agents.none', locations: ['/elsewhere/Clips'] },
];
const settings = { folder: '', stagingFolder: '', pathMappings: [{ plexPath: '/data', localPath: '/mnt/nas' }] };
const exists = (path: string) => path.startsWith('/mnt/nas/');

describe('destinations', () => {
  it('describes each section: naming by agent, folders both ways, and why not', () => {
    const list = describeDestinations(sections, settings, exists);
    const by = Object.fromEntries(list.map((destination) => [destination.sectionKey, destination]));
    expect(by['3']).toMatchObject({ naming: 'Channel/Title [id].ext', usable: true, note: null, plexLocations: ['/data/Downloads'], localLocations: ['/mnt/nas/Downloads'] });
    expect(by['2']).toMatchObject({ naming: 'Channel/Season YYYY/Channel - sYYYYeMMDDNN - Title.ext', usable: true });
    expect(by['1']).toMatchObject({ usable: true, note: MOVIE_WARNING });
    expect(by['4']).toMatchObject({ usable: true, audioOnly: true });
    expect(by['5']).toMatchObject({ usable: false, note: expect.stringMatching(/photo library/) });
    expect(by['6']).toMatchObject({ usable: false, localLocations: [null], note: expect.stringMatching(/add a path mapping/) });
  });

  it('resolves a job to its folders, staging beside the library folder', () => {
    const target = resolveTarget(sections, '3', 'best', settings, exists);
    expect(target).toMatchObject({ scheme: 'channel-title', root: '/mnt/nas/Downloads', staging: '/mnt/nas/.medianest-staging', warning: null });
    expect(target.toPlex('/mnt/nas/Downloads/Chan')).toBe('/data/Downloads/Chan');
    expect(resolveTarget(sections, '1', 'best', settings, exists).warning).toBe(MOVIE_WARNING);
    expect(resolveTarget(sections, '4', 'audio', settings, exists).root).toBe('/mnt/nas/Music');
    expect(resolveTarget(sections, '3', 'audio', settings, exists).root).toBe('/mnt/nas/Downloads');
  });

  it('uses the folder in Settings when it is inside the section, and refuses one outside every section', () => {
    expect(resolveTarget(sections, '3', 'best', { ...settings, folder: '/mnt/nas/Downloads/YouTube' }, exists).root).toBe('/mnt/nas/Downloads/YouTube');
    expect(() => resolveTarget(sections, '3', 'best', { ...settings, folder: '/home/me/Videos' }, exists)).toThrow(/outside every Plex library folder/);
  });

  it('refuses what a section cannot take, each with the reason', () => {
    expect(() => resolveTarget(sections, '', 'best', settings, exists)).toThrow(/Choose the Plex library/);
    expect(() => resolveTarget(sections, '99', 'best', settings, exists)).toThrow(/not on the server/);
    expect(() => resolveTarget(sections, '5', 'best', settings, exists)).toThrow(/photo library/);
    expect(() => resolveTarget(sections, '6', 'best', settings, exists)).toThrow(/path mapping/);
    expect(() => resolveTarget(sections, '4', 'best', settings, exists)).toThrow(/music library/);
    expect(() => resolveTarget(sections, '2', 'audio', settings, exists)).toThrow(/Audio-only downloads go to/);
  });

  it('keeps staging outside every library folder', () => {
    expect(() => stagingFolder('/mnt/nas/Downloads/.tmp', '/mnt/nas/Downloads', ['/mnt/nas/Downloads'])).toThrow(/inside the Plex folder/);
    expect(stagingFolder('/mnt/nas/tmp', '/mnt/nas/Downloads', ['/mnt/nas/Downloads'])).toBe('/mnt/nas/tmp');
    // A library folder inside another one: climb out of both.
    expect(stagingFolder('', '/media/All/Clips', ['/media/All', '/media/All/Clips'])).toBe('/media/.medianest-staging');
  });
});
