/**
 * Finds a program the way a shell would (PATH; on Windows with .exe or .com),
 * but without a shell: the tools are then run by absolute path.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter as posixDelimiter, isAbsolute, join } from 'node:path';

export interface PathEnv {
  readonly PATH?: string;
  readonly Path?: string;
}

/** Whether `path` is a file this process may run. */
export function isRunnableFile(path: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    // Windows has no execute bit: existence is all that can be checked.
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first runnable `command` on PATH, as an absolute path, or undefined. */
export function findOnPath(command: string, env: PathEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const delimiter = platform === 'win32' ? ';' : posixDelimiter;
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
  // Batch files (.cmd, .bat) only run through a shell, and no tool is ever run through one.
  const extensions = platform === 'win32' ? ['.exe', '.com'] : [''];
  for (const dir of dirs) {
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      if (isRunnableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}
