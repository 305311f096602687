/**
 * What a token or API key may hold. Secrets travel in HTTP headers, which
 * take printable ASCII only: a pasted line break, tab or NUL would otherwise be
 * accepted and then fail every call as a network error.
 */
import { z } from 'zod';
import { secretLabel, type SecretName } from './services';

export const MAX_SECRET_LENGTH = 4096;

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\t') return 'a tab';
  if (code === 0) return 'a NUL character';
  if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `“${char}”`;
}

/** Why `value` cannot be sent as `label` (a sentence naming it), or undefined when it can. */
export function secretValueProblem(value: string, label: string): string | undefined {
  if (value.length === 0) return `The ${label} is empty.`;
  if (value.length > MAX_SECRET_LENGTH) return `The ${label} is longer than ${MAX_SECRET_LENGTH} characters; check that only the ${label} was pasted.`;
  const bad = [...value].find((char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || code > 0x7e;
  });
  if (bad !== undefined) return `The ${label} holds ${describeCharacter(bad)}, which cannot be sent; it may only hold letters, digits and punctuation.`;
  if (value.trim() !== value) return `The ${label} starts or ends with a space; remove it.`;
  return undefined;
}

/** A secret as a payload carries it, with messages that name it as the form does ("Plex token"). */
export function secretValueSchema(label: string) {
  return z.string().superRefine((value, context) => {
    const problem = secretValueProblem(value, label);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/** The schema of a named secret's value. */
export function namedSecretSchema(name: SecretName) {
  return secretValueSchema(secretLabel(name));
}
