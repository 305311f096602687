import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKey } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../../../shared/contract/areas/downloads';
import { useTempDirs } from '../../../../../tests/support/temp-dirs';
import { createRunVersion } from './run-version';
import { YTDLP_SIGNING_KEY, YTDLP_SIGNING_KEY_FINGERPRINT } from './ytdlp-public-key';
import { goodRelease as signedRelease, signDetached, startReleaseServer, sumsFor, versionScript as script, type ReleaseServer } from './ytdlp-release-kit';
import { createYtDlpUpdater } from './ytdlp-updater';

const tempDir = useTempDirs('medianest-ytdlp-update-');
const runVersion = createRunVersion({ timeoutMs: 5000 });
const ASSET = 'yt-dlp';

let server: ReleaseServer;
const goodRelease = (version: string) => signedRelease(server, version);
const signWith = signDetached;

beforeAll(async () => {
  server = await startReleaseServer(ASSET);
});

afterAll(async () => {
  await server.close();
});

/** A managed copy that answers 2023.03.04, and an updater for it. */
function setup(options: { limits?: { assetMaxBytes?: number }; trustedKey?: string } = {}) {
  const dir = tempDir();
  const managedPath = join(dir, 'yt-dlp');
  writeFileSync(managedPath, script('2023.03.04'));
  chmodSync(managedPath, 0o755);
  const before = readFileSync(managedPath);
  const states: UpdateState['state'][] = [];
  const updater = createYtDlpUpdater({ managedPath, releaseUrl: () => server.baseUrl, assetName: ASSET, runVersion, now: () => 1000, trustedKey: options.trustedKey ?? server.trustedKey, limits: options.limits });
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
    // An expiring key would make every later release look unsigned.
    expect(await key.getExpirationTime()).toBe(Infinity);
  });

  it('swaps in a good release, which then answers its version', async () => {
    server.release = await goodRelease('2026.09.01');
    const { managedPath, updater, states } = setup();
    const result = await updater.update();
    expect(result).toMatchObject({ state: 'updated', managedVersion: '2026.09.01', checkedAt: 1000 });
    expect(states).toEqual(['checking', 'downloading', 'verifying', 'updated']);
    expect((await runVersion(managedPath, ['--version'])).stdout.trim()).toBe('2026.09.01');
    expect(statSync(managedPath).mode & 0o777).toBe(0o755);
    expect(updater.state()).toEqual(result);
  });

  it('answers "current" without downloading the asset again when the copy is the signed one', async () => {
    server.release = await goodRelease('2026.09.01');
    const { updater } = setup();
    await updater.update();
    const requests = server.assetRequests;
    expect(await updater.update()).toMatchObject({ state: 'current', managedVersion: '2026.09.01' });
    expect(server.assetRequests).toBe(requests);
  });

  it('accepts an ASCII-armored signature too', async () => {
    const good = await goodRelease('2026.09.02');
    server.release = { ...good, signature: await signWith(server.signingKey, good.sums, true) };
    expect((await setup().updater.update()).state).toBe('updated');
  });

  it('refuses a tampered asset and keeps the old copy byte for byte', async () => {
    server.release = { ...(await goodRelease('2026.09.01')), asset: script('2026.09.01 tampered') };
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
    server.release = { ...good, asset: evil, sums: sumsFor(evil) };
    const { updater, kept } = setup();
    const result = await updater.update();
    expect(result.state).toBe('failed');
    expect(result.message).toContain('not signed with yt-dlp’s key');
    kept();
  });

  it('refuses a checksum file signed by another key', async () => {
    const good = await goodRelease('2026.09.01');
    server.release = { ...good, signature: await signWith(server.otherKey, good.sums) };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toContain('not signed with yt-dlp’s key');
    kept();
  });

  it('refuses a signature file that is not a signature', async () => {
    server.release = { ...(await goodRelease('2026.09.01')), signature: Buffer.from('hello') };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toContain('not an OpenPGP signature');
    kept();
  });

  it('refuses a signed asset that does not run as yt-dlp', async () => {
    const asset = Buffer.from('#!/bin/sh\necho hello\n');
    const sums = sumsFor(asset);
    server.release = { asset, sums, signature: await signWith(server.signingKey, sums) };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toContain('does not run on this computer as yt-dlp');
    kept();
  });

  it('refuses an asset larger than the cap', async () => {
    server.release = await goodRelease('2026.09.01');
    const { updater, kept } = setup({ limits: { assetMaxBytes: 10 } });
    expect((await updater.update()).message).toMatch(/more than the .* allowed: refused/);
    kept();
  });

  it('says what the server answered when the release is not there', async () => {
    server.release = { ...(await goodRelease('2026.09.01')), status: 404 };
    const { updater, kept } = setup();
    expect((await updater.update()).message).toMatch(/SHA2-256SUMS.* HTTP 404/);
    kept();
  });

  it('trusts only yt-dlp’s key by default, not one the release brings', async () => {
    server.release = await goodRelease('2026.09.01');
    const { updater, kept } = setup({ trustedKey: YTDLP_SIGNING_KEY });
    expect((await updater.update()).message).toContain('not signed with yt-dlp’s key');
    kept();
  });

  it('clears temp files an earlier update left behind', async () => {
    server.release = await goodRelease('2026.09.01');
    const { dir, updater } = setup();
    writeFileSync(join(dir, '.yt-dlp.0123456789ab.download'), 'half');
    expect((await updater.update()).state).toBe('updated');
    expect(readdirSync(dir)).toEqual(['yt-dlp']);
  });

  it('runs one update at a time', async () => {
    server.release = await goodRelease('2026.09.03');
    const { updater } = setup();
    const [first, second] = [updater.update(), updater.update()];
    expect(first).toBe(second);
    expect((await first).state).toBe('updated');
  });
});
