/**
 * The built-in demo homelab: the service simulators on loopback ports, hosted
 * by the core for the demo profile, so `npm run demo` shows live services on a
 * machine that has none. Each simulator lives in its service's feature folder.
 */
import type { RequestListener } from 'node:http';
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../shared/contract/services';
import { OVERSEERR_SIMULATOR_API_KEY, overseerrSimulator } from '../features/overseerr/overseerr-simulator';
import { PLEX_SIMULATOR_TOKEN, plexSimulator } from '../features/plex/plex-simulator';
import { uptimeKumaSimulator } from '../features/uptime-kuma/uptime-kuma-simulator';
import type { HttpListenerHost } from '../hosting/http-listeners';

export const DEMO_SECRETS = {
  'plex.token': PLEX_SIMULATOR_TOKEN,
  'overseerr.apiKey': OVERSEERR_SIMULATOR_API_KEY,
} as const;

const simulators: Record<ServiceName, RequestListener> = {
  plex: plexSimulator,
  overseerr: overseerrSimulator,
  'uptime-kuma': uptimeKumaSimulator,
};

/** Starts every simulator on a free loopback port; returns the settings that point the app at them. */
export async function startDemoHomelab(listeners: HttpListenerHost): Promise<SettingsPatch> {
  const services: NonNullable<SettingsPatch['services']> = {};
  for (const [service, handler] of Object.entries(simulators) as [ServiceName, RequestListener][]) {
    const listener = await listeners.listen({ name: `demo-${service}`, host: '127.0.0.1', port: 0, handler });
    services[service] = { enabled: true, baseUrl: `http://127.0.0.1:${listener.port}` };
  }
  return { services, secrets: { ...DEMO_SECRETS } };
}
