// Content-addressed storage: each PDF kept once, under its SHA-256, written atomically
// (temporary file, fsync, rename) so a crash never leaves a half-written blob under a real name.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, writeFileAtomicAsync } from '../atomic-write.ts';

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256Hex = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** Bytes hashed between two turns of the event loop (~5 ms each). */
const HASH_SLICE = 2 * 1024 * 1024;

/** The same hash, a slice at a time, so hashing a 100 MB scan never holds the main thread for long. */
export async function sha256HexAsync(bytes: Uint8Array): Promise<string> {
  const h = crypto.createHash('sha256');
  for (let at = 0; at < bytes.byteLength; at += HASH_SLICE) {
    h.update(bytes.subarray(at, at + HASH_SLICE));
    if (at + HASH_SLICE < bytes.byteLength) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return h.digest('hex');
}

export function blobPath(blobDir: string, sha256: string): string {
  // The name comes from our own hash, but it reaches the file system, so check its shape anyway.
  if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
  return path.join(blobDir, sha256.slice(0, 2), `${sha256}.pdf`);
}

/** Writes the blob unless an identical one is already there. Returns true when it wrote. */
export function putBlob(blobDir: string, tmpDir: string, sha256: string, bytes: Uint8Array): boolean {
  const final = blobPath(blobDir, sha256);
  if (fs.existsSync(final) && fs.statSync(final).size === bytes.byteLength) return false;
  // Owner-only, like the rest of the workspace: agencies' documents are not for other users.
  fs.mkdirSync(path.dirname(final), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(final), 0o700);
  writeFileAtomic(final, bytes, tmpDir, 0o600);
  return true;
}

export function removeBlob(blobDir: string, sha256: string): void {
  fs.rmSync(blobPath(blobDir, sha256), { force: true });
}

/** putBlob with the write off the main thread (imports). */
export async function putBlobAsync(blobDir: string, tmpDir: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
  const final = blobPath(blobDir, sha256);
  const st = await fs.promises.stat(final).catch(() => null);
  if (st && st.size === bytes.byteLength) return false;
  await fs.promises.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
  await fs.promises.chmod(path.dirname(final), 0o700);
  await writeFileAtomicAsync(final, bytes, tmpDir, 0o600);
  return true;
}
