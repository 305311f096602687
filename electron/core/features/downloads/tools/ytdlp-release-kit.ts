/**
 * A yt-dlp release server on 127.0.0.1 for tests: `SHA2-256SUMS`, its
 * detached signature by a key made for the test, and an asset (a shell script
 * that prints a version), each replaceable to play a tampered release.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMessage, generateKey, readPrivateKey, sign, type PrivateKey } from 'openpgp';

export interface Release {
  sums: Buffer;
  signature: Buffer;
  asset: Buffer;
  /** Answer every request with this status instead. */
  status?: number;
}

export interface ReleaseServer {
  /** The folder of the release's assets, as `downloads.releaseUrl`. */
  readonly baseUrl: string;
  /** The armored public key the release is signed with. */
  readonly trustedKey: string;
  readonly signingKey: PrivateKey;
  /** A key the app does not trust. */
  readonly otherKey: PrivateKey;
  release: Release;
  /** How many times the asset was fetched. */
  readonly assetRequests: number;
  close(): Promise<void>;
}

/** A yt-dlp stand-in: prints `version` to --version. */
export function versionScript(version: string): Buffer {
  return Buffer.from(`#!/bin/sh\necho ${version}\n`);
}

export function sumsFor(asset: Buffer, assetName = 'yt-dlp'): Buffer {
  const other = createHash('sha256').update('another asset').digest('hex');
  return Buffer.from(`${other}  yt-dlp.exe\n${createHash('sha256').update(asset).digest('hex')}  ${assetName}\n`);
}

export async function signDetached(key: PrivateKey, data: Buffer, armored = false): Promise<Buffer> {
  const message = await createMessage({ binary: data });
  if (armored) return Buffer.from(await sign({ message, signingKeys: key, detached: true, format: 'armored' }));
  return Buffer.from(await sign({ message, signingKeys: key, detached: true, format: 'binary' }));
}

export async function startReleaseServer(assetName = 'yt-dlp'): Promise<ReleaseServer> {
  const [trusted, other] = await Promise.all([
    generateKey({ type: 'curve25519', userIDs: [{ name: 'Test release key' }], format: 'armored' }),
    generateKey({ type: 'curve25519', userIDs: [{ name: 'Someone else' }], format: 'armored' }),
  ]);
  const signingKey = await readPrivateKey({ armoredKey: trusted.privateKey });
  const otherKey = await readPrivateKey({ armoredKey: other.privateKey });
  let assetRequests = 0;
  const state: { release: Release } = { release: { sums: Buffer.alloc(0), signature: Buffer.alloc(0), asset: Buffer.alloc(0), status: 404 } };
  const server = createServer((request, response) => {
    const name = request.url?.split('/').pop();
    const { release } = state;
    if (release.status) {
      response.writeHead(release.status).end();
      return;
    }
    if (name === assetName) assetRequests++;
    const body = name === 'SHA2-256SUMS' ? release.sums : name === 'SHA2-256SUMS.sig' ? release.signature : name === assetName ? release.asset : undefined;
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/releases/latest/download`,
    trustedKey: trusted.publicKey,
    signingKey,
    otherKey,
    get release() {
      return state.release;
    },
    set release(next) {
      state.release = next;
    },
    get assetRequests() {
      return assetRequests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A release whose asset prints `version`, signed with the server's trusted key. */
export async function goodRelease(server: Pick<ReleaseServer, 'signingKey'>, version: string, assetName = 'yt-dlp'): Promise<Release> {
  const asset = versionScript(version);
  const sums = sumsFor(asset, assetName);
  return { sums, signature: await signDetached(server.signingKey, sums), asset };
}
