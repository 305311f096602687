/**
 * Where the shell finds its own files. The bundle lives at `dist/main/index.js`
 * (inside app.asar when packaged), so everything is resolved from there: the
 * preload and renderer next to it, the icons in `resources/` at the app root
 * (electron-builder.yml includes `resources/*.png` in the package).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  readonly preload: string;
  readonly rendererDir: string;
  readonly resourcesDir: string;
}

export function resolveAppPaths(mainModuleUrl: string): AppPaths {
  const mainDir = dirname(fileURLToPath(mainModuleUrl));
  const appRoot = join(mainDir, '..', '..');
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(mainDir, '..', 'renderer'),
    resourcesDir: join(appRoot, 'resources'),
  };
}
