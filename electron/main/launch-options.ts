/**
 * What a launch asks for: the profile (`--demo` or `MEDIANEST_PROFILE=demo`)
 * and, in development, a better-sqlite3 build for Electron's ABI.
 */
import { existsSync } from 'node:fs';
import type { Profile } from '../core/app/data-paths';

export function resolveProfile(argv: readonly string[], env: NodeJS.ProcessEnv): Profile {
  if (argv.includes('--demo')) return 'demo';
  return env.MEDIANEST_PROFILE === 'demo' ? 'demo' : 'default';
}

/**
 * `npm start` keeps Node's better-sqlite3 build in node_modules (tests, serve
 * mode) and passes Electron's build as MEDIANEST_SQLITE_BINDING
 * (scripts/electron-abi.mjs). Packaged apps ship the Electron build in place,
 * so the variable is ignored there. A path that does not exist is an error
 * now, with the variable's name in it, rather than a module error later.
 */
export function resolveSqliteBinding(env: NodeJS.ProcessEnv, development: boolean): string | undefined {
  const file = env.MEDIANEST_SQLITE_BINDING;
  if (!development || !file) return undefined;
  if (!existsSync(file)) throw new Error(`MEDIANEST_SQLITE_BINDING points at ${file}, which does not exist. Run \`npm start\` to build it.`);
  return file;
}
