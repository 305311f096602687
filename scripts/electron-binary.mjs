// The Electron binary, shared by start.mjs, dist.mjs and the _electron test suite.
//
// npm skips Electron's own download (package.json allowScripts electron=false),
// so these helpers run its install script on demand and explain in one line
// why there is no binary when it cannot be had. Native modules need nothing
// here: better-sqlite3 ships Node-API prebuilds that load in Node and Electron alike.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** One line saying why `node node_modules/electron/install.js` did not produce a binary. */
export function describeInstallFailure(output, { timedOut = false, timeoutMs = 120_000, env = process.env } = {}) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'Electron is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)';
  if (timedOut) return `Electron could not be downloaded (the download did not finish within ${Math.round(timeoutMs / 1000)} s)`;
  const text = String(output ?? '');
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|fetch failed/i.test(text)) {
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
