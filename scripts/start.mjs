#!/usr/bin/env node
// `npm start` (and `npm run demo`, which adds --demo): runs MediaNest as the
// Electron app when it can, and otherwise in serve mode in the browser, saying
// why in one line.
//
// Electron needs two things, checked in this order:
// 1. its binary (downloaded here by Electron's own install script, which npm
//    skips because package.json allowScripts has electron=false);
// 2. a display (Linux: DISPLAY or WAYLAND_DISPLAY).
// better-sqlite3 is a Node-API module: the same file loads in Node and Electron.
// Arguments are passed through to Electron or to the serve CLI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronBinary, projectRoot } from './electron-binary.mjs';

const args = process.argv.slice(2);
const demo = args.includes('--demo') || process.env.MEDIANEST_PROFILE === 'demo';
const passThrough = args.filter((arg) => arg !== '--demo');
const profileArgs = demo ? ['--demo'] : [];

/** Builds every bundle; on failure prints `context` (if any) and the failure, then exits. */
function build(context) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    if (context) console.error(context);
    console.error(`The build failed (exit ${result.status ?? result.signal}); see the messages above.`);
    process.exit(result.status || 1);
  }
}

/**
 * Runs a child in the foreground; its exit code becomes ours.
 *
 * Ctrl+C reaches the whole process group, child included, so SIGINT is not
 * forwarded (serve mode treats a second signal as "exit at once"). SIGTERM and
 * SIGHUP may have been sent to this process alone (a service manager) or to the
 * group (`timeout`, a closed terminal): they are forwarded after a short grace
 * period, only if the child has not already exited.
 */
function runForeground(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: projectRoot, stdio: 'inherit', env });
  const running = () => child.exitCode === null && child.signalCode === null;
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      setTimeout(() => {
        if (running()) child.kill(signal);
      }, 300).unref();
    });
  }
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Serve mode prints `reasonLine` itself, just before its URL, so it is not printed here as well. */
function startServe(reasonLine) {
  build(reasonLine);
  const entry = join(projectRoot, 'dist', 'serve', 'index.js');
  if (!existsSync(entry)) {
    console.error(reasonLine);
    console.error('Serve mode is not available either: dist/serve/index.js was not built (electron/serve/index.ts is missing).');
    process.exit(1);
  }
  runForeground(process.execPath, [entry, ...profileArgs, ...passThrough, '--reason', reasonLine], process.env);
}

function fallBack(why) {
  startServe(`${why}; starting MediaNest in serve mode instead.`);
}

function main() {
  const electron = ensureElectronBinary();
  if (!electron.path) return fallBack(electron.reason);

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return fallBack('No display is available for the Electron window (DISPLAY and WAYLAND_DISPLAY are unset)');
  }

  build();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // `.` is the project: Electron reads package.json (name, version, main: dist/main/index.js).
  runForeground(electron.path, [projectRoot, ...profileArgs, ...passThrough], env);
}

main();
