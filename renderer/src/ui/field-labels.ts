/**
 * The settings' paths as the forms label them ("services.plex.baseUrl" →
 * "Plex address"), so an error names the field the user sees, never a path.
 */
import { secretLabel, secretNames, serviceNames, services, upstreamsOf, type SecretName } from '../../../shared/contract/services';

const plainLabels: Readonly<Record<string, string>> = {
  'general.closeToTray': 'Close to tray',
  'general.startMinimized': 'Start minimized',
  'notifications.enabled': 'Desktop notifications',
  'downloads.folder': 'Download folder',
  'downloads.maxConcurrent': 'Downloads at once',
};

/** "Plex address": an upstream's address field, in Settings and the welcome view alike. */
export function addressLabel(upstreamDisplayName: string): string {
  return `${upstreamDisplayName} address`;
}

/** The label for a settings path, or null when no form shows it. */
export function fieldLabel(path: string): string | null {
  if (plainLabels[path]) return plainLabels[path];
  if (path.startsWith('secrets.') && (secretNames as readonly string[]).includes(path.slice('secrets.'.length))) {
    return secretLabel(path.slice('secrets.'.length) as SecretName);
  }
  for (const service of serviceNames) {
    const { displayName } = services[service];
    if (path === `services.${service}.enabled`) return `Enable ${displayName}`;
    if (path.startsWith(`services.${service}.tuning`)) return `${displayName} connection tuning`;
    for (const upstream of upstreamsOf(service)) if (path === `services.${service}.${upstream.addressField}`) return addressLabel(upstream.displayName);
  }
  return null;
}
