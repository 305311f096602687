/**
 * A setting's name as the Settings form labels it ("Plex address", "Close to
 * tray"), for messages people read: repair warnings, validation errors and
 * backup previews never show a schema path.
 */
import { secretLabel, serviceLabel, services, textFieldsOf, upstreamsOf, type SecretName, type ServiceName } from './services';

const plain: Readonly<Record<string, string>> = {
  'general.closeToTray': 'Close to tray',
  'general.startMinimized': 'Start minimized',
  'notifications.enabled': 'Desktop notifications',
  'downloads.folder': 'Download folder',
  'downloads.maxConcurrent': 'Downloads at the same time',
  'install.plexClientIdentifier': 'Plex client identifier',
};

const sectionNames: Readonly<Record<string, string>> = {
  general: 'Window settings',
  notifications: 'Notification settings',
  downloads: 'Download settings',
  services: 'Service settings',
  install: 'Install facts',
};

function serviceFieldLabel(service: ServiceName, field: string | undefined, rest: readonly string[]): string {
  const name = services[service].displayName;
  if (field === undefined) return `${name} settings`;
  if (field === 'enabled') return `Enable ${name}`;
  const upstream = upstreamsOf(service).find((candidate) => candidate.addressField === field);
  if (upstream) return `${upstream.displayName} address`;
  const text = textFieldsOf(service).find((candidate) => candidate.field === field);
  if (text) return `${name} ${text.label.charAt(0).toLowerCase()}${text.label.slice(1)}`;
  if (field === 'tuning') return rest.length > 0 ? `${name} tuning (${rest.join(' ')})` : `${name} tuning`;
  return `${name} ${field}`;
}

/** The label of the setting at `path` (a settings, patch or secrets path). */
export function settingLabel(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const [head, second, third, ...rest] = parts;
  if (head === 'secrets' && second && Object.hasOwn(services, second.split('.')[0]!)) {
    try {
      return secretLabel(second as SecretName);
    } catch {
      return second;
    }
  }
  if (head === 'services' && second && Object.hasOwn(services, second)) return serviceFieldLabel(second as ServiceName, third, rest);
  if (head === 'services' && second) return `${serviceLabel(second)} settings`;
  const key = parts.join('.');
  if (plain[key]) return plain[key];
  if (parts.length === 1 && head && sectionNames[head]) return sectionNames[head];
  return key;
}
