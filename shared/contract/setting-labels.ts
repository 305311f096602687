/**
 * A setting's name as the Settings form labels it ("Plex address", "Close to
 * tray"), for messages people read: repair warnings, validation errors and
 * backup previews never show a schema path.
 */
import { secretLabel, secretNames, serviceLabel, services, textFieldsOf, upstreamsOf, type SecretName, type ServiceName } from './services';

const plain: Readonly<Record<string, string>> = {
  'general.closeToTray': 'Close to tray',
  'general.startMinimized': 'Start minimized',
  'notifications.enabled': 'Desktop notifications',
  'downloads.folder': 'Download folder',
  'downloads.maxConcurrent': 'Downloads at once',
  'downloads.sectionKey': 'Library for downloads',
  'downloads.quality': 'Quality of new downloads',
  'downloads.rateLimit': 'Speed limit',
  'downloads.stagingFolder': 'Folder for unfinished downloads',
  'downloads.pathMappings': 'Path mappings',
  'downloads.ytdlpPath': 'yt-dlp program',
  'downloads.releaseUrl': 'yt-dlp release address',
  'downloads.autoUpdate': 'Keep MediaNest’s yt-dlp current',
  'downloads.windowsSafeNames': 'Names Windows can store',
  'downloads.maxRetries': 'Automatic retries',
  'install.plexClientIdentifier': 'Plex client identifier',
  'plexAccount.serverId': 'Linked Plex server',
  'plexAccount.serverName': 'Linked Plex server’s name',
};

const sectionNames: Readonly<Record<string, string>> = {
  general: 'Window settings',
  notifications: 'Notification settings',
  downloads: 'Download settings',
  services: 'Service settings',
  install: 'Install facts',
  plexAccount: 'Plex sign-in',
};

/** "Plex address": an upstream's address field, in Settings and the welcome view alike. */
export function addressLabel(upstreamDisplayName: string): string {
  return `${upstreamDisplayName} address`;
}

function serviceFieldLabel(service: ServiceName, field: string | undefined, rest: readonly string[]): string {
  const name = services[service].displayName;
  if (field === undefined) return `${name} settings`;
  if (field === 'enabled') return `Enable ${name}`;
  const upstream = upstreamsOf(service).find((candidate) => candidate.addressField === field);
  if (upstream) return addressLabel(upstream.displayName);
  const text = textFieldsOf(service).find((candidate) => candidate.field === field);
  if (text) return `${name} ${text.label.charAt(0).toLowerCase()}${text.label.slice(1)}`;
  if (field === 'tuning') return rest.length > 0 ? `${name} connection tuning (${rest.join(' ')})` : `${name} connection tuning`;
  return `${name} ${field}`;
}

/** The label of the setting at `path` (a settings, patch or secrets path). */
export function settingLabel(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const [head, second, third, ...rest] = parts;
  // A secret's name has a dot of its own (service, then key), so it is the whole rest of the path.
  const secret = parts.slice(1).join('.');
  if (head === 'secrets' && (secretNames as readonly string[]).includes(secret)) return secretLabel(secret as SecretName);
  if (head === 'services' && second && Object.hasOwn(services, second)) return serviceFieldLabel(second as ServiceName, third, rest);
  if (head === 'services' && second) return `${serviceLabel(second)} settings`;
  const key = parts.join('.');
  if (plain[key]) return plain[key];
  if (head === 'downloads' && second === 'pathMappings' && third !== undefined && /^\d+$/.test(third)) {
    const side = rest[0] === 'plexPath' ? ', path in Plex' : rest[0] === 'localPath' ? ', path on this computer' : '';
    return `Path mapping ${Number(third) + 1}${side}`;
  }
  if (parts.length === 1 && head && sectionNames[head]) return sectionNames[head];
  return key;
}
