/**
 * The serve token: one secret per data folder that lets a browser on another
 * device use MediaNest.
 *
 * It is generated once (32 random bytes, base64url), stored next to the
 * settings with mode 0600 and reused on every start, so a bookmarked URL (or
 * the cookie it sets) keeps working across restarts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVE_TOKEN_FILE_NAME = 'serve-token.txt';

/** 32 bytes of base64url: safe in a URL query and in a cookie without escaping. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Makes a fresh random token. */
export function generateServeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a string looks like a token we generated (guards against a hand-edited, weak file). */
export function isWellFormedServeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** Reads the data folder's token, creating (and storing) one when there is none or it is malformed. */
export function loadOrCreateServeToken(dataDir: string): string {
  const file = join(dataDir, SERVE_TOKEN_FILE_NAME);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (isWellFormedServeToken(stored)) {
      // Tighten the mode in case the file was copied around with looser permissions.
      chmodSync(file, 0o600);
      return stored;
    }
  } catch {
    // Missing or unreadable: make a new one below.
  }
  const token = generateServeToken();
  mkdirSync(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, file);
  chmodSync(file, 0o600);
  return token;
}

/** Constant-time comparison; hashing first makes the lengths equal, so length leaks nothing either. */
export function tokensEqual(expected: string, candidate: string | undefined | null): boolean {
  if (typeof candidate !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}
