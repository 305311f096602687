/**
 * Imported cookies, one file per site (`<dir>/<site>.txt`), kept like
 * secrets: the folder 0700, each file 0600, nothing of them logged or sent
 * back. Each download gets its own 0600 copy, since yt-dlp rewrites the
 * cookie file it was given when it exits; the caller deletes it after the job.
 */
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CookieSiteSchema } from '../../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../../shared/contract/errors';
import { cookieFileText, cookiesForSite, countCookies, normalizeSite } from './netscape-cookies';

export type CookieSite = z.infer<typeof CookieSiteSchema>;

export interface CookieStoreDeps {
  /** `<dataDir>/downloads/cookies`. */
  readonly dir: string;
}

/** One job's copy of a site's cookies. */
export interface JobCookies {
  readonly site: string;
  /** The copy to pass as `--cookies`. */
  readonly path: string;
  /** Deletes the copy (after the job, whatever its end). */
  remove(): Promise<void>;
}

export interface CookieStore {
  /** Checks `content` (Netscape format), keeps the lines for `site` and replaces what was stored for it. */
  import(site: string, content: string): Promise<CookieSite[]>;
  list(): Promise<CookieSite[]>;
  remove(site: string): Promise<CookieSite[]>;
  /** The stored site whose cookies belong to `url` (its host or a parent domain; the most specific wins). */
  siteFor(url: string): Promise<string | undefined>;
  /** A 0600 copy in `dir` of the cookies for `url`'s site, or undefined when none were imported. */
  jobCopy(url: string, dir: string): Promise<JobCookies | undefined>;
}

const SUFFIX = '.txt';

function storageFailed(what: string, cause: unknown): AppError {
  return new AppError('STORAGE_FAILED', `MediaNest could not ${what}: ${(cause as NodeJS.ErrnoException).code ?? 'the disk refused'}. Nothing was changed.`, { cause });
}

export function createCookieStore(deps: CookieStoreDeps): CookieStore {
  const fileOf = (site: string): string => join(deps.dir, `${site}${SUFFIX}`);

  const ensureDir = async (): Promise<void> => {
    await mkdir(deps.dir, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing folder's mode alone, and the umask may have loosened a new one.
    await chmod(deps.dir, 0o700);
    // Half-written imports from a crash: cookies nobody will read again.
    for (const name of await readdir(deps.dir)) if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(deps.dir, name), { force: true });
  };

  const sites = async (): Promise<string[]> => {
    let names: string[];
    try {
      names = await readdir(deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageFailed('read the imported cookies', error);
    }
    return names
      .filter((name) => name.endsWith(SUFFIX) && !name.startsWith('.'))
      .map((name) => name.slice(0, -SUFFIX.length))
      .filter((site) => {
        try {
          return normalizeSite(site) === site;
        } catch {
          return false;
        }
      })
      .sort();
  };

  const list = async (): Promise<CookieSite[]> => {
    const result: CookieSite[] = [];
    for (const site of await sites()) {
      try {
        const path = fileOf(site);
        const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
        result.push({ site, cookies: countCookies(text), importedAt: Math.round(info.mtimeMs) });
      } catch {
        // Removed while listing: not there any more.
      }
    }
    return result;
  };

  const siteFor = async (url: string): Promise<string | undefined> => {
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
    } catch {
      return undefined;
    }
    const matches = (await sites()).filter((site) => host === site || host.endsWith(`.${site}`));
    return matches.sort((a, b) => b.length - a.length)[0];
  };

  return {
    async import(site, content) {
      const normal = normalizeSite(site);
      const { lines } = cookiesForSite(content, normal);
      const temp = join(deps.dir, `.${normal}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await ensureDir();
        await writeFile(temp, cookieFileText(lines), { mode: 0o600, flag: 'wx' });
        await chmod(temp, 0o600);
        await rename(temp, fileOf(normal));
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw storageFailed(`keep the cookies for ${normal}`, error);
      }
      return list();
    },
    list,
    async remove(site) {
      let normal: string;
      try {
        normal = normalizeSite(site);
      } catch {
        return list();
      }
      try {
        await rm(fileOf(normal), { force: true });
      } catch (error) {
        throw storageFailed(`remove the cookies for ${normal}`, error);
      }
      return list();
    },
    siteFor,
    async jobCopy(url, dir) {
      const site = await siteFor(url);
      if (site === undefined) return undefined;
      const path = join(dir, `.cookies-${randomBytes(8).toString('hex')}${SUFFIX}`);
      try {
        await mkdir(dir, { recursive: true });
        // COPYFILE_EXCL: never write through a file (or a link) someone put there.
        await copyFile(fileOf(site), path, 1);
        await chmod(path, 0o600);
      } catch (error) {
        await rm(path, { force: true }).catch(() => undefined);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw storageFailed(`copy the cookies for ${site} for a download`, error);
      }
      return { site, path, remove: () => rm(path, { force: true }) };
    },
  };
}
