/**
 * Parses the serve CLI's arguments:
 * `[--demo] [--host H] [--port P] [--data-dir D] [--reason "<why>"] [--help]`.
 */
import { parseArgs } from 'node:util';

export interface ServeCliArgs {
  readonly demo: boolean;
  readonly host: string | undefined;
  /** Undefined means "the default port, or any free one if it is taken". */
  readonly port: number | undefined;
  readonly dataDir: string | undefined;
  readonly reason: string | undefined;
  readonly help: boolean;
}

export const SERVE_USAGE = `Usage: node dist/serve/index.js [--demo] [--host H] [--port P] [--data-dir D] [--reason "<why>"]

  --demo        use the demo profile (its own data folder)
  --host H      address to listen on (default 127.0.0.1; 0.0.0.0 for other devices); every address needs the token in the printed link
  --port P      port (default 5573, or a free port if 5573 is taken; 0 = any free port)
  --data-dir D  data folder (default: the profile's folder, shared with the desktop app)
  --reason R    a line printed before the URL, saying why this server was started`;

/** Thrown for arguments we cannot use; the message is meant for the user. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Parses argv (without node and the script); throws CliUsageError for anything unusable. */
export function parseServeArgs(argv: readonly string[]): ServeCliArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535) throw new CliUsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    port = Number(values.port);
  }
  if (values.host !== undefined && values.host.trim() === '') throw new CliUsageError('--host must not be empty.');
  if (values['data-dir'] !== undefined && values['data-dir'].trim() === '') throw new CliUsageError('--data-dir must not be empty.');
  return {
    demo: values.demo ?? false,
    host: values.host?.trim(),
    port,
    dataDir: values['data-dir'],
    reason: values.reason,
    help: values.help ?? false,
  };
}

/** node:util parseArgs with our options, strict: unknown options and positionals throw. */
function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      demo: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      reason: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
