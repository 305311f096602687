/**
 * How zod's validation issues are worded wherever they reach a person: the
 * dispatcher's INVALID_PAYLOAD message and fields, the WebSocket protocol's
 * refusals and the settings repair warnings.
 */
import type { z } from 'zod';
import type { FieldIssue } from './errors';

const MAX_ISSUES = 5;

/** A short, human-readable summary of what was wrong with a payload. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, MAX_ISSUES)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * An INVALID_PAYLOAD for people: the reasons alone as the message (no channel,
 * no path: the schema's messages already say what to enter), and each field's
 * path beside its reason, for the form to name as it labels it.
 */
export function invalidPayloadParts(issues: readonly z.core.$ZodIssue[]): { message: string; fields: FieldIssue[] } {
  const shown = issues.slice(0, MAX_ISSUES);
  const reasons = [...new Set(shown.map((issue) => issue.message))];
  return {
    message: reasons.join('; '),
    fields: shown.filter((issue) => issue.path.length > 0).map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
