import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createMessage, generateKey, readKey, readPrivateKey, sign } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../../../shared/contract/areas/downloads';
import { useTempDirs } from '../../../../../tests/support/temp-dirs';
import { createRunVersion } from './run-version';
import { YTDLP_SIGNING_KEY, YTDLP_SIGNING_KEY_FINGERPRINT } from './ytdlp-public-key';
import { createYtDlpUpdater } from './ytdlp-updater';

const tempDir = useTempDirs('medianest-ytdlp-update-');
const runVersion = createRunVersion({ timeoutMs: 5000 });
const ASSET = 'yt-dlp';

/** What the local release server serves; each test sets it. */
interface Release {
  sums: Buffer;
  signature: Buffer;
  asset: Buffer;
  status?: number;
}

const script = (version: string): Buffer => Buffer.from(`#!/bin/sh\necho ${version}\n`);
const sumsFor = (asset: Buffer): Buffer =>
  Buffer.from(`${createHash('sha256').update('other').digest('hex')}  yt-dlp.exe\n${createHash('sha256').update(asset).digest('hex')}  ${ASSET}\n`);

let server: Server;
let baseUrl: string;
let release: Release;
let assetRequests = 0;
let trustedKey: string;
let signingKey: Awaited<ReturnType<typeof readPrivateKey>>;
let otherKey: Awaited<ReturnType<typeof readPrivateKey>>;

async function signWith(key: typeof signingKey, data: Buffer, armored = false): Promise<Buffer> {
  const message = await createMessage({ binary: data });
  if (armored) return Buffer.from(await sign({ message, signingKeys: key, detached: true, format: 'armored' }));
  return Buffer.from(await sign({ message, signingKeys: key, detached: true, format: 'binary' }));
}

async function goodRelease(version: string): Promise<Release> {
  const asset = script(version);
  const sums = sumsFor(asset);
  return { sums, signature: await signWith(signingKey, sums), asset };
}

beforeAll(async () => {
  const [trusted, other] = await Promise.all([
    generateKey({ type: 'curve25519', userIDs: [{ name: 'Test release key' }], format: 'armored' }),
    generateKey({ type: 'curve25519', userIDs: [{ name: 'Someone else' }], format: 'armored' }),
  ]);
  trustedKey = trusted.publicKey;
  signingKey = await readPrivateKey({ armoredKey: trusted.privateKey });
  otherKey = await readPrivateKey({ armoredKey: other.privateKey });
  server = createServer((request, response) => {
    const name = request.url?.split('/').pop();
    if (release.status) {
      response.writeHead(release.status).end();
      return;
    }
    const body = name === 'SHA2-256SUMS' ? release.sums : name === 'SHA2-256SUMS.sig' ? release.signature : name === ASSET ? release.asset : undefined;
    if (name === ASSET) assetRequests++;
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/latest/download`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A managed copy that answers 2023.03.04, and an updater for it. */
function setup(options: { limits?: { assetMaxBytes?: number } } = {}) {
  const dir = tempDir();
  const managedPath = join(dir, 'yt-dlp');
  writeFileSync(managedPath, script('2023.03.04'));
  chmodSync(managedPath, 0o755);
  const before = readFileSync(managedPath);
  const states: UpdateState['state'][] = [];
  const updater = createYtDlpUpdater({ managedPath, releaseUrl: () => baseUrl, assetName: ASSET, runVersion, now: () => 1000, trustedKey, limits: options.limits });
  updater.onChanged((state) => states.push(state.state));
  const kept = () => {
    expect(readFileSync(managedPath).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['yt-dlp']);
  };
  return { dir, managedPath, updater, states, kept };
}

describe.skipIf(process.platform === 'win32')('updating MediaNest’s own yt-dlp', () => {
  it('bundles yt-dlp’s real signing key', async () => {
    const key = await readKey({ armoredKey: YTDLP_SIGNING_KEY });
    expect(key.isPrivate()).toBe(false);
    expect(key.getFingerprint()).toBe(YTDLP_SIGNING_KEY_FINGERPRINT);
    expect(key.getUserIDs()).toEqual(['Simon Sawicki (yt-dlp signing key) <contact@grub4k.xyz>']);
  });

  it('swaps in a good release, which then answers its version', async () => {
    release = await goodRelease('2026.09.01');
    const { managedPath, updater, states } = setup();
    const result = await updater.update();
    expect(result).toMatchObject({ state: 'updated', managedVersion: '2026.09.01', checkedAt: 1000 });
    expect(states).toEqual(['checking', 'downloading', 'verifying', 'updated']);
    expect((await runVersion(managedPath, ['--version'])).stdout.trim()).toBe('2026.09.01');
    expect(statSync(managedPath).mode & 0o777).toBe(0o755);
    expect(updater.state()).toEqual(result);
  });

  it('answers "current" without downloading the asset again when the copy is the signed one', async () => {
    release = await goodRelease('2026.09.01');
    const { updater } = setup();
    await updater.update();
    const requests = assetRequests;
    expect(await updater.update()).toMatchObject({ state: 'current', managedVersion: '2026.09.01' });
    expect(assetRequests).toBe(requests);
  });

  it('accepts an ASCII-armored signature too', async () => {
    const good = await goodRelease('2026.09.02');
    release = { ...good, signature: await signWith(signingKey, good.sums, true) };
    expect((await setup().updater.update()).state).toBe('updated');
  });

  it('refuses a tampered asset and keeps the old copy byte for byte', async () => {
    release = { ...(await goodRelease('2026.09.01')), asset: script('2026.09.01 tampered') };
    const { updater, kept } = setup();
    const result = await updater.update();
    expect(result.state).toBe('failed');
    expect(result.message).toContain('does not match the signed checksum');
    expect(result.message).toContain('the copy you had is kept');
    kept();
  });

  it('refuses a checksum file changed after it was signed', async () => {
    const good = await goodRelease('2026.09.01');
    const evil = script('evil');
    release = { ...good, asset: evil, sums: sumsFor(evil) };
    const { updater, kept } = setup();
    const result = await updater.update();
    expect(result.state).toBe('failed');
    expect(result.message).toContain('not signed with yt-dlp’s key');
    kept();
  });

  it('refuses a checksum file signed by another key', async () => {
    const good = await goodRelease('2026.09.01');
    release = { ...good, signature: await signWith(otherKey, good.sums) };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toContain('not signed with yt-dlp’s key');
    kept();
  });

  it('refuses a signature file that is not a signature', async () => {
    release = { ...(await goodRelease('2026.09.01')), signature: Buffer.from('hello') };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toContain('not an OpenPGP signature');
    kept();
  });

  it('refuses a signed asset that does not run as yt-dlp', async () => {
    const asset = Buffer.from('#!/bin/sh\necho hello\n');
    const sums = sumsFor(asset);
    release = { asset, sums, signature: await signWith(signingKey, sums) };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toContain('does not run on this computer as yt-dlp');
    kept();
  });

  it('refuses an asset larger than the cap', async () => {
    release = await goodRelease('2026.09.01');
    const { updater, kept } = setup({ limits: { assetMaxBytes: 10 } });
    expect((await updater.update()).message).toMatch(/more than the .* allowed: refused/);
    kept();
  });

  it('says what the server answered when the release is not there', async () => {
    release = { ...(await goodRelease('2026.09.01')), status: 404 };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toMatch(/SHA2-256SUMS.* HTTP 404/);
    kept();
  });

  it('runs one update at a time', async () => {
    release = await goodRelease('2026.09.03');
    const { updater } = setup();
    const [first, second] = [updater.update(), updater.update()];
    expect(first).toBe(second);
    expect((await first).state).toBe('updated');
  });
});
