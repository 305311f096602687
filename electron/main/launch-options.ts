/**
 * What a launch asks for: the profile (`--demo` or `MEDIANEST_PROFILE=demo`).
 */
import type { Profile } from '../core/app/data-paths';

export function resolveProfile(argv: readonly string[], env: NodeJS.ProcessEnv): Profile {
  if (argv.includes('--demo')) return 'demo';
  return env.MEDIANEST_PROFILE === 'demo' ? 'demo' : 'default';
}

