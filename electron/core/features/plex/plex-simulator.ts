/**
 * A Plex Media Server simulator for the demo homelab and tests, answering as
 * PMS does: XML unless the client sends `Accept: application/json`, `/identity`
 * without a token, and 401 (an HTML page) on every other path without a valid
 * token, given as the `X-Plex-Token` header or query parameter.
 *
 * The server itself (generated library, paging, filters, posters, scans,
 * collections, sessions, its own fault modes) is simulator/pms-simulator.ts;
 * this puts it behind the shared simulator shape (request log, modes).
 */
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../hosting/simulator-server';
import { createPmsSimulator, type PmsSimulatorControl, type PmsSimulatorOptions } from './simulator/pms-simulator';

/** The token the simulator accepts unless told otherwise. */
export const PLEX_SIMULATOR_TOKEN = 'demo-plex-token';

export interface PlexSimulatorOptions extends SimulatorHosting, Omit<PmsSimulatorOptions, 'tokens'> {
  readonly token?: string;
}

export type PlexSimulator = Simulator<SimulatorControl & { readonly token: string; readonly machineIdentifier: string; readonly pms: PmsSimulatorControl }>;

export async function createPlexSimulator(options: PlexSimulatorOptions = {}): Promise<PlexSimulator> {
  const token = options.token ?? PLEX_SIMULATOR_TOKEN;
  const machineIdentifier = options.machineIdentifier ?? 'medianest-demo-0001';
  const pms = createPmsSimulator({ ...options, tokens: [token], machineIdentifier });
  const simulator = await startSimulator(pms.handler, { ...options, name: options.name ?? 'plex-simulator' }, { token, machineIdentifier, pms: pms.control });
  return {
    ...simulator,
    async close() {
      pms.dispose();
      await simulator.close();
    },
  };
}
