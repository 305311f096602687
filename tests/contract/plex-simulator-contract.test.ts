/**
 * The Plex simulators' JSON answers validate against the saved Plex specs
 * (../shared/contracts/plex/): the current spec for the server and plex.tv's
 * user and resources, the pre-overhaul one for PINs, which only it still has
 * (where the two disagree, e.g. `hidden` as a boolean or an integer, the
 * current one wins). So the simulator MediaNest is tested against speaks the wire
 * format the real programs are documented to speak. Skips with a printed
 * reason where ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPlexSimPair, type PlexSimPair } from '../../electron/core/features/plex/simulator/plex-sim-pair';

const SPECS = join(import.meta.dirname, '..', '..', '..', 'shared', 'contracts', 'plex');
const CURRENT = join(SPECS, 'plex-api-spec.yaml');
const OLD = join(SPECS, 'plex-media-server-spec-dereferenced.pre-overhaul.yaml');
const present = existsSync(CURRENT) && existsSync(OLD);
if (!present) process.stdout.write(`plex contract test skipped: the Plex specs are not at ${SPECS} (../shared is absent)\n`);

type Doc = Record<string, unknown>;

/** Follows a local JSON pointer (`#/a/b`). */
function pointer(doc: Doc, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

/** The JSON pointer of the response schema of `path`/`method`/`status`, through a response-level $ref. */
function responseSchemaPointer(doc: Doc, path: string, method: string, status: string): string {
  const escaped = path.replace(/~/g, '~0').replace(/\//g, '~1');
  let base = `#/paths/${escaped}/${method}/responses/${status}`;
  const response = pointer(doc, base) as { $ref?: string } | undefined;
  if (!response) throw new Error(`no ${status} response for ${method.toUpperCase()} ${path}`);
  if (response.$ref) base = response.$ref;
  return `${base}/content/application~1json/schema`;
}

describe.skipIf(!present)('the Plex simulators against the Plex specs', () => {
  let sim: PlexSimPair;
  let validate: (spec: 'current' | 'old', path: string, method: string, status: string, body: unknown) => void;
  let token: string;
  /** Every mismatch of a test, reported together. */
  let failures: string[] = [];

  beforeAll(async () => {
    const docs = { current: parse(readFileSync(CURRENT, 'utf8')) as Doc, old: parse(readFileSync(OLD, 'utf8')) as Doc };
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; their extra keywords (examples, x-…) are notes, not rules.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(docs.current, 'current');
    ajv.addSchema(docs.old, 'old');
    validate = (spec, path, method, status, body) => {
      const ref = `${spec}${responseSchemaPointer(docs[spec], path, method, status)}`;
      const check = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      if (!check(body)) failures.push(`${spec} ${method.toUpperCase()} ${path}: ${ajv.errorsText(check.errors, { separator: '; ' })}`);
    };
    sim = await startPlexSimPair({ pms: { sections: [{ key: '1', title: 'Movies', type: 'movie', size: 50 }, { key: '2', title: 'TV Shows', type: 'show', size: 20 }] } });
    sim.plexTv.control.issueToken('contract-account');
    token = 'contract-account';
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    failures = [];
  });
  afterEach(() => {
    expect(failures).toEqual([]);
  });

  const headers = (extra: Record<string, string> = {}) => ({ Accept: 'application/json', 'X-Plex-Client-Identifier': 'contract-test', 'X-Plex-Product': 'MediaNest', ...extra });
  const pms = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${sim.pmsUrl}${path}`, { ...init, headers: headers({ 'X-Plex-Token': sim.serverToken, ...(init.headers as Record<string, string>) }) });
    expect(res.status, path).toBeLessThan(300);
    return res.json();
  };
  const plexTv = async (path: string, init: RequestInit = {}, accountToken?: string) => {
    const res = await fetch(`${sim.plexTvUrl}${path}`, { ...init, headers: headers(accountToken ? { 'X-Plex-Token': accountToken } : {}) });
    expect(res.status, path).toBeLessThan(300);
    return res.json();
  };

  it('server: identity, sections, listings, details, search, sessions, collections', async () => {
    validate('current', '/identity', 'get', '200', await pms('/identity'));
    validate('old', '/identity', 'get', '200', await pms('/identity'));
    validate('current', '/library/sections/all', 'get', '200', await pms('/library/sections'));
    for (const key of ['1', '2']) {
      const listing = await pms(`/library/sections/${key}/all?includeGuids=1`, { headers: { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '20' } });
      validate('current', '/library/sections/{sectionId}/all', 'get', '200', listing);
    }
    const details = await pms('/library/metadata/10000001');
    validate('current', '/library/metadata/{ids}', 'get', '200', details);
    validate('current', '/hubs/search', 'get', '200', await pms('/hubs/search?query=the&limit=5'));
    sim.pms.control.setSessions([{ ratingKey: '10000002', state: 'playing', local: true }]);
    validate('current', '/status/sessions', 'get', '200', await pms('/status/sessions'));
    const uri = encodeURIComponent(`server://${sim.pms.control.machineIdentifier}/com.plexapp.plugins.library/library/metadata/10000001`);
    validate('current', '/library/collections', 'post', '200', await pms(`/library/collections?type=1&title=Test&smart=0&sectionId=1&uri=${uri}`, { method: 'POST' }));
  });

  it('catches an answer that breaks the spec (the check is not blind)', () => {
    validate('current', '/identity', 'get', '200', { MediaContainer: { machineIdentifier: 42, claimed: 'yes' } });
    validate('old', '/pins', 'post', '201', { id: 'not-a-number', code: 7 });
    expect(failures).toHaveLength(2);
    failures = [];
  });

  it('plex.tv: PIN create and poll, user, resources', async () => {
    const pin = (await plexTv('/api/v2/pins?strong=true', { method: 'POST' })) as { id: number };
    validate('old', '/pins', 'post', '201', pin);
    validate('old', '/pins/{pinID}', 'get', '200', await plexTv(`/api/v2/pins/${pin.id}`));
    sim.plexTv.control.claimPin(pin.id);
    validate('old', '/pins/{pinID}', 'get', '200', await plexTv(`/api/v2/pins/${pin.id}`));
    validate('current', '/user', 'get', '200', await plexTv('/api/v2/user', {}, token));
    validate('current', '/resources', 'get', '200', await plexTv('/api/v2/resources?includeHttps=1&includeRelay=1', {}, token));
    validate('old', '/resources', 'get', '200', await plexTv('/api/v2/resources?includeHttps=1&includeRelay=1', {}, token));
  });
});
