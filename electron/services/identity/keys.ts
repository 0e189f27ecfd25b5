// Ed25519 keys with node:crypto. The private key is kept encrypted with the passphrase:
// scrypt derives a 256-bit key, AES-256-GCM seals the PKCS#8 DER (the GCM tag makes a wrong
// passphrase detectable rather than yielding garbage).
import crypto from 'node:crypto';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface SealedKey {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export function generateKeyPair() {
  return crypto.generateKeyPairSync('ed25519');
}

export function seal(privateKey: crypto.KeyObject, passphrase: string): SealedKey {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()]);
  return { kdf: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export class WrongPassphrase extends Error {}

export function unseal(sealed: SealedKey, passphrase: string): crypto.KeyObject {
  const key = crypto.scryptSync(passphrase.normalize('NFC'), Buffer.from(sealed.salt, 'base64'), 32, { N: sealed.N, r: sealed.r, p: sealed.p, maxmem: SCRYPT.maxmem });
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    const der = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new WrongPassphrase('The passphrase is wrong for this identity.');
  }
}

/** SHA-256 of the public key's DER (SubjectPublicKeyInfo), as hex. */
export function fingerprintOf(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
}

/** The fingerprint in groups of four, upper case, to read aloud: "3F2A 91C0 …". */
export const groupFingerprint = (hex: string): string => hex.toUpperCase().match(/.{1,4}/g)!.join(' ');
