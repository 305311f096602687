/**
 * Text folding for the library index: the same function folds what is
 * indexed and what is typed, so "amelie" finds "Amélie", "lodz" finds "Łódź"
 * and "oya" finds "Øya". Unicode decomposition strips the marks; the letters
 * that have no decomposition (ø, ł, æ, ß…) are mapped by hand.
 */

const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ħ: 'h', ŧ: 't', ĸ: 'k', ŀ: 'l', ſ: 's',
  '’': "'", '‘': "'",
};
const EXTRA_PATTERN = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'g');
const MARKS = /\p{M}+/gu;

/** Lowercase, without diacritics, NFKC-compatible forms folded (full-width letters, ligatures). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(EXTRA_PATTERN, (char) => EXTRA_FOLDS[char] ?? char);
}

/** Words as FTS5's unicode61 tokenizer splits them: runs of letters and digits. */
export function queryTokens(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Every word a prefix, all required: `"silent"* "ri"*`. Quotes keep each token literal. */
export function prefixQuery(tokens: readonly string[]): string {
  return tokens.map((token) => `"${token}"*`).join(' ');
}

/** The folded title as sorted: Plex's titleSort when it has one (articles already dropped). */
export function sortKey(title: string, titleSort: string | undefined): string {
  return foldText(titleSort && titleSort.trim() !== '' ? titleSort : title.replace(/^(the|a|an)\s+/i, ''));
}

/** The smallest string greater than every string starting with `prefix` (for B-tree range scans). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
