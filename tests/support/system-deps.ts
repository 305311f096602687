/**
 * Gates for suites that need a real program from the system (Chromium, yt-dlp,
 * ffmpeg). Without the program a suite is skipped with a printed reason, except
 * under MEDIANEST_REQUIRE_SYSTEM_DEPS=1 (CI), where missing means failure.
 */
import { it } from 'vitest';
import { programAvailability, type SystemProgram } from './system-programs';

export { programAvailability, SYSTEM_PROGRAMS, type ProgramAvailability, type SystemProgram } from './system-programs';

/**
 * Call at the top level of a test file. Returns whether to skip the suite;
 * prints why when skipping, and registers a failing test instead when system
 * dependencies are required.
 */
export function gateSystemSuite(suite: string, program: SystemProgram, availability = programAvailability(program)): { readonly skip: boolean } {
  if (availability.available) return { skip: false };
  if (availability.required) {
    it(`${suite}: needs ${program.name} (MEDIANEST_REQUIRE_SYSTEM_DEPS=1)`, () => {
      throw new Error(`${availability.reason} The suite "${suite}" cannot run.`);
    });
  } else {
    console.warn(`Skipping "${suite}": ${availability.reason} Set MEDIANEST_REQUIRE_SYSTEM_DEPS=1 to make this a failure.`);
  }
  return { skip: true };
}
