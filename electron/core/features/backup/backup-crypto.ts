/**
 * Seals the secrets a backup carries with a passphrase the user chooses:
 * scrypt makes a key from it, AES-256-GCM encrypts and authenticates, so a
 * wrong passphrase or a changed byte is refused rather than read as garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { SealedSecrets } from '../../../../shared/contract/areas/backup';

const KDF = { name: 'scrypt', n: 32_768, r: 8, p: 1 } as const;

function deriveKey(passphrase: string, salt: Buffer, kdf: SealedSecrets['kdf']): Promise<Buffer> {
  // scrypt needs 128 · N · r bytes; Node's default cap (32 MiB) is exactly that for N = 2^15, r = 8.
  const options: ScryptOptions = { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.n * kdf.r };
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function sealSecrets(secrets: Readonly<Record<string, string>>, passphrase: string): Promise<SealedSecrets> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, KDF);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return {
    cipher: 'aes-256-gcm',
    kdf: KDF,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The sealed secrets, or undefined when the passphrase does not open them (or the bytes were changed). */
export async function openSealedSecrets(sealed: SealedSecrets, passphrase: string): Promise<Record<string, unknown> | undefined> {
  try {
    const key = await deriveKey(passphrase, Buffer.from(sealed.salt, 'base64'), sealed.kdf);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    const value = JSON.parse(plain) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
