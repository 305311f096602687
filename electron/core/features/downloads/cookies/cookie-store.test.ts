import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../../tests/support/temp-dirs';
import { createCookieStore } from './cookie-store';

const tempDir = useTempDirs('medianest-cookies-');
const mode = (path: string) => statSync(path).mode & 0o777;

const youtube = ['.youtube.com\tTRUE\t/\tTRUE\t1800000000\tSID\tsecret-sid-value', '#HttpOnly_.youtube.com\tTRUE\t/\tTRUE\t1800000000\tHSID\tsecret-hsid', 'www.youtube.com\tFALSE\t/\tFALSE\t0\tPREF\tf6=40000000'];
const google = '.google.com\tTRUE\t/\tTRUE\t1800000000\tNID\tsecret-nid';
const vimeo = '.vimeo.com\tTRUE\t/\tFALSE\t1800000000\tvuid\tsecret-vuid';
const file = (lines: readonly string[], header = true) => `${header ? '# Netscape HTTP Cookie File\n# This is a generated file! Do not edit.\n\n' : ''}${lines.join('\r\n')}\n`;

function setup() {
  const dataDir = tempDir();
  const dir = join(dataDir, 'downloads', 'cookies');
  return { dataDir, dir, store: createCookieStore({ dir }) };
}

describe.skipIf(process.platform === 'win32')('imported cookies', () => {
  it('keeps only the site’s lines, in a 0600 file in a 0700 folder', async () => {
    const { dir, store } = setup();
    const listed = await store.import('YouTube.com', file([...youtube, google, vimeo]));
    expect(listed).toEqual([{ site: 'youtube.com', cookies: 3, importedAt: expect.any(Number) }]);
    const path = join(dir, 'youtube.com.txt');
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# Netscape HTTP Cookie File\n')).toBe(true);
    for (const line of youtube) expect(text).toContain(line);
    expect(text).not.toContain('google');
    expect(text).not.toContain('vimeo');
    expect(readdirSync(dir)).toEqual(['youtube.com.txt']);
  });

  it('takes a file without the header, and tightens a folder that was too open', async () => {
    const { dir, store } = setup();
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    expect(await store.import('vimeo.com', file([vimeo], false))).toMatchObject([{ site: 'vimeo.com', cookies: 1 }]);
    expect(mode(dir)).toBe(0o700);
  });

  it('removes half-written imports a crash left behind', async () => {
    const { dir, store } = setup();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.vimeo.com.0123456789ab.tmp'), 'half');
    await store.import('vimeo.com', file([vimeo]));
    expect(readdirSync(dir)).toEqual(['vimeo.com.txt']);
  });

  it('rejects a line that is not a cookie, naming the line and not quoting it', async () => {
    const { dir, store } = setup();
    const bad = file([youtube[0]!, '.youtube.com TRUE / TRUE 1800000000 LOGIN secret-login']);
    const error = (await store.import('youtube.com', bad).then(
      () => undefined,
      (caught: unknown) => caught,
    )) as Error & { code: string };
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toMatch(/^Line 5 is not a cookie: it has 1 field where a cookie has 7 separated by tabs/);
    expect(error.message).not.toContain('secret');
    await expect(store.list()).resolves.toEqual([]);
    expect(() => readdirSync(dir)).toThrow();
  });

  it.each([
    ['a bad flag', '.youtube.com\tYES\t/\tTRUE\t1800000000\tSID\tx', 'TRUE or FALSE'],
    ['a bad expiry', '.youtube.com\tTRUE\t/\tTRUE\tsoon\tSID\tx', 'expiry'],
    ['a bad path', '.youtube.com\tTRUE\tx\tTRUE\t1\tSID\tx', 'path'],
    ['no domain', 'not a domain\tTRUE\t/\tTRUE\t1\tSID\tx', 'domain'],
    ['eight fields', '.youtube.com\tTRUE\t/\tTRUE\t1\tSID\tx\ty', '8 fields'],
  ])('rejects %s', async (_what, line, words) => {
    const { store } = setup();
    await expect(store.import('youtube.com', file([line]))).rejects.toThrow(words);
  });

  it('refuses a file with none of the site’s cookies, or none at all', async () => {
    const { store } = setup();
    await expect(store.import('youtube.com', file([google, vimeo]))).rejects.toThrow('None of the 2 cookies in that file are for youtube.com');
    await expect(store.import('youtube.com', '# Netscape HTTP Cookie File\n')).rejects.toThrow('There are no cookies in that file');
  });

  it('refuses a site that is not a domain (no path can be smuggled into the file name)', async () => {
    const { store } = setup();
    for (const site of ['../etc', 'a/b', '..', '', 'you tube.com']) {
      await expect(store.import(site, file(youtube))).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    }
  });

  it('replaces a site’s cookies on a new import, lists and removes them', async () => {
    const { store } = setup();
    await store.import('youtube.com', file(youtube));
    await store.import('vimeo.com', file([vimeo]));
    expect((await store.import('youtube.com', file([youtube[0]!]))).map((site) => [site.site, site.cookies])).toEqual([
      ['vimeo.com', 1],
      ['youtube.com', 1],
    ]);
    expect((await store.remove('youtube.com')).map((site) => site.site)).toEqual(['vimeo.com']);
    expect(await store.remove('not-there.com')).toHaveLength(1);
  });

  it('picks the site by the address’s host, the most specific first', async () => {
    const { store } = setup();
    await store.import('youtube.com', file(youtube));
    await store.import('music.youtube.com', file(['.music.youtube.com\tTRUE\t/\tTRUE\t1800000000\tSID\tm']));
    expect(await store.siteFor('https://www.youtube.com/watch?v=x')).toBe('youtube.com');
    expect(await store.siteFor('https://youtube.com/')).toBe('youtube.com');
    expect(await store.siteFor('https://music.youtube.com/playlist?list=1')).toBe('music.youtube.com');
    expect(await store.siteFor('https://notyoutube.com/')).toBeUndefined();
    expect(await store.siteFor('https://youtube.com.evil.example/')).toBeUndefined();
    expect(await store.siteFor('not a url')).toBeUndefined();
  });

  it('gives each job its own 0600 copy, which the job removes', async () => {
    const { dataDir, dir, store } = setup();
    await store.import('youtube.com', file(youtube));
    const jobDir = join(dataDir, 'staging', 'job-1');
    const first = await store.jobCopy('https://www.youtube.com/watch?v=x', jobDir);
    const second = await store.jobCopy('https://www.youtube.com/watch?v=y', jobDir);
    expect(first?.site).toBe('youtube.com');
    expect(first!.path).not.toBe(second!.path);
    expect(mode(first!.path)).toBe(0o600);
    expect(readFileSync(first!.path, 'utf8')).toBe(readFileSync(join(dir, 'youtube.com.txt'), 'utf8'));
    await first!.remove();
    await second!.remove();
    expect(readdirSync(jobDir)).toEqual([]);
    expect(await store.jobCopy('https://vimeo.com/1', jobDir)).toBeUndefined();
  });
});
