/**
 * The logger a host (serve CLI, Electron shell) runs with: everything from
 * info up into a rotating file in the data folder, and warnings and errors,
 * readable, on the terminal.
 *
 * The file is for bug reports (JSON, one line per entry, redacted like every
 * destination); the terminal is for the person who started MediaNest, who
 * needs its own status lines and what went wrong, never raw JSON.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { createLogger, type Logger } from './logger';
import { openRotatingFile, type RotatingFile } from './rotating-file';
import { createTerminalDestination } from './terminal-destination';

export const LOG_FOLDER = 'logs';
export const LOG_FILE_NAME = 'medianest.log';

export interface AppLoggerOptions {
  readonly dataDir: string;
  /** What goes to the file; default info (MEDIANEST_LOG_LEVEL overrides it at the call site). */
  readonly level?: string;
  /** Where terminal lines go; default stderr. */
  readonly terminal?: (text: string) => void;
  readonly maxBytes?: number;
  readonly keep?: number;
}

export interface AppLogger {
  readonly logger: Logger;
  /** The log file, or undefined when it could not be opened (then `notice` says why). */
  readonly logFile: string | undefined;
  /** A sentence for the terminal when the file could not be opened. */
  readonly notice: string | undefined;
  /** Flushes and closes the file. */
  close(): void;
}

/** `<dataDir>/logs/medianest.log`. */
export function logFilePath(dataDir: string): string {
  return join(dataDir, LOG_FOLDER, LOG_FILE_NAME);
}

export function createAppLogger(options: AppLoggerOptions): AppLogger {
  const level = options.level ?? 'info';
  const terminalText = options.terminal ?? ((text: string) => void process.stderr.write(text));
  const terminal = createTerminalDestination(terminalText);
  let file: RotatingFile | undefined;
  let notice: string | undefined;
  try {
    file = openRotatingFile({
      file: logFilePath(options.dataDir),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      ...(options.keep === undefined ? {} : { keep: options.keep }),
      onError: (error) => terminalText(`MediaNest could not write its log file (${error.message}); log lines are being dropped.\n`),
    });
  } catch (error) {
    notice = `MediaNest could not open its log file ${logFilePath(options.dataDir)} (${(error as Error).message}); warnings go to this terminal only.`;
  }
  const streams: pino.StreamEntry[] = [{ level: 'warn', stream: terminal }];
  // The pino level decides what is built at all; the file takes everything that is.
  if (file) streams.push({ level: level as pino.Level, stream: file });
  const logger = createLogger({ level, destination: pino.multistream(streams) });
  return {
    logger,
    logFile: file?.path,
    notice,
    close() {
      file?.close();
    },
  };
}
