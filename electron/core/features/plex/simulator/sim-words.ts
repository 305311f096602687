/**
 * Word lists for the simulator's generated library: titles in several scripts
 * and with accents, so search (prefix, accent-insensitive, substring) meets
 * what a real household library holds.
 */

export const ENGLISH_ADJECTIVES = [
  'Silent', 'Golden', 'Last', 'Lost', 'Secret', 'Iron', 'Paper', 'Glass', 'Wild', 'Broken', 'Hidden', 'Crimson',
  'Electric', 'Midnight', 'Distant', 'Burning', 'Frozen', 'Little', 'Endless', 'Restless', 'Quiet', 'Hollow',
  'Northern', 'Scarlet', 'Velvet', 'Savage', 'Gentle', 'Final', 'Eternal', 'Copper',
] as const;

export const ENGLISH_NOUNS = [
  'Night', 'River', 'Shadow', 'Garden', 'Winter', 'Empire', 'Ocean', 'Mountain', 'City', 'Dream', 'Storm', 'Echo',
  'Star', 'Heart', 'Road', 'Harbor', 'Kingdom', 'Signal', 'Horizon', 'Island', 'Lantern', 'Machine', 'Orchard',
  'Planet', 'Rain', 'Summit', 'Thunder', 'Valley', 'Voyage', 'Wolf', 'Letter', 'Mirror', 'Bridge', 'Station',
  'Desert', 'Forest', 'Comet', 'Circus', 'Tide', 'Witness',
] as const;

/** Latin-script words with diacritics (French, German, Spanish, Portuguese, Nordic, Polish, Czech, Turkish, Vietnamese). */
export const ACCENTED_WORDS = [
  'Amélie', 'Léon', 'Château', 'Cœur', 'Éclair', 'Forêt', 'Été', 'Rêve', 'Naïve', 'Fiancée', 'Crème', 'Café',
  'Déjà', 'Garçon', 'Über', 'Straße', 'Mädchen', 'Grün', 'Schön', 'Fräulein', 'Niño', 'Corazón', 'Canción',
  'Mañana', 'Señor', 'São', 'Coração', 'Ação', 'Smørrebrød', 'Ærø', 'Fjörður', 'Ångström', 'Øya', 'Łódź',
  'Źródło', 'Příběh', 'Čas', 'Żółw', 'Świt', 'Güneş', 'Çiçek', 'Hà Nội', 'Tiếng', 'Noël', 'Brontë', 'Mötley',
] as const;

/** Native titles in other scripts, each with an English title for the `title` field. */
export const FOREIGN_TITLES: readonly (readonly [native: string, english: string])[] = [
  ['Война и мир', 'War and Peace'],
  ['Солярис', 'Solaris'],
  ['Сталкер', 'Stalker'],
  ['Левиафан', 'Leviathan'],
  ['Брат', 'Brother'],
  ['Οδύσσεια', 'Odyssey'],
  ['Θάλασσα', 'The Sea'],
  ['千と千尋の神隠し', 'Spirited Away'],
  ['君の名は', 'Your Name'],
  ['となりのトトロ', 'My Neighbor Totoro'],
  ['もののけ姫', 'Princess Mononoke'],
  ['東京物語', 'Tokyo Story'],
  ['卧虎藏龙', 'Crouching Tiger, Hidden Dragon'],
  ['花样年华', 'In the Mood for Love'],
  ['霸王别姬', 'Farewell My Concubine'],
  ['英雄', 'Hero'],
  ['기생충', 'Parasite'],
  ['올드보이', 'Oldboy'],
  ['괴물', 'The Host'],
  ['아가씨', 'The Handmaiden'],
  ['القاهرة', 'Cairo'],
  ['ليلة', 'One Night'],
  ['ירושלים', 'Jerusalem'],
  ['दिलवाले', 'Dilwale'],
  ['शोले', 'Sholay'],
  ['Il buono, il brutto, il cattivo', 'The Good, the Bad and the Ugly'],
];

export const GENRES = [
  'Action', 'Adventure', 'Animation', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Family', 'Fantasy', 'History',
  'Horror', 'Music', 'Mystery', 'Romance', 'Science Fiction', 'Thriller', 'War', 'Western',
] as const;

export const FIRST_NAMES = [
  'José', 'François', 'Søren', 'Zoë', 'Björk', 'Łukasz', 'Ólafur', 'Chloé', 'Renée', 'Jürgen', 'Ana', 'Mei',
  'Hiroshi', 'Aiko', 'Dmitri', 'Olga', 'Priya', 'Ravi', 'Grace', 'Tom', 'Emma', 'Liam', 'Noah', 'Sofia', 'Mateo',
  'Isabel', 'Kwame', 'Amara', 'Yuki', 'Lars',
] as const;

export const LAST_NAMES = [
  'García', 'Müller', 'Novák', 'Lefèvre', 'Sørensen', 'Kowalski', 'Tanaka', 'Kim', 'Ivanov', 'Rossi', 'Smith',
  'Okafor', 'Nguyễn', 'Gonçalves', 'Björnsson', 'Dubois', 'Chen', 'Patel', 'O’Brien', 'Andersson', 'Moreau',
  'Yılmaz', 'Haddad', 'Cohen', 'Silva',
] as const;

export const CONTENT_RATINGS = ['G', 'PG', 'PG-13', 'R', 'TV-MA', 'TV-14', 'NR'] as const;
