/**
 * Where MediaNest keeps its data. The folder is the one Electron calls
 * `userData` for the product name, so the desktop app and serve mode share
 * settings, cache and secrets. The demo profile has a folder of its own.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Profile = 'default' | 'demo';

export const PRODUCT_NAME = 'MediaNest';

export function profileFolderName(profile: Profile): string {
  return profile === 'demo' ? `${PRODUCT_NAME} Demo` : PRODUCT_NAME;
}

export function resolveDataDir(profile: Profile, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MEDIANEST_DATA_DIR) return env.MEDIANEST_DATA_DIR;
  const folder = profileFolderName(profile);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), folder);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', folder);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), folder);
}
