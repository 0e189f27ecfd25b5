// The extractor's own read of a stored PDF. Import stores the file first and hands the extractor
// the blob's path (built by the main process from the file's SHA-256), so the file's bytes never
// cross IPC: serialising a 30 MB file to a child held the main thread ~70 ms.
// The extractor trusts the path but not what is on disk: it reads exactly the size the main
// process hashed, and refuses a file that is not a plain file, changed size, or no longer has
// that hash. Plain Node with no imports but built-ins: the extractor runs it as is.
import crypto from 'node:crypto';
import fs from 'node:fs';

/** A PDF already stored: where it is, and what the main process read there. */
export interface StoredPdf {
  path: string;
  byteLength: number;
  sha256: string;
}

/** Why the stored copy could not be used, in one sentence (the import prefixes the file name). */
export class StoredCopyRefusal extends Error {}

const IMPORT_AGAIN = 'Import the file again.';

export async function readStoredPdf(src: StoredPdf): Promise<Uint8Array> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(src.path, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    throw new StoredCopyRefusal(`The workspace's stored copy could not be opened (${(err as NodeJS.ErrnoException).code ?? String(err)}). ${IMPORT_AGAIN}`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new StoredCopyRefusal(`The workspace's stored copy is not a plain file. ${IMPORT_AGAIN}`);
    if (st.size !== src.byteLength) throw changedSize(src.byteLength, st.size);
    // Exactly the size that was hashed, never more: the extractor's memory caps are set from it.
    const bytes = new Uint8Array(src.byteLength);
    let at = 0;
    while (at < bytes.byteLength) {
      const { bytesRead } = await fh.read(bytes, at, bytes.byteLength - at, at);
      if (bytesRead === 0) throw changedSize(src.byteLength, at);
      at += bytesRead;
    }
    const { bytesRead: beyond } = await fh.read(new Uint8Array(1), 0, 1, at);
    if (beyond > 0) throw new StoredCopyRefusal(`The workspace's stored copy grew while it was being read (more than ${src.byteLength.toLocaleString('en-US')} bytes): refused. ${IMPORT_AGAIN}`);
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== src.sha256) {
      throw new StoredCopyRefusal(`The workspace's stored copy is not the file that was imported (its SHA-256 differs): refused. ${IMPORT_AGAIN}`);
    }
    return bytes;
  } finally {
    await fh.close().catch(() => {});
  }
}

const changedSize = (expected: number, found: number) =>
  new StoredCopyRefusal(
    `The workspace's stored copy changed size (${found.toLocaleString('en-US')} bytes, not the ${expected.toLocaleString('en-US')} that were imported): refused. ${IMPORT_AGAIN}`,
  );
