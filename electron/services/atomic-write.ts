// Writing a file so that a crash or a full disk never leaves something half-written under the
// real name: write a temporary file beside it, fsync, then rename over (atomic on one volume).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** `mode` (e.g. 0o600 inside the workspace) is set with chmod, so the umask cannot widen it. */
export function writeFileAtomic(target: string, bytes: Uint8Array, tmpDir = path.dirname(target), mode?: number): void {
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    const fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    try {
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
