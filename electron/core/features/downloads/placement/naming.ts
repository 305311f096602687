/**
 * File names for a download, by the destination section's agent, as a yt-dlp
 * output template relative to the destination folder. Titles and channels
 * come from the site, so they are sanitised here (no separators, no `..`, no
 * control characters, a byte cap per name, Windows-safe on request) and put in
 * the template literally (`%` escaped); only yt-dlp's own `id`, `ext` and
 * date fields are left for it to fill.
 */
import { resolve, sep } from 'node:path';
import { AppError } from '../../../../../shared/contract/errors';

/** How a section wants its files: Other Videos, music and movies by channel and title; TV shows by channel and date. */
export type NamingScheme = 'channel-title' | 'tv-date';

export const NAMING_WORDS: Readonly<Record<NamingScheme, string>> = {
  'channel-title': 'Channel/Title [id].ext',
  'tv-date': 'Channel/Season YYYY/Channel - sYYYYeMMDDNN - Title.ext',
};

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

export interface SanitizeOptions {
  readonly windowsSafe?: boolean;
  /** The cap in UTF-8 bytes (file systems allow 255 per name; the rest of the name needs room). */
  readonly maxBytes?: number;
  readonly fallback?: string;
}

/** Caps a string at `maxBytes` of UTF-8 without splitting a character. */
function capBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** One name for one folder or file part: what the site said, made safe to put on disk. */
export function sanitizeName(text: string, options: SanitizeOptions = {}): string {
  let name = text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[/\\]/g, '-');
  if (options.windowsSafe) name = name.replace(/[<>:"|?*]/g, '-');
  name = name.replace(/\.{2,}/g, '.').replace(/\s+/g, ' ').trim();
  // A leading dot hides the file (and Plex skips it); a trailing dot or space Windows drops.
  name = name.replace(/^[.\s-]+/, '').replace(/[.\s]+$/, '');
  name = capBytes(name, options.maxBytes ?? 150).replace(/[.\s]+$/, '');
  if (options.windowsSafe && WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name === '' ? (options.fallback ?? 'Untitled') : name;
}

const literal = (text: string): string => text.replace(/%/g, '%%');

export interface TemplateInput {
  readonly scheme: NamingScheme;
  readonly channel: string | null;
  readonly title: string;
  /** The item's place in the job, 1-based: the NN of a TV episode number (several on one day). */
  readonly number: number;
  readonly windowsSafe?: boolean;
}

/** The output template (relative, `/`-separated as yt-dlp wants) for one video. */
export function outputTemplate(input: TemplateInput): string {
  const safe = { windowsSafe: input.windowsSafe ?? false };
  const channel = sanitizeName(input.channel ?? '', { ...safe, maxBytes: 80, fallback: 'Unknown channel' });
  const title = sanitizeName(input.title, { ...safe, maxBytes: 150 });
  if (input.scheme === 'channel-title') return `${literal(channel)}/${literal(title)} [%(id)s].%(ext)s`;
  const nn = String(Math.min(Math.max(input.number, 1), 99)).padStart(2, '0');
  const year = '%(upload_date>%Y|0000)s';
  return `${literal(channel)}/Season ${year}/${literal(channel)} - s${year}e%(upload_date>%m%d|0000)s${nn} - ${literal(title)}.%(ext)s`;
}

/** Refuses a path that does not resolve inside `root` (a title climbing out, a link yt-dlp reported elsewhere). */
export function assertInside(root: string, path: string): string {
  const base = resolve(root);
  const full = resolve(base, path);
  if (full === base || !full.startsWith(base.endsWith(sep) ? base : `${base}${sep}`)) {
    throw new AppError('INVALID_PAYLOAD', `The file name would land outside the library folder (${base}); it was refused.`);
  }
  return full;
}

/** The template with yt-dlp's fields filled by stand-ins, to check where it can land before anything runs. */
export function assertTemplateInside(root: string, template: string): void {
  assertInside(root, template.replace(/%\([^)]*\)s/g, 'x').replace(/%%/g, '%'));
}
