/**
 * What the service table knows is written down once: no source file outside
 * shared/contract/services.ts spells a service's display name or a secret's
 * name as a string literal (data). Messages may still name a service in
 * words ("Plex rejected the token"); tests may use the values they check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretNames, serviceNames, services, upstreams } from '../../shared/contract/services';

const ROOT = join(import.meta.dirname, '../..');
const TABLE = 'shared/contract/services.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `'Plex'`, `"Plex"` or `` `Plex` ``: the value alone in a literal, not a word in a sentence. */
function literalsOf(text: string, values: readonly string[]): string[] {
  return values.filter((value) => ['\'', '"', '`'].some((quote) => text.includes(`${quote}${value}${quote}`)));
}

describe('the service table', () => {
  const displayNames = [...new Set([...serviceNames.map((name) => services[name].displayName), ...upstreams.map((upstream) => upstream.displayName)])];

  it('is the only place that spells display names and secret names as data', () => {
    const files = ['electron', 'shared', 'renderer/src', 'bench', 'scripts'].flatMap(sourceFiles).filter((file) => file !== TABLE);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) => literalsOf(readFileSync(join(ROOT, file), 'utf8'), [...displayNames, ...secretNames]).map((value) => `${relative('.', file)}: '${value}'`));
    expect(offenders).toEqual([]);
  });

  it('finds them where they are (the check is not blind)', () => {
    const table = readFileSync(join(ROOT, TABLE), 'utf8');
    expect(literalsOf(table, displayNames)).toEqual(displayNames);
    expect(literalsOf("const labels = { plex: 'Plex' };", displayNames)).toEqual(['Plex']);
    expect(literalsOf("const map = { 'plex.token': 'plex' };", secretNames)).toEqual(['plex.token']);
    expect(literalsOf('message: `Plex could not be reached`', displayNames)).toEqual([]);
  });

  it('names every secret <service>.<key> and every upstream after a service it belongs to', () => {
    for (const name of secretNames) expect(serviceNames).toContain(name.split('.')[0]);
    for (const service of serviceNames) expect(upstreams.some((upstream) => upstream.id === service && upstream.service === service)).toBe(true);
  });
});
