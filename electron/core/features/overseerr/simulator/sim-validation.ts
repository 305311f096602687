/**
 * Request validation as Overseerr's OpenAPI validator (express-openapi-validator
 * over overseerr-api.yml) does it, for the routes the simulator serves: the
 * same checks, in the same order, with the same error shape
 * (`{ message, errors: [{ path, message }] }`). The contract test checks these
 * answers against the spec itself.
 */
import { isUrlEncodedQueryValue } from '../overseerr-query';

export interface ValidationIssue {
  /** Where, as the validator names it: `/body/mediaId`, `/query/page`, `.query.query`. */
  readonly path: string;
  readonly message: string;
}

export interface ValidationFailure {
  readonly status: 400;
  readonly message: string;
  readonly errors: readonly ValidationIssue[];
}

type Params = Readonly<Record<string, string>>;

/** Each query parameter a route documents: its type and, for strings, the allowed values. */
interface QuerySpec {
  readonly type: 'number' | 'string';
  readonly required?: boolean;
  readonly enum?: readonly string[];
  readonly nullable?: boolean;
}

function failure(issues: readonly ValidationIssue[], where: 'body' | 'query' | 'params'): ValidationFailure {
  const first = issues[0]!;
  // ajv names a missing property from its parent: "request/body must have required property 'mediaId'".
  const at = first.message.startsWith('must have required property') ? first.path.slice(0, first.path.lastIndexOf('/')) || first.path : first.path;
  const message = first.path.startsWith('.') ? first.message : `request${at} ${first.message}`;
  return { status: 400, message: where === 'query' && first.path.startsWith('.') ? first.message : message, errors: issues };
}

const isNumberText = (value: string): boolean => value.trim() !== '' && Number.isFinite(Number(value));

/** Checks query values as the validator coerces them (`page=abc` is not a number), plus the reserved-character rule. */
export function validateQuery(rawQuery: string, specs: Readonly<Record<string, QuerySpec>>): ValidationFailure | null {
  const raw = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    raw.set(eq === -1 ? pair : pair.slice(0, eq), eq === -1 ? '' : pair.slice(eq + 1));
  }
  const issues: ValidationIssue[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw.get(name);
    if (value === undefined) {
      if (spec.required) issues.push({ path: `/query/${name}`, message: `must have required property '${name}'` });
      continue;
    }
    if (spec.type === 'string' && !isUrlEncodedQueryValue(value)) {
      issues.push({ path: `.query.${name}`, message: `Parameter '${name}' must be url encoded. Its value may not contain reserved characters.` });
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      issues.push({ path: `/query/${name}`, message: 'must be url encoded' });
      continue;
    }
    if (spec.nullable && decoded === '') continue;
    if (spec.type === 'number' && !isNumberText(decoded)) issues.push({ path: `/query/${name}`, message: 'must be number' });
    else if (spec.enum && !spec.enum.includes(decoded)) issues.push({ path: `/query/${name}`, message: `must be equal to one of the allowed values: ${spec.enum.join(', ')}` });
  }
  return issues.length > 0 ? failure(issues, 'query') : null;
}

/** Path parameters documented as numbers (`/movie/{movieId}`). */
export function validateNumberParams(params: Params, names: readonly string[]): ValidationFailure | null {
  const issues = names.filter((name) => !isNumberText(params[name] ?? '')).map((name) => ({ path: `/params/${name}`, message: 'must be number' }));
  return issues.length > 0 ? failure(issues, 'params') : null;
}

export function validateEnumParam(params: Params, name: string, values: readonly string[]): ValidationFailure | null {
  if (values.includes(params[name] ?? '')) return null;
  return failure([{ path: `/params/${name}`, message: `must be equal to one of the allowed values: ${values.join(', ')}` }], 'params');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The body of `POST /request`, per the spec: mediaType and mediaId required, the rest typed. */
export function validateCreateRequestBody(body: unknown): ValidationFailure | null {
  if (!isRecord(body)) return failure([{ path: '/body', message: 'must be object' }], 'body');
  const issues: ValidationIssue[] = [];
  for (const name of ['mediaType', 'mediaId']) {
    if (!(name in body)) issues.push({ path: `/body/${name}`, message: `must have required property '${name}'` });
  }
  if ('mediaType' in body) {
    if (typeof body.mediaType !== 'string') issues.push({ path: '/body/mediaType', message: 'must be string' });
    else if (body.mediaType !== 'movie' && body.mediaType !== 'tv') issues.push({ path: '/body/mediaType', message: 'must be equal to one of the allowed values: movie, tv' });
  }
  for (const name of ['mediaId', 'tvdbId', 'serverId', 'profileId', 'languageProfileId']) {
    if (name in body && !isNumber(body[name])) issues.push({ path: `/body/${name}`, message: 'must be number' });
  }
  if ('is4k' in body && typeof body.is4k !== 'boolean') issues.push({ path: '/body/is4k', message: 'must be boolean' });
  if ('rootFolder' in body && typeof body.rootFolder !== 'string') issues.push({ path: '/body/rootFolder', message: 'must be string' });
  if ('userId' in body && body.userId !== null && !isNumber(body.userId)) issues.push({ path: '/body/userId', message: 'must be number' });
  if ('seasons' in body) {
    const { seasons } = body;
    const asList = Array.isArray(seasons) && seasons.every((season) => isNumber(season) && season >= 0);
    if (!asList && seasons !== 'all') issues.push({ path: '/body/seasons', message: 'must match exactly one schema in oneOf' });
  }
  return issues.length > 0 ? failure(issues, 'body') : null;
}
