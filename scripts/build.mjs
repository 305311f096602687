#!/usr/bin/env node
// Builds every bundle: the renderer (Vite) and the Node-side entries (esbuild).
// Node-side bundles keep node_modules external: electron-builder ships them and
// native modules (better-sqlite3) must be loaded from disk.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

const node = {
  bundle: true,
  platform: 'node',
  // The lowest Node the bundles meet: Electron 45's own (22); serve mode and tests run on 24.
  target: 'node22',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // ESM bundles still meet CommonJS-only code (require of JSON, __dirname in deps).
  banner: {
    js: "import { createRequire as __mnCreateRequire } from 'node:module'; const require = __mnCreateRequire(import.meta.url);",
  },
};

const entries = [
  { name: 'main', entry: 'electron/main/index.ts', out: 'dist/main/index.js', options: node },
  {
    name: 'preload',
    entry: 'electron/preload/index.ts',
    out: 'dist/preload/index.cjs',
    // Sandboxed preloads can only require('electron'): bundle everything else into one CommonJS file.
    options: { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron'], sourcemap: true, logLevel: 'warning', absWorkingDir: root },
  },
  { name: 'serve', entry: 'electron/serve/index.ts', out: 'dist/serve/index.js', options: node },
  { name: 'bench', entry: 'bench/run.ts', out: 'dist/bench/run.js', options: node },
];

for (const { name, entry, out, options } of entries) {
  if (!wanted(name) || !existsSync(join(root, entry))) continue;
  mkdirSync(dirname(join(root, out)), { recursive: true });
  await build({ ...options, entryPoints: [entry], outfile: out });
}

if (wanted('renderer')) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
