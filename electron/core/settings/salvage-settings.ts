/**
 * Keeps every stored setting that is still valid, field by field: one wrong
 * value resets that value to its default, never its section or its siblings
 * (a bad Overseerr address must not cost the Plex one).
 */
import { z } from 'zod';
import { describeIssues } from '../../../shared/contract/describe-issues';

export interface SettingProblem {
  readonly path: readonly string[];
  /** `unknown`: a field this version does not have; `invalid`: a value out of its rules. */
  readonly kind: 'unknown' | 'invalid';
  /** What was wrong, for `invalid`. */
  readonly reason?: string;
}

const wrappers = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly']);

/** The schema under its defaults and optionals. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (wrappers.has(inner._zod.def.type)) inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
  return inner;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What of `value` fits `schema`, as raw input (parse it once afterwards), or
 * undefined when nothing does and the default should apply. Every dropped
 * value is added to `problems`.
 */
export function salvageValue(schema: z.ZodType, value: unknown, path: readonly string[], problems: SettingProblem[]): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isRecord(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const kept: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const field = shape[key];
      if (!field) {
        problems.push({ path: [...path, key], kind: 'unknown' });
        continue;
      }
      const salvaged = salvageValue(field, child, [...path, key], problems);
      if (salvaged !== undefined) kept[key] = salvaged;
    }
    // Rules across fields (none today) still apply to what is left.
    const whole = schema.safeParse(kept);
    if (whole.success) return kept;
    problems.push({ path, kind: 'invalid', reason: describeIssues(whole.error.issues) });
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  problems.push({ path, kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'not valid' });
  return undefined;
}
