#!/usr/bin/env node
// `npm run dist`: packages MediaNest with electron-builder (electron-builder.yml).
//
// 1. makes sure the Electron binary exists (Electron's install script) and
//    hands its folder to electron-builder as electronDist, so electron-builder
//    does not download Electron itself;
// 2. builds every bundle;
// 3. runs electron-builder with any extra arguments (e.g. `npm run dist -- --linux dir`).
// Whatever cannot be had offline ends in one clear line and a non-zero exit.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ensureElectronBinary, projectRoot } from './electron-binary.mjs';

const extraArgs = process.argv.slice(2);

function fail(line, code = 1) {
  console.error(line);
  process.exit(code);
}

function build() {
  const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) fail(`MediaNest was not packaged: the build failed (exit ${result.status ?? result.signal}).`);
}

/** Runs electron-builder, echoing its output and keeping it to explain a failure. */
function runElectronBuilder(electronDist) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`, ...extraArgs],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
    );
    let output = '';
    const keep = (chunk, stream) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      stream.write(text);
    };
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function explainBuilderFailure(output) {
  const host = /ENOTFOUND\s+([\w.-]+)/.exec(output)?.[1];
  if (host || /EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo/i.test(output)) {
    return `MediaNest was not packaged: electron-builder could not download its packaging tools (no network access to ${host ?? 'its download servers'}).`;
  }
  const line = output
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry.startsWith('⨯'));
  return `MediaNest was not packaged: electron-builder failed${line ? ` (${line.replace(/^⨯\s*/, '').slice(0, 200)})` : ''}.`;
}

async function main() {
  // The binary first: without it nothing else is worth doing.
  const electron = ensureElectronBinary();
  if (!electron.path) fail(`MediaNest was not packaged: ${electron.reason}.`);
  // electronDist is the folder holding the executable (node_modules/electron/dist, or the override).
  const electronDist = dirname(electron.path);

  build();

  const result = await runElectronBuilder(electronDist);
  if (result.code !== 0) fail(explainBuilderFailure(result.output), result.code);
  console.log('MediaNest was packaged into release/.');
}

await main();
