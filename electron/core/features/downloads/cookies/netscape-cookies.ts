/**
 * Netscape cookies.txt, the format browsers' "cookies.txt" exports and yt-dlp
 * (`--cookies`, Python's MozillaCookieJar) share: one cookie per line, seven
 * tab-separated fields (domain, include subdomains, path, secure, expiry,
 * name, value); `#` starts a comment except `#HttpOnly_`, which marks an
 * HttpOnly cookie. Errors name the line but never quote it: a line is a secret.
 */
import { AppError } from '../../../../../shared/contract/errors';

export const COOKIE_FILE_HEADER = '# Netscape HTTP Cookie File';

const HTTP_ONLY = '#HttpOnly_';
const BOOL = /^(TRUE|FALSE)$/i;
const DOMAIN = /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/i;
// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const LABEL = '[a-z0-9]([a-z0-9-]*[a-z0-9])?';
const SITE = new RegExp(`^${LABEL}(\\.${LABEL})*$`);

/** The site as stored and matched (lowercase, no leading or trailing dot), or throws when it is not a domain. */
export function normalizeSite(site: string): string {
  const normal = site.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
  if (normal.length === 0 || normal.length > 253 || !SITE.test(normal)) {
    throw new AppError('INVALID_PAYLOAD', 'Enter the site’s domain, e.g. youtube.com', { fields: [{ path: 'site', message: 'Enter the site’s domain, e.g. youtube.com' }] });
  }
  return normal;
}

/** Whether a cookie for `cookieDomain` is sent to `site` or one of its subdomains (and so is one of the site's). */
export function domainMatchesSite(cookieDomain: string, site: string): boolean {
  const domain = cookieDomain.toLowerCase().replace(/^\./, '');
  return domain === site || domain.endsWith(`.${site}`) || (domain.includes('.') && site.endsWith(`.${domain}`));
}

function invalid(message: string): AppError {
  return new AppError('INVALID_PAYLOAD', message, { fields: [{ path: 'content', message }] });
}

const EXPORT_AGAIN = 'Export the cookies again with a “cookies.txt” browser extension (Netscape format) and import that file.';

/** Why one cookie line is not one, or undefined when it is. */
function lineProblem(fields: readonly string[]): string | undefined {
  if (fields.length !== 7) return `has ${fields.length} field${fields.length === 1 ? '' : 's'} where a cookie has 7 separated by tabs`;
  const [domain, subdomains, path, secure, expiry, name] = fields as [string, string, string, string, string, string, string];
  if (!DOMAIN.test(domain.startsWith(HTTP_ONLY) ? domain.slice(HTTP_ONLY.length) : domain)) return 'does not start with a domain';
  if (!BOOL.test(subdomains)) return 'has something other than TRUE or FALSE in its second field';
  if (!path.startsWith('/')) return 'has a path that does not start with /';
  if (!BOOL.test(secure)) return 'has something other than TRUE or FALSE in its fourth field';
  if (!/^\d{1,12}$/.test(expiry)) return 'has an expiry that is not a number';
  if (name === '') return 'has a cookie without a name';
  if (fields.some((field) => CONTROL.test(field))) return 'has control characters in it';
  return undefined;
}

export interface SiteCookies {
  /** The cookie lines for the site, as they were. */
  readonly lines: readonly string[];
  /** How many cookie lines the file had in all. */
  readonly total: number;
}

/** Checks a whole cookies.txt and keeps the cookies of `site`; throws an AppError naming the first bad line. */
export function cookiesForSite(content: string, site: string): SiteCookies {
  const lines: string[] = [];
  let total = 0;
  const all = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < all.length; index++) {
    const line = all[index]!;
    if (line.trim() === '') continue;
    if (line.startsWith('#') && !line.startsWith(HTTP_ONLY)) continue;
    const problem = lineProblem(line.split('\t'));
    if (problem) throw invalid(`Line ${index + 1} is not a cookie: it ${problem}. ${EXPORT_AGAIN}`);
    total++;
    const domain = line.split('\t', 1)[0]!.replace(HTTP_ONLY, '');
    if (domainMatchesSite(domain, site)) lines.push(line);
  }
  if (total === 0) throw invalid(`There are no cookies in that file. ${EXPORT_AGAIN}`);
  if (lines.length === 0) {
    throw invalid(`None of the ${total} cookie${total === 1 ? '' : 's'} in that file ${total === 1 ? 'is' : 'are'} for ${site}: export them while signed in on ${site}, or enter the site they are for.`);
  }
  return { lines, total };
}

/** A cookies.txt of `lines`, as yt-dlp reads it. */
export function cookieFileText(lines: readonly string[]): string {
  return `${COOKIE_FILE_HEADER}\n${lines.join('\n')}\n`;
}

/** How many cookies a stored file holds. */
export function countCookies(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '' && (!line.startsWith('#') || line.startsWith(HTTP_ONLY))).length;
}
