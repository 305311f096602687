/**
 * The requests side of the demo homelab: TMDB's image server for posters,
 * an Overseerr that moves each request along on its own (pending → approved
 * → processing → available, a few seconds a step), and its webhook pointed
 * at MediaNest's receiver on loopback with a secret made for this run.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { SettingsPatch } from '../../../shared/contract/areas/settings';
import { secretNameOf } from '../../../shared/contract/services';
import { createOverseerrSimulator, type OverseerrSimulator } from '../features/overseerr/overseerr-simulator';
import { createTmdbImageSimulator } from '../features/overseerr/simulator/tmdb-image-simulator';
import type { PlexSimulator } from '../features/plex/plex-simulator';
import { PERMISSION } from '../features/overseerr/simulator/sim-state';
import { WEBHOOK_PATH } from '../features/overseerr/webhook-receiver';
import type { HttpListenerHost } from '../hosting/http-listeners';
import type { Simulator, SimulatorHosting } from '../hosting/simulator-server';

/** How long each step of a demo request takes. */
export const DEMO_STEP_MS = 4_000;

/** Where the demo's Plex keeps films and shows: its first and second sections (PLEX_DEMO_SECTIONS). */
const PLEX_SECTION = { movie: { key: '1', folder: '/srv/media/movies' }, tv: { key: '2', folder: '/srv/media/tv' } } as const;

/**
 * The demo's Overseerr: its API key's user may request and manage requests but
 * does not auto-approve, so every step shows; a title that becomes available
 * appears in the demo's Plex library, as Radarr or Sonarr and Plex's scan would
 * have put it there, and Overseerr learns its rating key.
 */
export function startDemoOverseerr(hosting: SimulatorHosting, plex?: PlexSimulator): Promise<OverseerrSimulator> {
  return createOverseerrSimulator({
    ...hosting,
    autoAdvanceMs: DEMO_STEP_MS,
    keyUserPermissions: PERMISSION.REQUEST | PERMISSION.MANAGE_REQUESTS | PERMISSION.MANAGE_USERS,
    onAvailable: (title) => {
      if (!plex) return undefined;
      const { key, folder } = PLEX_SECTION[title.mediaType];
      const name = `${title.title} (${title.date.slice(0, 4)})`;
      return plex.control.pms.library.add(key, title.title, `${folder}/${name}/${name}.mkv`);
    },
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Posters from a simulated TMDB, and Overseerr's webhook into MediaNest; returns the settings and secret for both. */
export async function startRequestsDemo(simulator: Simulator, listeners: HttpListenerHost): Promise<SettingsPatch> {
  const images = await createTmdbImageSimulator({ listeners, name: 'demo-tmdb-images' });
  const port = await freeLoopbackPort();
  const secret = randomBytes(18).toString('base64url');
  (simulator as OverseerrSimulator).control.setWebhook({ webhookUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, authHeader: `Bearer ${secret}` });
  return {
    requests: { tmdbImageBase: `${images.url}/t/p`, webhookEnabled: true, webhookHost: '127.0.0.1', webhookPort: port, reconcileMinutes: 0.5 },
    secrets: { [secretNameOf('overseerr', 'webhookSecret')]: secret },
  };
}
