import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVE_TOKEN_FILE_NAME, generateServeToken, isWellFormedServeToken, loadOrCreateServeToken, tokensEqual } from './serve-token';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'medianest-token-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('serve token', () => {
  it('is 32 random bytes in base64url', () => {
    const a = generateServeToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(generateServeToken()).not.toBe(a);
  });

  it('is created once per data folder, with mode 0600, and reused', () => {
    const dir = tempDir();
    const first = loadOrCreateServeToken(dir);
    const file = join(dir, SERVE_TOKEN_FILE_NAME);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateServeToken(dir)).toBe(first);
  });

  it('replaces a malformed (weak) stored token', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SERVE_TOKEN_FILE_NAME), 'password\n');
    const token = loadOrCreateServeToken(dir);
    expect(isWellFormedServeToken(token)).toBe(true);
    expect(token).not.toBe('password');
  });

  it('compares tokens exactly', () => {
    const token = generateServeToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token, `${token}x`)).toBe(false);
    expect(tokensEqual(token, token.slice(0, -1))).toBe(false);
    expect(tokensEqual(token, '')).toBe(false);
    expect(tokensEqual(token, undefined)).toBe(false);
  });
});
