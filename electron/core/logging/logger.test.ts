import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('censors secret fields, headers and nested keys', () => {
    const { logger, text } = capture();
    logger.info({ token: 't1', service: { apiKey: 'k1' }, request: { headers: { 'X-Plex-Token': 't2', 'X-Api-Key': 'k2' } } }, 'calling');
    expect(text()).not.toMatch(/t1|k1|t2|k2/);
    expect(text()).toContain('[redacted]');
  });

  it('censors tokens inside URLs and messages', () => {
    const { logger, text } = capture();
    logger.warn({ url: 'http://plex:32400/library?X-Plex-Token=abc123&x=1' }, 'GET http://plex/identity?X-Plex-Token=zzz999 failed');
    logger.error({ err: new Error('request to http://h/?X-Plex-Token=eee777 failed') }, 'oops');
    expect(text()).not.toMatch(/abc123|zzz999|eee777/);
    expect(text()).toContain('x=1');
  });

  it('redactSecrets leaves ordinary text alone', () => {
    expect(redactSecrets('GET /library/sections 200')).toBe('GET /library/sections 200');
    expect(redactSecrets('Authorization: Basic dXNlcjpwdw==')).toBe('Authorization: [redacted]');
  });
});
