import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { createTerminalDestination, formatLogLine } from './terminal-destination';

describe('terminal log lines', () => {
  it('turns a pino line into time, level in words, message and the details that say where', () => {
    const time = new Date(2026, 11, 1, 14, 2, 7).getTime();
    const line = JSON.stringify({ level: 40, time, msg: 'could not store a health result', service: 'plex', err: { type: 'SqliteError', message: 'database is locked', code: 'SQLITE_BUSY' } });
    expect(formatLogLine(line)).toBe('14:02:07 Warning: could not store a health result (service plex; SQLITE_BUSY: database is locked)\n');
    expect(formatLogLine(JSON.stringify({ level: 50, time, msg: 'serve request failed' }))).toBe('14:02:07 Error: serve request failed\n');
  });

  it('never prints JSON or fields that do not say where, and drops control characters', () => {
    const text = formatLogLine(JSON.stringify({ level: 40, time: 0, msg: 'evil\u001b[31m red\nsecond line', service: { a: 1 }, url: [1, 2], count: 3 }));
    expect(text).toMatch(/Warning: evil \[31m red second line\n$/);
    expect(text).not.toContain('{');
    expect(text).not.toContain('\u001b');
  });

  it('passes text that is not JSON through, cleaned', () => {
    expect(formatLogLine('plain words\u0007')).toBe('plain words\n');
    expect(formatLogLine('   ')).toBe('');
  });

  it('shows a real logger’s warnings readably, with secrets still redacted', () => {
    const written: string[] = [];
    const logger = createLogger({ level: 'warn', destination: createTerminalDestination((text) => written.push(text)) });
    logger.info('not shown');
    logger.warn({ url: 'http://plex:32400/identity?X-Plex-Token=abc123', service: 'plex' }, 'probe failed');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d Warning: probe failed \(url http:\/\/plex:32400\/identity\?X-Plex-Token=\[redacted\]; service plex\)\n$/);
    expect(written[0]).not.toContain('abc123');
  });
});
