/**
 * The JavaScript runtime a current yt-dlp needs for YouTube's challenges:
 * Deno (yt-dlp's recommendation), else Node.js, found on PATH and passed as
 * `--js-runtimes deno:/path` or `node:/path`. Electron's own binary is never
 * used: it would start another MediaNest, not a Node.js.
 */
import { realpathSync } from 'node:fs';
import type { ToolStatus } from '../../../../../shared/contract/areas/downloads';
import { findOnPath, type PathEnv } from './find-on-path';
import type { RunVersion } from './run-version';
import { toolStatus } from './tool-status';

export interface JsRuntimeDiscoveryInput {
  readonly env: PathEnv;
  readonly platform: NodeJS.Platform;
  readonly runVersion: RunVersion;
  /** Programs that must not be taken for a runtime (Electron's own binary). */
  readonly exclude: readonly string[];
}

export interface JsRuntimeDiscovery {
  /** The `--js-runtimes` value. */
  readonly value: string | undefined;
  readonly status: ToolStatus;
}

interface Runtime {
  readonly name: 'deno' | 'node';
  /** The oldest release yt-dlp's challenge solver supports. */
  readonly minimum: readonly number[];
  readonly parse: (stdout: string) => string | undefined;
}

const RUNTIMES: readonly Runtime[] = [
  { name: 'deno', minimum: [2, 3, 0], parse: (stdout) => /^deno (\d+\.\d+\.\d+)/m.exec(stdout)?.[1] },
  { name: 'node', minimum: [20, 0, 0], parse: (stdout) => /^v(\d+\.\d+\.\d+)\s*$/m.exec(stdout)?.[1] },
];

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let index = 0; index < minimum.length; index++) {
    const difference = (parts[index] ?? 0) - (minimum[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const INSTALL = 'Install Deno (deno.com) or Node.js 20 or later and check again';

export async function discoverJsRuntime(input: JsRuntimeDiscoveryInput): Promise<JsRuntimeDiscovery> {
  const excluded = new Set(input.exclude.map(real));
  const unusable: string[] = [];
  for (const runtime of RUNTIMES) {
    const path = findOnPath(runtime.name, input.env, input.platform);
    if (path === undefined || excluded.has(real(path))) continue;
    let version: string | undefined;
    try {
      version = runtime.parse((await input.runVersion(path, ['--version'])).stdout);
    } catch (error) {
      unusable.push(`the ${runtime.name} at ${path} does not run (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (version === undefined) {
      unusable.push(`the ${runtime.name} at ${path} printed no version`);
      continue;
    }
    if (!atLeast(version, runtime.minimum)) {
      unusable.push(`the ${runtime.name} at ${path} is ${version}, older than the ${runtime.minimum.join('.')} yt-dlp needs`);
      continue;
    }
    return { value: `${runtime.name}:${path}`, status: toolStatus({ name: 'js-runtime', label: runtime.name, path, version, origin: 'system' }) };
  }
  const problem =
    unusable.length > 0
      ? `No usable JavaScript runtime: ${unusable.join('; ')}. YouTube needs one with a current yt-dlp. ${INSTALL}.`
      : `No JavaScript runtime found: YouTube needs one with a current yt-dlp. ${INSTALL}.`;
  return { value: undefined, status: toolStatus({ name: 'js-runtime', label: 'JavaScript runtime', problem, severity: 'warning' }) };
}
