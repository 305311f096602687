/**
 * A fresh profile: nothing set up yet (no service address, no secret, no
 * download folder). Only then does MediaNest open on the welcome view.
 */
import type { PublicSettings } from '../../../../shared/contract/areas/settings';

export function isFreshProfile(settings: PublicSettings): boolean {
  const services = Object.values(settings.services).every((service) => service.baseUrl === '');
  const secrets = Object.values(settings.secrets).every((saved) => !saved);
  return services && secrets && settings.downloads.folder === '';
}
