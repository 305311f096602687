/**
 * Paths as the Plex server sees them ↔ as this computer sees them, from
 * `settings.downloads.pathMappings` (a NAS's `/data/media` is `/mnt/nas/media`
 * here). The longest matching prefix wins; no match is the same path on both
 * sides. Prefixes match whole folder names only, and the separator follows
 * the side being written (a Windows server keeps its backslashes).
 */

export interface PathMapping {
  readonly plexPath: string;
  readonly localPath: string;
}

const trimEnd = (path: string): string => (path.length > 1 ? path.replace(/[\\/]+$/, '') : path);
const separatorOf = (path: string): '/' | '\\' => (path.includes('\\') && !path.includes('/') ? '\\' : '/');

/** Whether `path` is `folder` or below it (folder names compared whole; `/` and `\` alike). */
export function isWithin(path: string, folder: string): boolean {
  const base = trimEnd(folder).replace(/\\/g, '/');
  const target = trimEnd(path).replace(/\\/g, '/');
  if (base === '/') return target.startsWith('/');
  return target === base || target.startsWith(`${base}/`);
}

function translate(path: string, pairs: readonly (readonly [from: string, to: string])[]): string {
  let best: readonly [string, string] | undefined;
  for (const pair of pairs) if (isWithin(path, pair[0]) && (!best || trimEnd(pair[0]).length > trimEnd(best[0]).length)) best = pair;
  if (!best) return path;
  const [from, to] = best;
  const rest = trimEnd(path).slice(trimEnd(from).length).replace(/^[\\/]+/, '');
  if (rest === '') return trimEnd(to);
  const separator = separatorOf(to);
  return `${trimEnd(to)}${separator}${rest.split(/[\\/]+/).join(separator)}`;
}

export function toLocalPath(plexPath: string, mappings: readonly PathMapping[]): string {
  return translate(plexPath, mappings.map((mapping) => [mapping.plexPath, mapping.localPath] as const));
}

export function toPlexPath(localPath: string, mappings: readonly PathMapping[]): string {
  return translate(localPath, mappings.map((mapping) => [mapping.localPath, mapping.plexPath] as const));
}
