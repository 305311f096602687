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
import { PLEX_DEMO_SECTIONS, plexDemoLink, startPlexTvDemo } from '../features/plex/plex-demo';
import { PLEX_TV_SIMULATOR_TOKEN } from '../features/plex/plex-tv-simulator';
import { createPlexSimulator, PLEX_SIMULATOR_TOKEN, type PlexSimulator } from '../features/plex/plex-simulator';
import { demoKumaIncident } from '../features/uptime-kuma/kuma-status-page-replies';
import { createUptimeKumaSimulator, UPTIME_KUMA_SIMULATOR_API_KEY, UPTIME_KUMA_SIMULATOR_SLUG } from '../features/uptime-kuma/uptime-kuma-simulator';
import type { HttpListenerHost } from '../hosting/http-listeners';
import type { Simulator, SimulatorHosting } from '../hosting/simulator-server';
import { startDemoOverseerr, startRequestsDemo } from './demo-requests';

interface DemoSimulator {
  /** The upstream it stands in for. */
  readonly upstream: UpstreamId;
  /** `started`: the simulators started before it, by upstream (plex.tv lists the Plex server). */
  readonly start: (hosting: SimulatorHosting, started: ReadonlyMap<UpstreamId, Simulator>) => Promise<Simulator>;
  /** The secret it accepts, saved as that upstream's secret, so its credential check passes too. */
  readonly credential?: string;
  /** Other settings of the service's block that point at what the simulator serves. */
  readonly fields?: Readonly<Record<string, string>>;
  /** Settings outside the service's block that go with it (Plex: the linked server). */
  readonly settings?: (simulator: Simulator) => SettingsPatch;
  /** More of the homelab around it, started after it (Overseerr: TMDB's images, its webhook); returns settings to add. */
  readonly around?: (simulator: Simulator, listeners: HttpListenerHost) => Promise<SettingsPatch>;
}

const simulators: readonly DemoSimulator[] = [
  {
    upstream: 'plex',
    start: (hosting) => createPlexSimulator({ ...hosting, sections: PLEX_DEMO_SECTIONS }),
    credential: PLEX_SIMULATOR_TOKEN,
    settings: (simulator) => plexDemoLink(simulator as PlexSimulator),
  },
  {
    upstream: 'plex-tv',
    start: (hosting, started) => startPlexTvDemo(hosting, started.get('plex') as PlexSimulator),
    credential: PLEX_TV_SIMULATOR_TOKEN,
  },
  {
    upstream: 'overseerr',
    // Requests move along by themselves; each title that becomes available is added to the demo's Plex.
    start: (hosting, started) => startDemoOverseerr(hosting, started.get('plex') as PlexSimulator | undefined),
    credential: OVERSEERR_SIMULATOR_API_KEY,
    around: startRequestsDemo,
  },
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
  const started = new Map<UpstreamId, Simulator>();
  let more: SettingsPatch = {};
  for (const { upstream, start, fields, settings, around } of simulators) {
    const spec = upstreamSpec(upstream);
    const simulator = await start({ listeners, name: `demo-${upstream}` }, started);
    started.set(upstream, simulator);
    const block = (services[spec.service] ??= { enabled: true, ...fields });
    block[spec.addressField] = simulator.url;
    if (settings) more = { ...more, ...settings(simulator) };
    if (around) {
      const extra = await around(simulator, listeners);
      more = { ...more, ...extra, secrets: { ...more.secrets, ...extra.secrets } };
    }
  }
  return { ...more, services: services as SettingsPatch['services'], secrets: { ...more.secrets, ...DEMO_SECRETS } };
}
