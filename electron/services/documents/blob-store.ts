// Content-addressed storage: each PDF kept once, under its SHA-256, written atomically
// (temporary file, fsync, rename) so a crash never leaves a half-written blob under a real name.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256Hex = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

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
