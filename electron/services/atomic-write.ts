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

/**
 * The same, off the main thread: the write and the fsync of a 100 MB scan run in libuv's pool,
 * so the app keeps answering while a large file is stored.
 */
export async function writeFileAtomicAsync(target: string, bytes: Uint8Array, tmpDir = path.dirname(target), mode?: number): Promise<void> {
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    const fh = await fs.promises.open(tmp, 'wx', mode ?? 0o666);
    try {
      if (mode !== undefined) await fh.chmod(mode);
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}
