/**
 * The built-in demo homelab: the service simulators on loopback ports, hosted
 * by the core for the demo profile, so `npm run demo` shows live services on a
 * machine that has none. Each simulator lives in its service's feature folder;
 * where it listens and the credential it accepts become the demo's settings
 * and secrets, through the service table. Downloads get an "Other Videos"
 * library in the demo's Plex and a media site with a playlist to fetch.
 */
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import { upstreamSpec, type SecretName, type UpstreamId } from '../../../shared/contract/services';
import { OVERSEERR_SIMULATOR_API_KEY } from '../features/overseerr/overseerr-simulator';
import { plexDemoLink, plexDemoSections, startPlexTvDemo } from '../features/plex/plex-demo';
import { PLEX_TV_SIMULATOR_TOKEN } from '../features/plex/plex-tv-simulator';
import { createPlexSimulator, PLEX_SIMULATOR_TOKEN, type PlexSimulator } from '../features/plex/plex-simulator';
import { demoKumaIncident } from '../features/uptime-kuma/kuma-status-page-replies';
import { createUptimeKumaSimulator, UPTIME_KUMA_SIMULATOR_API_KEY, UPTIME_KUMA_SIMULATOR_SLUG } from '../features/uptime-kuma/uptime-kuma-simulator';
import type { HttpListenerHost } from '../hosting/http-listeners';
import type { Simulator, SimulatorHosting } from '../hosting/simulator-server';
import { demoDownloadSettings, prepareDemoLibrary, startDemoMediaSite, type DemoLibrary } from './demo-downloads';
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

const simulators = (library: DemoLibrary): readonly DemoSimulator[] => [
  {
    upstream: 'plex',
    start: (hosting) => createPlexSimulator({ ...hosting, sections: plexDemoSections(library.section) }),
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
  simulators({ section: null, folder: null, problem: null }).flatMap(({ upstream, credential }) => {
    const secret = upstreamSpec(upstream).secret;
    return secret && credential ? [[secret.name, credential]] : [];
  }),
);

export interface DemoHomelabOptions {
  /** The demo's data folder: the downloads' library folder and the clips live there; without it, no downloads demo. */
  readonly dataDir?: string;
  readonly ffmpegPath?: string;
}

export interface DemoHomelab {
  /** The settings (and secrets) that point the app at the simulators. */
  readonly settings: SettingsPatch;
  /** The demo playlist the Downloads page offers, or null without one. */
  readonly playlistUrl: string | null;
  /** What of the demo could not start, in words (no ffmpeg: no playlist). */
  readonly problems: readonly string[];
}

/** Starts every simulator on a free loopback port; returns the settings that point the app at them. */
export async function startDemoHomelab(listeners: HttpListenerHost, options: DemoHomelabOptions = {}): Promise<DemoHomelab> {
  const services: Record<string, Record<string, unknown>> = {};
  const started = new Map<UpstreamId, Simulator>();
  const library = await prepareDemoLibrary(options.dataDir);
  let more: SettingsPatch = demoDownloadSettings(library);
  for (const { upstream, start, fields, settings, around } of simulators(library)) {
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
  const media = library.folder && options.dataDir ? await startDemoMediaSite(listeners, { dataDir: options.dataDir, ...(options.ffmpegPath ? { ffmpegPath: options.ffmpegPath } : {}) }) : { playlistUrl: null, problem: null };
  return {
    settings: { ...more, services: services as SettingsPatch['services'], secrets: { ...more.secrets, ...DEMO_SECRETS } },
    playlistUrl: media.playlistUrl,
    problems: [library.problem, media.problem].filter((problem): problem is string => problem !== null),
  };
}
