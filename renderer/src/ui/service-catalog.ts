/**
 * How each service is named on screen and which secret it needs.
 */
import type { SecretName, ServiceName } from '../../../shared/contract/services';

export interface ServiceInfo {
  readonly name: ServiceName;
  readonly displayName: string;
  readonly secret: SecretName;
  /** What the secret is called for this service ("token", "API key"). */
  readonly secretNoun: string;
  /** An example address for the placeholder, with the service's usual port. */
  readonly exampleUrl: string;
}

export const serviceCatalog: Record<ServiceName, ServiceInfo> = {
  plex: { name: 'plex', displayName: 'Plex', secret: 'plex.token', secretNoun: 'token', exampleUrl: 'http://192.168.1.10:32400' },
  overseerr: { name: 'overseerr', displayName: 'Overseerr', secret: 'overseerr.apiKey', secretNoun: 'API key', exampleUrl: 'http://192.168.1.10:5055' },
  'uptime-kuma': {
    name: 'uptime-kuma',
    displayName: 'Uptime Kuma',
    secret: 'uptime-kuma.apiKey',
    secretNoun: 'API key',
    exampleUrl: 'http://192.168.1.10:3001',
  },
};

/** "Plex token", "Overseerr API key". */
export function secretLabel(service: ServiceName): string {
  const info = serviceCatalog[service];
  return `${info.displayName} ${info.secretNoun}`;
}
