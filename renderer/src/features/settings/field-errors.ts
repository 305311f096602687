/**
 * Maps the core's INVALID_PAYLOAD message back onto form fields.
 *
 * The core words it as `settings:update: services.plex.baseUrl: <reason>; secrets.plex.token: <reason>`
 * (shared/contract/describe-issues.ts); the whole message still goes to the
 * status region, this only lets each field show its own reason and aria-invalid.
 */
import { secretNames, type SecretName } from '../../../../shared/contract/services';
import { serviceNames } from '../../../../shared/contract/services';
import { serviceFieldIds, type FieldId } from './settings-form-model';

export type FieldErrorKey = FieldId | SecretName;
export type FieldErrors = Partial<Record<FieldErrorKey, string>>;

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
] satisfies FieldId[]);
/** Fields of a service block beyond its switch and addresses (a list's items report as `field.0`). */
const extraServiceFields = new Set<string>(['uptime-kuma.pollSeconds'] satisfies FieldId[]);
const serviceFields = new Set<string>(serviceNames.flatMap((service) => serviceFieldIds(service).all));

function keyForPath(path: string): FieldErrorKey | null {
  if (path.startsWith('services.')) {
    const id = path.slice('services.'.length);
    if (serviceFields.has(id)) return id as FieldId;
    const extra = id.replace(/\.\d+$/, '');
    return extraServiceFields.has(extra) ? (extra as FieldId) : null;
  }
  if (path.startsWith('secrets.')) {
    const name = path.slice('secrets.'.length);
    return (secretNames as readonly string[]).includes(name) ? (name as SecretName) : null;
  }
  return plainFields.has(path) ? (path as FieldId) : null;
}

export function fieldErrorsFromMessage(message: string): FieldErrors {
  const errors: FieldErrors = {};
  const body = message.replace(/^[a-z-]+:[a-z-]+: /, '');
  for (const part of body.split('; ')) {
    const separator = part.indexOf(': ');
    if (separator < 0) continue;
    const key = keyForPath(part.slice(0, separator));
    if (key && !errors[key]) errors[key] = part.slice(separator + 2);
  }
  return errors;
}
