/**
 * Display names for the services, for the tray and desktop notifications.
 */
import type { ServiceName } from '../../shared/contract/services';

const LABELS: Readonly<Record<ServiceName, string>> = {
  plex: 'Plex',
  overseerr: 'Overseerr',
  'uptime-kuma': 'Uptime Kuma',
};

export function serviceLabel(service: ServiceName): string {
  return LABELS[service] ?? service;
}
