// Electron binary and native-module ABI helpers, shared by start.mjs, dist.mjs
// and the _electron test suite.
//
// Two builds of better-sqlite3 live side by side (docs: PLATFORM.md section 5):
// - node_modules/better-sqlite3/build/Release: Node's ABI, for tests and serve
//   mode. Nothing here ever modifies it.
// - .cache/better-sqlite3-electron/<key>/better_sqlite3.node: Electron's ABI,
//   built by electron-rebuild in a private copy of the package, so a failed
//   rebuild (which deletes build/) or a half-finished one never touches the
//   Node build. Electron is pointed at it with MEDIANEST_SQLITE_BINDING;
//   dist.mjs swaps it into build/Release only while electron-builder packs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const electronDir = (root) => join(root, 'node_modules', 'electron');

const DEFAULT_EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/**
 * The Electron executable, or null when node_modules/electron/path.txt or the
 * binary itself is missing. Like electron's own index.js, ELECTRON_OVERRIDE_DIST_PATH
 * points at an unpacked Electron elsewhere (then path.txt is optional).
 */
export function electronBinaryPath({ root = projectRoot, env = process.env, platform = process.platform } = {}) {
  const pathFile = join(electronDir(root), 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || (DEFAULT_EXECUTABLE[platform] ?? 'electron'));
  else if (relative !== '') binary = join(electronDir(root), 'dist', relative);
  else return null;
  return existsSync(binary) ? binary : null;
}

/** The NODE_MODULE_VERSION Electron's native modules must be built for (node_modules/electron/abi_version). */
export function electronAbi({ root = projectRoot } = {}) {
  const abi = Number.parseInt(readFileSync(join(electronDir(root), 'abi_version'), 'utf8').trim(), 10);
  if (!Number.isInteger(abi)) throw new Error('node_modules/electron/abi_version does not hold a number');
  return abi;
}

export function electronVersion({ root = projectRoot } = {}) {
  return JSON.parse(readFileSync(join(electronDir(root), 'package.json'), 'utf8')).version;
}

/**
 * The ABI a native module was built for, read from its exported
 * `node_register_module_v<N>` symbol (no `nm` needed); null when the file has
 * none (a Node-API module) or cannot be read.
 */
export function moduleAbi(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? Number.parseInt(match[1], 10) : null;
}

/** One line saying why `node node_modules/electron/install.js` did not produce a binary. */
export function describeInstallFailure(output, { timedOut = false, timeoutMs = 120_000, env = process.env } = {}) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'Electron is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)';
  if (timedOut) return `Electron could not be downloaded (the download did not finish within ${Math.round(timeoutMs / 1000)} s)`;
  const text = String(output ?? '');
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up/i.test(text)) {
    return 'Electron could not be downloaded (no network access to its release files)';
  }
  if (/checksum|sha256/i.test(text)) return 'Electron could not be downloaded (the file failed its checksum)';
  if (/\b40[134]\b|HTTPError/i.test(text)) return 'Electron could not be downloaded (its release server refused the request)';
  const line = text
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => /error/i.test(entry) && !entry.startsWith('at '));
  return `Electron could not be installed (${(line ?? 'no binary after node_modules/electron/install.js').slice(0, 160)})`;
}

/**
 * Makes sure the Electron binary exists, downloading it with Electron's own
 * install script (skipped by npm here: package.json allowScripts electron=false).
 * Returns `{ path }` or `{ path: null, reason }` with a one-line reason.
 */
export function ensureElectronBinary({ root = projectRoot, env = process.env, timeoutMs = 120_000 } = {}) {
  const existing = electronBinaryPath({ root, env });
  if (existing) return { path: existing, reason: null };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { path: null, reason: describeInstallFailure('', { env }) };
  const result = spawnSync(process.execPath, [join(electronDir(root), 'install.js')], {
    cwd: electronDir(root),
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  });
  const installed = electronBinaryPath({ root, env });
  if (installed) return { path: installed, reason: null };
  const timedOut = result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGKILL';
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error?.message ?? ''}`;
  return { path: null, reason: describeInstallFailure(output, { timedOut, timeoutMs, env }), output };
}

/** The environment for native builds: npm's `nodedir` (=/usr in ~/.npmrc here) would make node-gyp build Node's ABI. */
export function nativeBuildEnv(env = process.env) {
  const clean = { ...env };
  for (const key of Object.keys(clean)) if (key.toLowerCase() === 'npm_config_nodedir') delete clean[key];
  return clean;
}

function betterSqliteDir(root) {
  return join(root, 'node_modules', 'better-sqlite3');
}

/** The Node-ABI build that tests and serve mode load. */
export function nodeSqliteBinding({ root = projectRoot } = {}) {
  return join(betterSqliteDir(root), 'build', 'Release', 'better_sqlite3.node');
}

/** Where the Electron-ABI build of better-sqlite3 is kept for this Electron and better-sqlite3 version. */
export function electronSqliteBinding({ root = projectRoot } = {}) {
  const sqliteVersion = JSON.parse(readFileSync(join(betterSqliteDir(root), 'package.json'), 'utf8')).version;
  const key = `better-sqlite3-${sqliteVersion}-electron-${electronVersion({ root })}-${process.platform}-${process.arch}`;
  return join(root, '.cache', 'better-sqlite3-electron', key, 'better_sqlite3.node');
}

/**
 * Returns the Electron-ABI better-sqlite3 build, building it first if needed.
 * The build runs electron-rebuild on a private copy of the package (with
 * npm_config_nodedir removed), checks the result's ABI against abi_version,
 * and never touches node_modules/better-sqlite3. Throws with a readable
 * message when it cannot (e.g. no network for Electron's headers).
 */
export function ensureElectronSqlite({ root = projectRoot, env = process.env, log = (line) => console.log(line), timeoutMs = 15 * 60_000 } = {}) {
  const abi = electronAbi({ root });
  const target = electronSqliteBinding({ root });
  if (moduleAbi(target) === abi) return target;

  const version = electronVersion({ root });
  const workDir = join(root, '.cache', 'better-sqlite3-electron', 'work');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, 'node_modules'), { recursive: true });
  const sqliteVersion = JSON.parse(readFileSync(join(betterSqliteDir(root), 'package.json'), 'utf8')).version;
  const manifest = { name: 'medianest-sqlite-electron-build', private: true, version: '0.0.0', dependencies: { 'better-sqlite3': sqliteVersion } };
  writeFileSync(join(workDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // A lockfile marks workDir as the project root for electron-rebuild, so its module search stops here.
  writeFileSync(join(workDir, 'package-lock.json'), `${JSON.stringify({ name: manifest.name, version: '0.0.0', lockfileVersion: 3, packages: {} }, null, 2)}\n`);
  cpSync(betterSqliteDir(root), join(workDir, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (source) => source !== join(betterSqliteDir(root), 'build') && !source.startsWith(join(betterSqliteDir(root), 'build') + sep),
  });

  log(`Building better-sqlite3 for Electron ${version} (ABI ${abi}); this takes about a minute the first time…`);
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--force', '--which-module', 'better-sqlite3', '--only', 'better-sqlite3', '--version', version, '--module-dir', workDir],
    { cwd: workDir, env: nativeBuildEnv(env), encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
  );
  const built = join(workDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const builtAbi = moduleAbi(built);
  if (result.status !== 0 || builtAbi !== abi) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error?.message ?? ''}`;
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo|network connectivity/i.test(output);
    const why = offline
      ? "Electron's headers could not be downloaded (no network access to electronjs.org)"
      : builtAbi !== null && builtAbi !== abi
        ? `the build has ABI ${builtAbi}, Electron needs ${abi}`
        : `electron-rebuild exited with ${result.status ?? result.signal ?? result.error?.code}`;
    const error = new Error(`better-sqlite3 could not be built for Electron ${version}: ${why}.`);
    error.output = output;
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
  rmSync(workDir, { recursive: true, force: true });
  return target;
}

// --- Packaging swap (dist.mjs only) -----------------------------------------
// electron-builder packs node_modules as they are, so while it runs the
// Electron build must sit in build/Release. The Node build is moved aside
// first and a marker records the swap; restoreNodeSqlite() puts it back and is
// also called at the start of start.mjs and dist.mjs, so a packaging run that
// was killed half-way never leaves tests with the wrong ABI.

function swapPaths(root) {
  const dir = join(root, '.cache', 'better-sqlite3-node');
  return { dir, saved: join(dir, 'better_sqlite3.node'), marker: join(dir, 'SWAPPED') };
}

/** Replaces a file without writing through hard links (node-gyp hard-links its outputs). */
function replaceFile(source, destination) {
  const temp = `${destination}.${process.pid}.tmp`;
  copyFileSync(source, temp);
  renameSync(temp, destination);
}

/** Puts the Electron build into build/Release, keeping the Node build in .cache/better-sqlite3-node. */
export function swapInElectronSqlite(electronBuild, { root = projectRoot } = {}) {
  restoreNodeSqlite({ root });
  const { dir, saved, marker } = swapPaths(root);
  const live = nodeSqliteBinding({ root });
  mkdirSync(dir, { recursive: true });
  copyFileSync(live, saved);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  replaceFile(electronBuild, live);
}

/** Undoes swapInElectronSqlite (no-op when nothing is swapped). Returns true when it restored. */
export function restoreNodeSqlite({ root = projectRoot } = {}) {
  const { saved, marker } = swapPaths(root);
  if (!existsSync(marker)) return false;
  if (existsSync(saved)) {
    mkdirSync(dirname(nodeSqliteBinding({ root })), { recursive: true });
    replaceFile(saved, nodeSqliteBinding({ root }));
  }
  rmSync(marker, { force: true });
  return true;
}
