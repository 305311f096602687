/**
 * How zod's validation issues are worded wherever they reach a person: the
 * dispatcher's INVALID_PAYLOAD message, the WebSocket protocol's refusals and
 * the settings repair warnings. The renderer's field errors read this format
 * back (`path: reason; path: reason`), so it is defined once, here.
 */
import type { z } from 'zod';

/** A short, human-readable summary of what was wrong with a payload. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
