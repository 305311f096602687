/**
 * The built-in demo homelab: the service simulators on loopback ports, hosted
 * by the core for the demo profile, so `npm run demo` shows live services on a
 * machine that has none. Each simulator lives in its service's feature folder;
 * the demo saves the credentials they accept, so every check passes.
 */
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../shared/contract/services';
import { createOverseerrSimulator, OVERSEERR_SIMULATOR_API_KEY } from '../features/overseerr/overseerr-simulator';
import { createPlexSimulator, PLEX_SIMULATOR_TOKEN } from '../features/plex/plex-simulator';
import { createUptimeKumaSimulator, UPTIME_KUMA_SIMULATOR_API_KEY } from '../features/uptime-kuma/uptime-kuma-simulator';
import type { HttpListenerHost } from '../hosting/http-listeners';
import type { Simulator, SimulatorHosting } from '../hosting/simulator-server';

export const DEMO_SECRETS = {
  'plex.token': PLEX_SIMULATOR_TOKEN,
  'overseerr.apiKey': OVERSEERR_SIMULATOR_API_KEY,
  'uptime-kuma.apiKey': UPTIME_KUMA_SIMULATOR_API_KEY,
} as const;

const simulators: Record<ServiceName, (hosting: SimulatorHosting) => Promise<Simulator>> = {
  plex: createPlexSimulator,
  overseerr: createOverseerrSimulator,
  'uptime-kuma': createUptimeKumaSimulator,
};

/** Starts every simulator on a free loopback port; returns the settings that point the app at them. */
export async function startDemoHomelab(listeners: HttpListenerHost): Promise<SettingsPatch> {
  const services: NonNullable<SettingsPatch['services']> = {};
  for (const [service, start] of Object.entries(simulators) as [ServiceName, (typeof simulators)[ServiceName]][]) {
    const simulator = await start({ listeners, name: `demo-${service}` });
    services[service] = { enabled: true, baseUrl: simulator.url };
  }
  return { services, secrets: { ...DEMO_SECRETS } };
}
