/**
 * Finds the files serve mode needs relative to where its code runs, which is
 * dist/serve/index.js when built and electron/serve/*.ts under a test runner
 * or tsx; both are two folders below the project root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project (or installed app) root, from a module URL two levels below it. */
export function projectRoot(moduleUrl: string = import.meta.url): string {
  return resolve(dirname(fileURLToPath(moduleUrl)), '..', '..');
}

/** dist/renderer under the root; exists or not, it is where the build puts the UI. */
export function rendererDirFor(root: string = projectRoot()): string {
  return join(root, 'dist', 'renderer');
}

/** The app version from package.json, or "0.0.0" when it cannot be read. */
export function readAppVersion(root: string = projectRoot()): string {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return '0.0.0';
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
