/**
 * The built-in demo homelab: the service simulators on loopback ports, hosted
 * by the core for the demo profile, so `npm run demo` shows live services on a
 * machine that has none. Each simulator lives in its service's feature folder;
 * where it listens and the credential it accepts become the demo's settings
 * and secrets, through the service table.
 */
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import { upstreamSpec, type SecretName, type UpstreamId } from '../../../shared/contract/services';
import { OVERSEERR_SIMULATOR_API_KEY } from '../features/overseerr/overseerr-simulator';
import { createPlexSimulator, PLEX_SIMULATOR_TOKEN } from '../features/plex/plex-simulator';
import { createPlexTvSimulator } from '../features/plex/plex-tv-simulator';
import { demoKumaIncident } from '../features/uptime-kuma/kuma-status-page-replies';
import { createUptimeKumaSimulator, UPTIME_KUMA_SIMULATOR_API_KEY, UPTIME_KUMA_SIMULATOR_SLUG } from '../features/uptime-kuma/uptime-kuma-simulator';
import type { HttpListenerHost } from '../hosting/http-listeners';
import type { Simulator, SimulatorHosting } from '../hosting/simulator-server';
import { startDemoOverseerr, startRequestsDemo } from './demo-requests';

interface DemoSimulator {
  /** The upstream it stands in for. */
  readonly upstream: UpstreamId;
  readonly start: (hosting: SimulatorHosting) => Promise<Simulator>;
  /** The secret it accepts, saved as that upstream's secret, so its credential check passes too. */
  readonly credential?: string;
  /** Other settings of the service's block that point at what the simulator serves. */
  readonly fields?: Readonly<Record<string, string>>;
  /** More of the homelab around it (Overseerr: TMDB's images, its webhook); returns settings to add. */
  readonly around?: (simulator: Simulator, listeners: HttpListenerHost) => Promise<SettingsPatch>;
}

const simulators: readonly DemoSimulator[] = [
  { upstream: 'plex', start: createPlexSimulator, credential: PLEX_SIMULATOR_TOKEN },
  { upstream: 'plex-tv', start: createPlexTvSimulator, credential: PLEX_SIMULATOR_TOKEN },
  { upstream: 'overseerr', start: startDemoOverseerr, credential: OVERSEERR_SIMULATOR_API_KEY, around: startRequestsDemo },
  {
    upstream: 'uptime-kuma',
    // The demo status page has a pinned incident, so the Health page shows one.
    start: (hosting) => createUptimeKumaSimulator({ ...hosting, incident: demoKumaIncident }),
    credential: UPTIME_KUMA_SIMULATOR_API_KEY,
    fields: { statusPageSlug: UPTIME_KUMA_SIMULATOR_SLUG },
  },
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
  let around: SettingsPatch = {};
  for (const simulatorSpec of simulators) {
    const spec = upstreamSpec(simulatorSpec.upstream);
    const simulator = await simulatorSpec.start({ listeners, name: `demo-${simulatorSpec.upstream}` });
    const block = (services[spec.service] ??= { enabled: true, ...simulatorSpec.fields });
    block[spec.addressField] = simulator.url;
    if (simulatorSpec.around) {
      const extra = await simulatorSpec.around(simulator, listeners);
      around = { ...around, ...extra, secrets: { ...around.secrets, ...extra.secrets } };
    }
  }
  return { ...around, services: services as SettingsPatch['services'], secrets: { ...around.secrets, ...DEMO_SECRETS } };
}
