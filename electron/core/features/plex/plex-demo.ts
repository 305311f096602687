/**
 * Plex in the demo homelab: a library of a few thousand generated items with
 * posters, and a simulated plex.tv that lists the demo server, knows the demo
 * account, and approves a new sign-in by itself after a few seconds (so
 * "Sign in with Plex" can be tried without an account).
 */
import type { SettingsPatch } from '../../../../shared/contract/areas/settings';
import { secretNames, secretSpec, type SecretName } from '../../../../shared/contract/services';
import type { HttpListenerHost } from '../../hosting/http-listeners';
import { createPlexTvSimulator } from './simulator/plex-tv-simulator';
import type { SimSectionSpec } from './simulator/sim-library';

export const PLEX_DEMO_SECTIONS: readonly SimSectionSpec[] = [
  { key: '1', title: 'Movies', type: 'movie', size: 2_400, locations: ['/srv/media/movies'] },
  { key: '2', title: 'TV Shows', type: 'show', size: 600, locations: ['/srv/media/tv'] },
];

const ACCOUNT_TOKEN: SecretName = secretNames.find((name) => secretSpec(name).service === 'plex' && secretSpec(name).fromSignIn)!;
const DEMO_ACCOUNT_TOKEN = 'demo-plex-account-token';

/** The account secret the demo starts signed in with. */
export const PLEX_DEMO_SECRETS: Readonly<Partial<Record<SecretName, string>>> = { [ACCOUNT_TOKEN]: DEMO_ACCOUNT_TOKEN };

/** Starts the demo's plex.tv for the demo server; returns the settings that link it. */
export async function startPlexAccountDemo(listeners: HttpListenerHost, server: { url: string; machineIdentifier: string; token: string }): Promise<SettingsPatch> {
  const plexTv = createPlexTvSimulator({ autoClaimAfterMs: 3_000, username: 'demo-household' });
  plexTv.control.issueToken(DEMO_ACCOUNT_TOKEN);
  const port = new URL(server.url).port;
  plexTv.control.setResources([
    {
      name: 'Living Room',
      clientIdentifier: server.machineIdentifier,
      accessToken: server.token,
      connections: [{ protocol: 'http', address: '127.0.0.1', port: Number(port), uri: server.url, local: true, relay: false }],
    },
  ]);
  const listener = await listeners.listen({ name: 'demo-plex-tv', host: '127.0.0.1', port: 0, handler: plexTv.handler });
  return { plexAccount: { accountUrl: `http://127.0.0.1:${listener.port}`, serverId: server.machineIdentifier, serverName: 'Living Room' } };
}
