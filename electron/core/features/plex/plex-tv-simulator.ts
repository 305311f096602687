/**
 * A plex.tv simulator for the demo homelab and tests: simulator/plex-tv-simulator.ts
 * (PINs, the account, its servers; JSON errors, 401 for a missing or unknown
 * token, XML unless asked for JSON) behind the shared simulator shape
 * (request log, modes).
 */
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';
import { createPlexTvHandler, type PlexTvControl, type PlexTvHandlerOptions } from './simulator/plex-tv-simulator';

export interface PlexTvSimulatorOptions extends SimulatorHosting, Omit<PlexTvHandlerOptions, 'tokens'> {
  /** An account token it accepts from the start; default PLEX_TV_SIMULATOR_TOKEN. */
  readonly token?: string;
}

export type PlexTvSimulator = Simulator<SimulatorControl & { readonly token: string; readonly account: PlexTvControl }>;

/** The account token it accepts unless told otherwise (the demo starts signed in with it). */
export const PLEX_TV_SIMULATOR_TOKEN = 'demo-plex-account-token';

export const PLEX_TV_UNAUTHENTICATED = { errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] } as const;

export async function createPlexTvSimulator(options: PlexTvSimulatorOptions = {}): Promise<PlexTvSimulator> {
  const token = options.token ?? PLEX_TV_SIMULATOR_TOKEN;
  const plexTv = createPlexTvHandler({ ...options, tokens: [token] });
  const simulator = await startSimulator(plexTv.handler, { ...options, name: options.name ?? 'plex-tv-simulator' }, { token, account: plexTv.control });
  return {
    ...simulator,
    async close() {
      plexTv.dispose();
      await simulator.close();
    },
  };
}
