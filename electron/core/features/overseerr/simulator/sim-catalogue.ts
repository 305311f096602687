/**
 * The titles the Overseerr simulator knows (what TMDB would answer through
 * it): a few hand-made ones for the demo, then generated movies and shows
 * with stable ids, so tests can request a hundred distinct titles.
 */
export interface SimSeason {
  readonly seasonNumber: number;
  readonly episodeCount: number;
  readonly airDate: string;
}

export interface SimTitle {
  readonly mediaType: 'movie' | 'tv';
  readonly tmdbId: number;
  readonly tvdbId: number | null;
  readonly imdbId: string | null;
  readonly title: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly overview: string;
  /** As TMDB gives it: a file name with a leading slash. */
  readonly posterPath: string;
  /** Shows only; season 0 holds specials, as on TMDB. */
  readonly seasons: readonly SimSeason[];
}

export interface SimCatalogueOptions {
  /** Generated movies beyond the hand-made ones (default 200). */
  readonly movies?: number;
  /** Generated shows (default 20). */
  readonly shows?: number;
  /** Extra titles, e.g. ones the demo's Plex library also has. */
  readonly extra?: readonly SimTitle[];
}

const ADJECTIVES = ['Silent', 'Crimson', 'Hidden', 'Northern', 'Golden', 'Broken', 'Electric', 'Wandering', 'Last', 'Distant', 'Paper', 'Iron', 'Velvet', 'Hollow', 'Burning', 'Quiet', 'Frozen', 'Midnight', 'Lucky', 'Glass'];
const NOUNS = ['Harbor', 'Orchard', 'Signal', 'Lantern', 'Meridian', 'Garden', 'Frontier', 'Compass', 'Archive', 'Tide', 'Summit', 'Engine', 'Mirror', 'Comet', 'Voyage', 'Canyon', 'Atlas', 'Echo', 'Island', 'Parade'];

/** Movies start here, shows at SHOW_BASE: far from the ids the demo's Plex library uses. */
export const MOVIE_BASE = 300_000;
export const SHOW_BASE = 400_000;

const HAND_MADE: readonly SimTitle[] = [
  movie(603_001, 'The Lighthouse Keeper', '2019-10-18', 'A keeper and his apprentice wait out a storm that will not end.'),
  movie(603_002, 'Paper Moons', '2021-04-02', 'Two rival kite makers enter the same festival.'),
  movie(603_003, 'The Long Way Round (Again)', '2023-08-11', 'A road trip, a broken van and a dog called Brakes.'),
  show(603_101, 'Harbour Lights', '2018-09-01', 'A coastal town keeps its secrets one season at a time.', [8, 8, 10]),
  show(603_102, 'Kitchen Table', '2020-01-15', 'A family cooks its way through a year.', [6, 6]),
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function movie(tmdbId: number, title: string, date: string, overview: string): SimTitle {
  return { mediaType: 'movie', tmdbId, tvdbId: null, imdbId: `tt${pad(tmdbId, 7)}`, title, date, overview, posterPath: `/m${tmdbId}.png`, seasons: [] };
}

function show(tmdbId: number, title: string, date: string, overview: string, episodes: readonly number[]): SimTitle {
  const year = Number(date.slice(0, 4));
  const seasons = [{ seasonNumber: 0, episodeCount: 2, airDate: date }, ...episodes.map((episodeCount, index) => ({ seasonNumber: index + 1, episodeCount, airDate: `${year + index}-${date.slice(5)}` }))];
  return { mediaType: 'tv', tmdbId, tvdbId: tmdbId + 500_000, imdbId: `tt${pad(tmdbId, 7)}`, title, date, overview, posterPath: `/t${tmdbId}.png`, seasons };
}

/** The nth generated name: every adjective with every noun before any repeats. */
function generatedName(n: number): string {
  const adjective = ADJECTIVES[n % ADJECTIVES.length]!;
  const noun = NOUNS[Math.floor(n / ADJECTIVES.length) % NOUNS.length]!;
  const round = Math.floor(n / (ADJECTIVES.length * NOUNS.length));
  return `The ${adjective} ${noun}${round > 0 ? ` ${round + 1}` : ''}`;
}

export function createSimCatalogue(options: SimCatalogueOptions = {}): ReadonlyMap<string, SimTitle> {
  const titles: SimTitle[] = [...HAND_MADE];
  for (let i = 0; i < (options.movies ?? 200); i++) {
    titles.push(movie(MOVIE_BASE + i + 1, generatedName(i), `${1990 + (i % 35)}-${pad((i % 12) + 1, 2)}-${pad((i % 27) + 1, 2)}`, `Generated film number ${i + 1}.`));
  }
  for (let i = 0; i < (options.shows ?? 20); i++) {
    const seasons = Array.from({ length: (i % 5) + 1 }, (_, s) => 6 + ((i + s) % 7));
    titles.push(show(SHOW_BASE + i + 1, `${generatedName(i + 7)} Chronicles`, `${2000 + (i % 24)}-0${(i % 9) + 1}-15`, `Generated series number ${i + 1}.`, seasons));
  }
  titles.push(...(options.extra ?? []));
  return new Map(titles.map((title) => [titleKey(title.mediaType, title.tmdbId), title]));
}

export function titleKey(mediaType: 'movie' | 'tv', tmdbId: number): string {
  return `${mediaType}:${tmdbId}`;
}

/** Seasons a request for "all" means: every season but the specials. */
export function requestableSeasons(title: SimTitle): number[] {
  return title.seasons.filter((season) => season.seasonNumber > 0).map((season) => season.seasonNumber);
}
