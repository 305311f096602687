/**
 * Contract test against Overseerr's own API document (overseerr-api.yml, and
 * Seerr v3's beside it, which keeps the same /api/v1):
 * the simulator's answers and the client's requests validate against it,
 * and the simulator refuses exactly the requests the document refuses.
 *
 * Real servers send `null` for many optional fields the document types as
 * plain strings or numbers (the recorded answers have `serverId: null`), so
 * the validator accepts null for properties that are not required; that it
 * is still strict enough is shown by the recorded answers passing and a
 * tampered one failing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MOVIE_BASE, SHOW_BASE } from './simulator/sim-catalogue';
import { LAB_API_KEY, startOverseerrLab, type OverseerrLab } from './overseerr-test-kit';
import { isUrlEncodedQueryValue } from './overseerr-query';

const SPECS = ['overseerr-api.yml', 'seerr-api.v3.1.0.yml'].map((file) => join(process.cwd(), '..', 'shared', 'contracts', 'overseerr', file));
const SAMPLES = join(process.cwd(), '..', 'shared', 'contracts', 'samples', 'overseerr-develop-46a9b244');

type Schema = Record<string, unknown>;
interface Operation {
  readonly parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
  readonly responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

/** Refs into the document become refs into the schema registered as `spec`; optional properties may be null. */
function lenient(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(lenient);
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === '$ref' && typeof value === 'string' ? value.replace(/^#/, 'spec#') : lenient(value);
  if (out.properties && typeof out.properties === 'object') {
    const required = new Set((out.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(out.properties as Schema)) {
      if (!required.has(name)) (out.properties as Schema)[name] = { anyOf: [property, { type: 'null' }] };
    }
  }
  return out;
}

for (const SPEC of SPECS) {
  const present = existsSync(SPEC);
  if (!present) console.log(`Skipping the Overseerr contract test: ${SPEC} is absent`);

  describe.skipIf(!present)(`Overseerr contract (${SPEC.slice(SPEC.lastIndexOf('/') + 1)})`, () => {
    let spec: { paths: Record<string, Record<string, Operation>>; components: Schema };
    let ajv: Ajv;
    let lab: OverseerrLab;
    const compiled = new Map<Schema, ValidateFunction>();

    const validate = (schema: Schema, value: unknown): string[] => {
      let check = compiled.get(schema);
      if (!check) compiled.set(schema, (check = ajv.compile(lenient(schema) as Schema)));
      return check(value) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
    };

    /** The document's path template for a concrete path (literal segments win over parameters). */
    const operationFor = (method: string, path: string): { template: string; operation: Operation; params: Record<string, string> } => {
      const inner = path.replace(/^\/api\/v1/, '');
      const candidates = Object.keys(spec.paths)
        .map((template) => {
          const names: string[] = [];
          const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
          const match = pattern.exec(inner);
          return match ? { template, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])), literal: template.split('{').length } : undefined;
        })
        .filter((candidate) => candidate !== undefined)
        .sort((a, b) => a.literal - b.literal);
      const found = candidates[0];
      const operation = found && spec.paths[found.template]![method.toLowerCase()];
      if (!found || !operation) throw new Error(`${method} ${path} is not in the API document`);
      return { template: found.template, operation, params: found.params };
    };

    /** What Overseerr's validator would say about a request; empty when it passes. */
    const requestProblems = (method: string, url: string, body: unknown): string[] => {
      const [path, query = ''] = url.split('?') as [string, string?];
      const { operation, params } = operationFor(method, path);
      const raw = new Map(query.split('&').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
      const problems: string[] = [];
      for (const parameter of operation.parameters ?? []) {
        const value = parameter.in === 'path' ? params[parameter.name] : parameter.in === 'query' ? raw.get(parameter.name) : undefined;
        if (parameter.in !== 'path' && parameter.in !== 'query') continue;
        if (value === undefined) {
          if (parameter.required) problems.push(`missing ${parameter.in} ${parameter.name}`);
          continue;
        }
        if (parameter.in === 'query' && !isUrlEncodedQueryValue(value)) problems.push(`${parameter.name} is not url encoded`);
        const decoded = decodeURIComponent(value);
        const type = parameter.schema.type;
        // Coerced as the validator does: a number only when the text is one, else the text (which then fails).
        const numeric = decoded.trim() === '' ? Number.NaN : Number(decoded);
        const coerced = (type === 'number' || type === 'integer') && Number.isFinite(numeric) ? numeric : decoded;
        problems.push(...validate(parameter.schema, parameter.schema.nullable && decoded === '' ? null : coerced).map((problem) => `${parameter.name}: ${problem}`));
      }
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      if (bodySchema) problems.push(...validate(bodySchema, body).map((problem) => `body${problem}`));
      return problems;
    };

    const responseProblems = (method: string, path: string, status: number, body: unknown): string[] => {
      const { operation } = operationFor(method, path);
      const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
      if (!schema) return [`no ${status} answer documented for ${method} ${path}`];
      return validate(schema, body);
    };

    beforeAll(async () => {
      spec = parse(readFileSync(SPEC, 'utf8')) as typeof spec;
      ajv = new Ajv({ strict: false, allErrors: true });
      ajv.addSchema(lenient({ components: spec.components }) as Schema, 'spec');
      lab = await startOverseerrLab();
    });
    afterAll(() => lab?.dispose());

    const get = async (path: string) => {
      const response = await fetch(`${lab.simulator.url}/api/v1${path}`, { headers: { 'X-Api-Key': LAB_API_KEY } });
      return { status: response.status, body: (await response.json()) as unknown };
    };

    it('accepts the answers recorded from a real Overseerr, and rejects a tampered one', () => {
      if (!existsSync(SAMPLES)) return console.log(`Skipping the recorded answers: ${SAMPLES} is absent`);
      const checked: string[] = [];
      for (const name of readdirSync(SAMPLES).filter((file) => file.endsWith('.status'))) {
        const [status, url] = readFileSync(join(SAMPLES, name), 'utf8').trim().split(' ') as [string, string];
        const path = url.split('?')[0]!;
        if (Number(status) >= 300 || path.includes('/settings/')) continue;
        const method = /\/(approve|decline)$/.test(path) || (path === '/api/v1/request' && status === '201') ? 'POST' : 'GET';
        const body = JSON.parse(readFileSync(join(SAMPLES, name.replace(/\.status$/, '.json')), 'utf8')) as unknown;
        expect(responseProblems(method, path, Number(status), body), name).toEqual([]);
        checked.push(name);
      }
      expect(checked.length).toBeGreaterThanOrEqual(7);
      const tampered = JSON.parse(readFileSync(join(SAMPLES, 'request-1.json'), 'utf8')) as Record<string, unknown>;
      expect(responseProblems('GET', '/api/v1/request/1', 200, { ...tampered, status: 'pending' })).not.toEqual([]);
      expect(responseProblems('GET', '/api/v1/request/1', 200, { ...tampered, id: undefined })).not.toEqual([]);
    });

    it("validates the simulator's answers and the client's requests against the document", async () => {
      const { client, simulator } = lab;
      await client.status();
      await client.search("Harbour (Lights)! it's *");
      await client.search('Silent', 2);
      await client.movie(603_001);
      await client.tv(SHOW_BASE + 4);
      await client.createRequest({ mediaType: 'movie', mediaId: MOVIE_BASE + 1, is4k: false });
      await client.createRequest({ mediaType: 'tv', mediaId: SHOW_BASE + 4, tvdbId: SHOW_BASE + 4 + 500_000, seasons: [1, 2], is4k: false });
      await client.createRequest({ mediaType: 'tv', mediaId: SHOW_BASE + 4, seasons: 'all', is4k: false });
      await client.requestsFor('movie', MOVIE_BASE + 1);
      await client.listRequests({ take: 2, skip: 0, filter: 'all', sort: 'modified' });
      await client.listRequests({ filter: 'processing', sort: 'added' });
      await client.getRequest(1);
      await client.retryRequest(1);
      await client.quota();
      const calls = simulator.control.apiCalls.filter((call) => call.status < 400);
      expect(calls.length).toBeGreaterThanOrEqual(15);
      for (const call of calls) {
        expect(requestProblems(call.method, call.url, call.body), `${call.method} ${call.url}`).toEqual([]);
      }
      // The same routes, read raw, answer as documented.
      for (const path of ['/status', '/auth/me', `/search?query=Silent&page=1`, '/movie/603001', `/tv/${SHOW_BASE + 4}`, '/request?take=10&skip=0&filter=all&sort=modified', '/request/1', '/request/count', '/user/1/quota']) {
        const { status, body } = await get(path);
        expect(status, path).toBe(200);
        expect(responseProblems('GET', `/api/v1${path.split('?')[0]}`, status, body), path).toEqual([]);
      }
      const created = simulator.control.apiCalls.find((call) => call.method === 'POST' && call.path === '/api/v1/request' && call.status === 201)!;
      expect(created).toBeDefined();
      expect(responseProblems('POST', '/api/v1/request', 201, simulator.control.requestsJson().find((request) => request.id === 1))).toEqual([]);
    });

    it('refuses exactly the requests the document refuses', async () => {
      const bodies: unknown[] = [
        { mediaType: 'movie', mediaId: MOVIE_BASE + 50, is4k: false },
        { mediaType: 'tv', mediaId: SHOW_BASE + 6, seasons: 'all' },
        { mediaType: 'tv', mediaId: SHOW_BASE + 7, seasons: [1], is4k: true, serverId: 1, profileId: 4, rootFolder: '/tv', userId: null },
        { mediaType: 'movie' },
        { mediaId: 5 },
        { mediaType: 'music', mediaId: 5 },
        { mediaType: 'movie', mediaId: '603' },
        { mediaType: 'movie', mediaId: 603, is4k: 'no' },
        { mediaType: 'tv', mediaId: 1, seasons: 'some' },
        { mediaType: 'tv', mediaId: 1, seasons: [-1] },
        { mediaType: 'movie', mediaId: 603, userId: 'me' },
      ];
      for (const body of bodies) {
        const documentSays = requestProblems('POST', '/api/v1/request', body).length === 0;
        const response = await fetch(`${lab.simulator.url}/api/v1/request`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Api-Key': LAB_API_KEY }, body: JSON.stringify(body) });
        expect(response.status !== 400, JSON.stringify(body)).toBe(documentSays);
      }
      const queries = ['query=Paper%20Moons', 'query=Paper+Moons', 'query=%28x%29', 'query=(x)', 'query=a&page=two', 'page=1'];
      for (const query of queries) {
        const documentSays = requestProblems('GET', `/api/v1/search?${query}`, undefined).length === 0;
        expect((await get(`/search?${query}`)).status !== 400, query).toBe(documentSays);
      }
    });
  });
}
