import { describe, expect, it } from 'vitest';
import { CliUsageError, parseServeArgs } from './cli-args';

describe('parseServeArgs', () => {
  it('has loopback-friendly defaults', () => {
    expect(parseServeArgs([])).toEqual({ demo: false, host: undefined, port: undefined, dataDir: undefined, reason: undefined, help: false });
  });

  it('reads every option', () => {
    expect(parseServeArgs(['--demo', '--host', '127.0.0.2', '--port', '0', '--data-dir', '/tmp/x', '--reason', 'screenshots'])).toEqual({
      demo: true,
      host: '127.0.0.2',
      port: 0,
      dataDir: '/tmp/x',
      reason: 'screenshots',
      help: false,
    });
    expect(parseServeArgs(['--port=8080']).port).toBe(8080);
  });

  it('refuses unknown options, positionals and bad ports with a usage error', () => {
    for (const argv of [['--bogus'], ['serve'], ['--port', 'http'], ['--port', '70000'], ['--port', '-1'], ['--host', ' ']]) {
      expect(() => parseServeArgs(argv)).toThrow(CliUsageError);
    }
  });
});
