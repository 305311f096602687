/**
 * What the serve CLI does once its arguments are parsed: open the profile's
 * data folder, create the core, start the server (with a token for
 * non-loopback binds) and hand back one `stop()` that undoes all of it.
 * Kept apart from index.ts so tests can run it without touching the process.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveDataDir, type Profile } from '../core/app/data-paths';
import { createCore, type Core } from '../core/create-core';
import { createLogger } from '../core/logging/logger';
import { createFileSecretStore } from '../core/secrets/secret-store';
import { createConfSettingsStorage } from '../core/settings/conf-settings-storage';
import type { ServeCliArgs } from './cli-args';
import { isLoopbackHost } from './request-guards';
import { DEFAULT_SERVE_HOST, DEFAULT_SERVE_PORT, startServeServer, type ServeServer } from './serve-server';
import { readAppVersion, rendererDirFor } from './serve-paths';
import { loadOrCreateServeToken } from './serve-token';
import { formatServeUrl } from './serve-url';

export interface ServeCliHandle {
  readonly core: Core;
  readonly server: ServeServer;
  readonly dataDir: string;
  /** The URL to show the user; carries the token when one is required. */
  readonly displayUrl: string;
  /** Problems the user should hear about on the terminal (e.g. the UI is not built). */
  readonly notices: readonly string[];
  /** Stops the server, then disposes the core. */
  stop(): Promise<void>;
}

export interface ServeCliEnv {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the built renderer is; defaults to dist/renderer of this install. */
  readonly rendererDir?: string;
}

/** Starts core and server as the CLI does; the caller prints the URL and calls `stop()`. */
export async function startServeFromCli(args: ServeCliArgs, options: ServeCliEnv = {}): Promise<ServeCliHandle> {
  const env = options.env ?? process.env;
  const profile: Profile = args.demo ? 'demo' : 'default';
  const dataDir = args.dataDir ? resolve(args.dataDir) : resolveDataDir(profile, env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const host = args.host ?? DEFAULT_SERVE_HOST;
  // Only non-loopback binds need the token; on loopback the Host and Origin checks are the guard.
  const token = isLoopbackHost(host) ? undefined : loadOrCreateServeToken(dataDir);
  const rendererDir = options.rendererDir ?? rendererDirFor();
  const notices: string[] = [];
  if (!existsSync(join(rendererDir, 'index.html'))) notices.push(`The interface is not built (${rendererDir} is missing): run \`npm run build\`.`);

  // The terminal shows one line; the log carries warnings and errors unless asked for more.
  const logger = createLogger({ level: env.MEDIANEST_LOG_LEVEL ?? 'warn' });
  const core = await createCore(
    { dataDir, profile, mode: 'serve', version: readAppVersion(), demoHomelab: profile === 'demo' },
    { settingsStorage: createConfSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger },
  );
  const start = (port: number): Promise<ServeServer> => startServeServer({ core, rendererDir, host, port, ...(token === undefined ? {} : { token }) });
  let server: ServeServer;
  try {
    try {
      server = await start(args.port ?? DEFAULT_SERVE_PORT);
    } catch (error) {
      // Only the default port falls back: a port the user asked for should fail loudly.
      if (args.port !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      server = await start(0);
    }
  } catch (error) {
    await core.dispose();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    core,
    server,
    dataDir,
    displayUrl: formatServeUrl(host, server.port, token),
    notices,
    stop() {
      stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          await core.dispose();
          logger.flush();
        }
      })();
      return stopping;
    },
  };
}
