/**
 * Trust in a yt-dlp release: its checksum file must carry a valid detached
 * OpenPGP signature by yt-dlp's key, and only then is the asset's SHA-256
 * read from it. A checksum alone proves only that a file arrived whole (it
 * comes from the same host as the file); the signature proves who made it.
 */

/** Throws, in words, unless `signature` is a valid signature of exactly `data` by `armoredKey`. */
export async function verifyDetachedSignature(data: Uint8Array, signature: Uint8Array, armoredKey: string): Promise<void> {
  // OpenPGP is loaded only when a release is checked: it is a large module, and most starts update nothing.
  const { createMessage, readKey, readSignature, verify } = await import('openpgp');
  let key;
  try {
    key = await readKey({ armoredKey });
  } catch (error) {
    throw new Error('The key MediaNest checks yt-dlp releases with could not be read.', { cause: error });
  }
  let parsed;
  try {
    const text = Buffer.from(signature.subarray(0, 64)).toString('latin1');
    parsed = text.includes('-----BEGIN PGP SIGNATURE-----')
      ? await readSignature({ armoredSignature: Buffer.from(signature).toString('utf8') })
      : await readSignature({ binarySignature: signature });
  } catch {
    throw new Error('The signature file of the yt-dlp release is not an OpenPGP signature.');
  }
  try {
    const result = await verify({ message: await createMessage({ binary: data }), signature: parsed, verificationKeys: key, expectSigned: true, format: 'binary' });
    // expectSigned already throws without a valid signature; this keeps the promise from going unobserved.
    await Promise.all(result.signatures.map((entry) => entry.verified));
  } catch {
    throw new Error('The checksum file of the yt-dlp release is not signed with yt-dlp’s key (it was changed, or signed by someone else).');
  }
}

/** The SHA-256 (lowercase hex) listed for `assetName` in a GNU-style sums file, or throws. */
export function listedSha256(sums: string, assetName: string): string {
  for (const line of sums.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64}) [ *]?(.+)$/.exec(line.trim());
    if (match && match[2] === assetName) return match[1]!.toLowerCase();
  }
  throw new Error(`The checksum file of the yt-dlp release does not list ${assetName}.`);
}
