/**
 * Maps the core's INVALID_PAYLOAD fields back onto form fields, so each field
 * shows its own reason and aria-invalid (the toast names them in words).
 */
import { isAppError } from '../../../../shared/contract/errors';
import { secretNames, type SecretName } from '../../../../shared/contract/services';
import { serviceNames } from '../../../../shared/contract/services';
import { serviceFieldIds, type FieldId } from './settings-form-model';

export type FieldErrorKey = FieldId | SecretName;
export type FieldErrors = Partial<Record<FieldErrorKey, string | undefined>>;

const plainFields = new Set<string>([
  'general.closeToTray',
  'general.startMinimized',
  'general.startAtLogin',
  'notifications.enabled',
  'notifications.down',
  'notifications.up',
  'notifications.holdWhilePlaying',
  'notifications.probesToConfirm',
  'notifications.quietHours.enabled',
  'notifications.quietHours.start',
  'notifications.quietHours.end',
  'downloads.folder',
  'downloads.sectionKey',
  'downloads.maxConcurrent',
  'downloads.quality',
  'downloads.rateLimit',
  'downloads.stagingFolder',
  'downloads.ytdlpPath',
  'downloads.releaseUrl',
  'downloads.autoUpdate',
  'downloads.windowsSafeNames',
  'downloads.maxRetries',
] satisfies FieldId[]);
/** Fields of a service block beyond its switch, addresses and text fields. */
const extraServiceFields = new Set<string>(['uptime-kuma.pollSeconds'] satisfies FieldId[]);
const serviceFields = new Set<string>(serviceNames.flatMap((service) => serviceFieldIds(service).all));

export function keyForPath(path: string): FieldErrorKey | null {
  if (path.startsWith('services.')) {
    const id = path.slice('services.'.length);
    return serviceFields.has(id) || extraServiceFields.has(id) ? (id as FieldId) : null;
  }
  if (path.startsWith('secrets.')) {
    const name = path.slice('secrets.'.length);
    return (secretNames as readonly string[]).includes(name) ? (name as SecretName) : null;
  }
  // One row's path (downloads.pathMappings.2.localPath) shows on the mappings as a whole.
  if (path === 'downloads.pathMappings' || path.startsWith('downloads.pathMappings.')) return 'downloads.pathMappings';
  return plainFields.has(path) ? (path as FieldId) : null;
}

export function fieldErrorsFromError(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!isAppError(error) || error.code !== 'INVALID_PAYLOAD') return errors;
  for (const field of error.fields ?? []) {
    const key = keyForPath(field.path);
    if (key && !errors[key]) errors[key] = field.message;
  }
  return errors;
}

/** The first field in error, in the form's order, for scrolling it into view. */
export function firstErrorKey(errors: FieldErrors, order: readonly FieldErrorKey[]): FieldErrorKey | null {
  return order.find((key) => errors[key]) ?? null;
}
