/**
 * An error as a person reads it: the core's words, with every rejected field
 * named as its form labels it ("Plex address: Enter an http:// …"), never a
 * channel or a schema path.
 */
import { isAppError } from '../../../shared/contract/errors';
import { fieldLabel } from './field-labels';

/** `settings:update: ` and the like, should one ever lead a message. */
const CHANNEL_PREFIX = /^[a-z][a-z-]*:[a-z][a-z-]*:\s*/;

export const GENERIC_ERROR = 'Something went wrong. Please try again.';

export function describeError(error: unknown): string {
  if (!isAppError(error)) return GENERIC_ERROR;
  const fields = error.fields ?? [];
  if (error.code === 'INVALID_PAYLOAD' && fields.length > 0) {
    return fields.map((field) => (fieldLabel(field.path) ? `${fieldLabel(field.path)}: ${field.message}` : field.message)).join(' ');
  }
  return error.message.replace(CHANNEL_PREFIX, '');
}
