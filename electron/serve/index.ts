/**
 * The serve-mode CLI: `node dist/serve/index.js [--demo] [--host H] [--port P] [--data-dir D] [--reason "<why>"]`.
 *
 * Prints the reason (when given), `MediaNest is running at <link>` with the
 * token, a sentence saying what the link gives, and where the log file is;
 * then only readable warnings. Shuts everything down on SIGINT/SIGTERM. A
 * second signal, or a shutdown that takes too long, exits at once.
 */
import { CliUsageError, SERVE_USAGE, parseServeArgs, type ServeCliArgs } from './cli-args';
import { startServeFromCli, startupLines, type ServeCliHandle } from './serve-cli';

const SHUTDOWN_TIMEOUT_MS = 5000;

/** One line of user text for the terminal: no control characters (escape sequences), bounded length. */
function terminalLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim().slice(0, 500);
}

async function main(argv: readonly string[]): Promise<void> {
  let args: ServeCliArgs;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${SERVE_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }
  if (args.reason !== undefined && terminalLine(args.reason) !== '') process.stdout.write(`${terminalLine(args.reason)}\n`);

  let handle: ServeCliHandle;
  try {
    handle = await startServeFromCli(args);
  } catch (error) {
    process.stderr.write(`MediaNest could not start: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  for (const notice of handle.notices) process.stderr.write(`${notice}\n`);
  process.stdout.write(`${startupLines(handle).join('\n')}\n`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    // Unref'd: it only fires if something the core forgot keeps the process alive.
    setTimeout(() => {
      process.stderr.write('MediaNest did not stop in time; exiting anyway.\n');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    handle.stop().then(
      () => {
        process.off('SIGINT', shutdown);
        process.off('SIGTERM', shutdown);
      },
      (error: unknown) => {
        process.stderr.write(`MediaNest did not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main(process.argv.slice(2));
