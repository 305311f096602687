import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/support/temp-dirs';
import { createAppLogger, logFilePath } from './app-logger';

const tempDir = useTempDirs('medianest-applog-');

describe('app logger', () => {
  it('writes info and up as JSON to <dataDir>/logs/medianest.log and only warnings, readable, to the terminal', () => {
    const dataDir = tempDir();
    const terminal: string[] = [];
    const { logger, logFile, notice, close } = createAppLogger({ dataDir, terminal: (text) => terminal.push(text) });
    expect(logFile).toBe(join(dataDir, 'logs', 'medianest.log'));
    expect(notice).toBeUndefined();
    logger.debug('too detailed');
    logger.info({ profile: 'demo' }, 'core ready');
    logger.warn({ apiKey: 'k-secret', service: 'overseerr' }, 'Overseerr refused the key');
    close();
    const lines = readFileSync(logFilePath(dataDir), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.msg)).toEqual(['core ready', 'Overseerr refused the key']);
    expect(JSON.stringify(lines)).not.toContain('k-secret');
    expect(terminal).toHaveLength(1);
    expect(terminal[0]).toMatch(/Warning: Overseerr refused the key \(service overseerr\)\n$/);
  });

  it('still starts when the log folder cannot be made, and says so', () => {
    const dataDir = tempDir();
    // A file where the logs folder should be.
    writeFileSync(join(dataDir, 'logs'), 'not a folder');
    const terminal: string[] = [];
    const { logger, logFile, notice } = createAppLogger({ dataDir, terminal: (text) => terminal.push(text) });
    expect(logFile).toBeUndefined();
    expect(notice).toMatch(/could not open its log file/);
    logger.error('still shown');
    expect(terminal.join('')).toMatch(/Error: still shown/);
  });
});
