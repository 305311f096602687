/**
 * The built-in demo homelab: the service simulators on loopback ports, hosted
 * by the core for the demo profile, so `npm run demo` shows live services on a
 * machine that has none. Each simulator lives in its service's feature folder;
 * where it listens and the credential it accepts become the demo's settings
 * and secrets, through the service table.
 */
import type { RequestListener } from 'node:http';
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import { upstreamSpec, type SecretName, type UpstreamId } from '../../../shared/contract/services';
import { OVERSEERR_SIMULATOR_API_KEY, overseerrSimulator } from '../features/overseerr/overseerr-simulator';
import { PLEX_SIMULATOR_TOKEN, plexSimulator } from '../features/plex/plex-simulator';
import { UPTIME_KUMA_SIMULATOR_API_KEY, UPTIME_KUMA_SIMULATOR_SLUG, uptimeKumaSimulator } from '../features/uptime-kuma/uptime-kuma-simulator';
import type { HttpListenerHost } from '../hosting/http-listeners';

interface Simulator {
  /** The upstream it stands in for. */
  readonly upstream: UpstreamId;
  readonly handler: RequestListener;
  /** The secret it accepts, saved as that upstream's secret. */
  readonly credential?: string;
}

const simulators: readonly Simulator[] = [
  { upstream: 'plex', handler: plexSimulator, credential: PLEX_SIMULATOR_TOKEN },
  { upstream: 'overseerr', handler: overseerrSimulator, credential: OVERSEERR_SIMULATOR_API_KEY },
  { upstream: 'uptime-kuma', handler: uptimeKumaSimulator, credential: UPTIME_KUMA_SIMULATOR_API_KEY },
];

/** The secrets the demo saves, by name. */
export const DEMO_SECRETS: Readonly<Partial<Record<SecretName, string>>> = Object.fromEntries(
  simulators.flatMap(({ upstream, credential }) => {
    const secret = upstreamSpec(upstream).secret;
    return secret && credential ? [[secret.name, credential]] : [];
  }),
);

/** Starts every simulator on a free loopback port; returns the settings that point the app at them. */
export async function startDemoHomelab(listeners: HttpListenerHost): Promise<SettingsPatch> {
  const services: Record<string, Record<string, unknown>> = {};
  for (const { upstream, handler } of simulators) {
    const spec = upstreamSpec(upstream);
    const listener = await listeners.listen({ name: `demo-${upstream}`, host: '127.0.0.1', port: 0, handler });
    const block = (services[spec.service] ??= { enabled: true });
    block[spec.addressField] = `http://127.0.0.1:${listener.port}`;
  }
  // Its status page, so the Health page shows Kuma's monitors (one goes down every few minutes).
  services['uptime-kuma'] = { ...services['uptime-kuma'], statusPages: [UPTIME_KUMA_SIMULATOR_SLUG] };
  return { services: services as SettingsPatch['services'], secrets: { ...DEMO_SECRETS } };
}
