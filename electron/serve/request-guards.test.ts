import { describe, expect, it } from 'vitest';
import { isHostHeaderAllowed, isLoopbackHost, isOriginAllowed } from './request-guards';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'media.local', 'localhost.evil.example', '128.0.0.1', '::ffff:10.0.0.1'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('isHostHeaderAllowed (DNS rebinding)', () => {
  it('accepts loopback names on a loopback bind', () => {
    for (const host of ['127.0.0.1:5573', 'localhost:5573', '[::1]:5573', 'localhost']) expect(isHostHeaderAllowed(host, true)).toBe(true);
  });
  it('refuses other names, malformed and missing Host headers on a loopback bind', () => {
    for (const host of ['rebind.evil.example:5573', '192.168.1.2:5573', 'localhost.evil.example', 'a b', 'x/y', '', undefined]) {
      expect(isHostHeaderAllowed(host, true)).toBe(false);
    }
  });
  it('accepts any well-formed name on a LAN bind (the token guards it)', () => {
    expect(isHostHeaderAllowed('mediapc.lan:5573', false)).toBe(true);
    expect(isHostHeaderAllowed('bad host', false)).toBe(false);
  });
});

describe('isOriginAllowed (WebSocket)', () => {
  it('accepts an Origin whose host equals the Host header', () => {
    expect(isOriginAllowed('http://127.0.0.1:5573', '127.0.0.1:5573')).toBe(true);
    expect(isOriginAllowed('http://LOCALHOST:5573', 'localhost:5573')).toBe(true);
    expect(isOriginAllowed('http://mediapc.lan', 'mediapc.lan:80')).toBe(true);
  });
  it('refuses foreign, null and non-http origins', () => {
    expect(isOriginAllowed('http://evil.example', '127.0.0.1:5573')).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:9999', '127.0.0.1:5573')).toBe(false);
    expect(isOriginAllowed('http://localhost:5573', '127.0.0.1:5573')).toBe(false);
    expect(isOriginAllowed('null', '127.0.0.1:5573')).toBe(false);
    expect(isOriginAllowed('file://', '127.0.0.1:5573')).toBe(false);
    expect(isOriginAllowed('chrome-extension://abc', '127.0.0.1:5573')).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:5573', undefined)).toBe(false);
  });
  it('lets a missing Origin (a non-browser client) through to the token check on any bind', () => {
    expect(isOriginAllowed(undefined, '127.0.0.1:5573')).toBe(true);
    expect(isOriginAllowed(undefined, 'mediapc.lan:5573')).toBe(true);
  });
});
