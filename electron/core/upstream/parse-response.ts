/**
 * Validates an upstream body against its zod schema. A mismatch becomes
 * INVALID_RESPONSE naming the fields, never their values (which may be private).
 */
import type { z } from 'zod';
import { invalidResponseError } from './upstream-errors';

export function parseResponse<S extends z.ZodType>(schema: S, body: unknown, service: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5);
  throw invalidResponseError(service, `unexpected ${fields.join(', ')}`);
}
