/**
 * Whether a service is ready to use, from the settings alone (no network).
 */
import type { PublicSettings } from '../../../shared/contract/areas/settings';
import { secretsOf, type ServiceName } from '../../../shared/contract/services';

export type ServiceSetup = 'not-configured' | 'disabled' | 'ready';

/** Not configured until it has an address and its secrets; then ready only if enabled. */
export function serviceSetup(settings: PublicSettings, service: ServiceName): ServiceSetup {
  const configured = settings.services[service].baseUrl !== '' && secretsOf(service).every((secret) => settings.secrets[secret.name] === true);
  if (!configured) return 'not-configured';
  return settings.services[service].enabled ? 'ready' : 'disabled';
}
