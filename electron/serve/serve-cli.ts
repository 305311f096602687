/**
 * What the serve CLI does once its arguments are parsed: open the profile's
 * data folder, create the core, start the server with the data folder's token
 * and hand back one `stop()` that undoes all of it.
 * Kept apart from index.ts so tests can run it without touching the process.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveDataDir, type Profile } from '../core/app/data-paths';
import { createCore, type Core } from '../core/create-core';
import { createAppLogger } from '../core/logging/app-logger';
import { createFileSecretStore } from '../core/secrets/secret-store';
import { createSettingsStorage } from '../core/settings/settings-storage';
import type { ServeCliArgs } from './cli-args';
import { DEFAULT_SERVE_HOST, DEFAULT_SERVE_PORT, startServeServer, type ServeServer } from './serve-server';
import { readAppVersion, rendererDirFor } from './serve-paths';
import { loadOrCreateServeToken } from './serve-token';

export interface ServeCliHandle {
  readonly core: Core;
  readonly server: ServeServer;
  readonly dataDir: string;
  /** The link to show the user, with the token: whoever has it controls MediaNest. */
  readonly displayUrl: string;
  /** The rotating log file in the data folder, when it could be opened. */
  readonly logFile: string | undefined;
  /** Problems the user should hear about on the terminal (e.g. the UI is not built). */
  readonly notices: readonly string[];
  /** Stops the server, then disposes the core. */
  stop(): Promise<void>;
}

export interface ServeCliEnv {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the built renderer is; defaults to dist/renderer of this install. */
  readonly rendererDir?: string;
  /** Where readable warnings go; default stderr. */
  readonly terminal?: (text: string) => void;
}

/** Starts core and server as the CLI does; the caller prints the URL and calls `stop()`. */
export async function startServeFromCli(args: ServeCliArgs, options: ServeCliEnv = {}): Promise<ServeCliHandle> {
  const env = options.env ?? process.env;
  const profile: Profile = args.demo ? 'demo' : 'default';
  const dataDir = args.dataDir ? resolve(args.dataDir) : resolveDataDir(profile, env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const host = args.host ?? DEFAULT_SERVE_HOST;
  // Every bind needs the token: any account on this machine can reach a loopback port.
  const token = loadOrCreateServeToken(dataDir);
  const rendererDir = options.rendererDir ?? rendererDirFor();
  const notices: string[] = [];
  if (!existsSync(join(rendererDir, 'index.html'))) notices.push(`The interface is not built (${rendererDir} is missing): run \`npm run build\`.`);

  // The file keeps info and up (or what MEDIANEST_LOG_LEVEL asks for); the terminal only readable warnings.
  const appLogger = createAppLogger({ dataDir, level: env.MEDIANEST_LOG_LEVEL || 'info', ...(options.terminal ? { terminal: options.terminal } : {}) });
  const { logger } = appLogger;
  if (appLogger.notice) notices.push(appLogger.notice);
  let core: Core;
  try {
    core = await createCore(
      { dataDir, profile, mode: 'serve', version: readAppVersion(), demoHomelab: profile === 'demo' },
      { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger, extraSecrets: () => [token] },
    );
  } catch (error) {
    logger.error({ err: error }, 'MediaNest could not start');
    appLogger.close();
    throw error;
  }
  const start = (port: number): Promise<ServeServer> => startServeServer({ core, rendererDir, host, port, token });
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
    appLogger.close();
    throw error;
  }
  // The address without the token: the log is for bug reports, the token is for the household.
  logger.info({ url: server.url, host }, 'serve mode is listening');
  let stopping: Promise<void> | undefined;
  return {
    core,
    server,
    dataDir,
    displayUrl: server.link,
    logFile: appLogger.logFile,
    notices,
    stop() {
      stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          await core.dispose();
          appLogger.close();
        }
      })();
      return stopping;
    },
  };
}

/** What the person who started MediaNest needs to know, once. */
export function startupLines(handle: Pick<ServeCliHandle, 'displayUrl' | 'logFile'>): string[] {
  return [
    `MediaNest is running at ${handle.displayUrl}`,
    'Whoever has this link controls MediaNest and the services it is connected to: open it only on your own devices and share it only with your household.',
    ...(handle.logFile ? [`Log file: ${handle.logFile}`] : []),
  ];
}
