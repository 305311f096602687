/**
 * Plex in the demo homelab: a library of a few thousand generated items with
 * posters, and a simulated plex.tv that lists the demo server, knows the demo
 * account, and approves a new sign-in by itself after a few seconds (so
 * "Sign in with Plex" can be tried without an account).
 */
import type { SettingsPatch } from '../../../../shared/contract/areas/settings';
import type { SimulatorHosting } from '../../hosting/simulator-server';
import type { PlexSimulator } from './plex-simulator';
import { createPlexTvSimulator, type PlexTvSimulator } from './plex-tv-simulator';
import type { SimSectionSpec } from './simulator/sim-library';

export const PLEX_DEMO_SECTIONS: readonly SimSectionSpec[] = [
  { key: '1', title: 'Movies', type: 'movie', size: 2_400, locations: ['/srv/media/movies'] },
  { key: '2', title: 'TV Shows', type: 'show', size: 600, locations: ['/srv/media/tv'] },
];

/** The demo's sections, with the downloads' "Other Videos" library when the demo has one. */
export function plexDemoSections(videos: SimSectionSpec | null): readonly SimSectionSpec[] {
  return videos ? [...PLEX_DEMO_SECTIONS, videos] : PLEX_DEMO_SECTIONS;
}

const SERVER_NAME = 'Living Room';

/** The demo's plex.tv, listing the demo server as the account's own. */
export async function startPlexTvDemo(hosting: SimulatorHosting, server: PlexSimulator): Promise<PlexTvSimulator> {
  const plexTv = await createPlexTvSimulator({ ...hosting, autoClaimAfterMs: 3_000, username: 'demo-household' });
  plexTv.control.account.setResources([
    {
      name: SERVER_NAME,
      clientIdentifier: server.control.machineIdentifier,
      accessToken: server.control.token,
      connections: [{ protocol: 'http', address: '127.0.0.1', port: server.port, uri: server.url, local: true, relay: false }],
    },
  ]);
  return plexTv;
}

/** The settings that link the demo server, as a sign-in would have. */
export function plexDemoLink(server: PlexSimulator): SettingsPatch {
  return { plexAccount: { serverId: server.control.machineIdentifier, serverName: SERVER_NAME } };
}
