/**
 * Recorded responses from real servers, read from the shared folder beside the
 * project (`../shared/contracts/samples/`). Where it is absent (a fresh clone
 * elsewhere), `sampleDir` returns null after printing why, and the calling
 * suite skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../electron/serve/serve-paths';

const SAMPLES = join(projectRoot(import.meta.url), '..', 'shared', 'contracts', 'samples');

/** The folder of one recording, or null (with a printed reason) when it is not there. */
export function sampleDir(name: string, suite: string): string | null {
  const dir = join(SAMPLES, name);
  if (existsSync(dir)) return dir;
  console.log(`${suite}: skipped, the recorded samples are not at ${dir}`);
  return null;
}

export function readSample(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
