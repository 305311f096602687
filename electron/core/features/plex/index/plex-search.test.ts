import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestIndex, type TestIndex } from '../plex-test-support';
import type { PlexMetadata } from '../plex-schemas';
import { toIndexRow } from './plex-item-row';

function movie(ratingKey: string, title: string, extra: Partial<PlexMetadata> = {}): PlexMetadata {
  return { ratingKey, title, type: 'movie', year: 2001, addedAt: Number(ratingKey), updatedAt: 1, ...extra };
}

const library: PlexMetadata[] = [
  movie('1', 'Amélie', { originalTitle: "Le Fabuleux Destin d'Amélie Poulain", Role: [{ tag: 'Audrey Tautou' }] }),
  movie('2', 'The Silent River'),
  movie('3', 'Silence of the Night'),
  movie('4', 'Łódź Nights', { Genre: [{ tag: 'Drama' }] }),
  movie('5', 'Øya'),
  movie('6', 'Midnight Circus', { Director: [{ tag: 'Silvia Marsh' }] }),
  movie('7', 'Spirited Away', { originalTitle: '千と千尋の神隠し', year: 2001 }),
  movie('8', 'Kingdom of Winter', { year: 1994 }),
];

describe('library search', () => {
  let index: TestIndex;
  const titles = (query: string, limit = 20) => index.search.search(query, { limit }).map((item) => item.title);
  beforeEach(() => {
    index = openTestIndex();
    index.writer.setSections([{ key: '1', title: 'Movies', type: 'movie', agent: null, scanner: null, locations: [], updatedAt: 1, scannedAt: 1 }]);
    index.writer.upsert(library.map((metadata) => toIndexRow(metadata, '1')!));
  });
  afterEach(() => index.close());

  it('finds word prefixes, title matches first', () => {
    // "sil": two titles start with it, a director's name has it too; titles come first.
    expect(titles('sil')).toEqual(['Silence of the Night', 'The Silent River', 'Midnight Circus']);
    expect(titles('silent ri')).toEqual(['The Silent River']);
    expect(titles('kingdom win')).toEqual(['Kingdom of Winter']);
  });

  it('ignores accents and letters without decomposition (ø, ł) both ways', () => {
    expect(titles('amelie')).toEqual(['Amélie']);
    expect(titles('AMÉL')).toEqual(['Amélie']);
    expect(titles('lodz')).toEqual(['Łódź Nights']);
    expect(titles('oya')).toEqual(['Øya']);
  });

  it('finds substrings inside longer words (trigrams), original titles and people', () => {
    expect(titles('ighti')).toEqual([]);
    expect(titles('dnigh')).toEqual(['Midnight Circus']);
    expect(titles('poulain')).toEqual(['Amélie']);
    expect(titles('tautou')).toEqual(['Amélie']);
    expect(titles('千尋')).toEqual([]);
    expect(titles('千と千')).toEqual(['Spirited Away']);
    expect(titles('1994')).toEqual(['Kingdom of Winter']);
  });

  it('answers one character with a plain title-prefix look-up, and nothing for blank', () => {
    expect(titles('s')).toEqual(['Silence of the Night', 'Spirited Away']);
    expect(titles('   ')).toEqual([]);
  });

  it('keeps to the limit and to a section', () => {
    expect(titles('i', 1)).toHaveLength(0);
    expect(index.search.search('night', { limit: 1 })).toHaveLength(1);
    expect(index.search.search('night', { limit: 5, sectionKey: '2' })).toEqual([]);
  });
});
