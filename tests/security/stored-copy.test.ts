// Import stores a file first and its extractors read the stored copy (the blob named by the
// file's SHA-256), not bytes sent over IPC. What lies on disk under that name is not trusted: a
// copy left by a crash or altered in the workspace folder, one that changed size, or something
// that is not a plain file is refused with a plain reason, and nothing of it reaches the case.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { extractPdf, ExtractionError, SOURCE_WORKER_PATH, type StoredPdf } from '../../electron/services/extraction/extract-pool.ts';
import { blobPath, sha256Hex } from '../../electron/services/documents/blob-store.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { tempDir, tempWorkspace } from '../support/workspace.ts';
import { importState } from './support/import-state.ts';

let dir: string;
let bytes: Uint8Array;
let stored: StoredPdf;
beforeEach(async () => {
  dir = tempDir();
  bytes = await numberedPdf(3);
  stored = { path: path.join(dir, 'copy.pdf'), byteLength: bytes.byteLength, sha256: sha256Hex(bytes) };
  fs.writeFileSync(stored.path, bytes);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One byte changed in the middle: the same size, another hash. */
function alteredCopy(b: Uint8Array): Uint8Array {
  const out = Uint8Array.from(b);
  const at = Math.floor(out.length / 2);
  out[at] = out[at]! ^ 0x20;
  return out;
}

const extract = (src: StoredPdf) => extractPdf(src, { workerPath: SOURCE_WORKER_PATH, workers: 1, pageLimit: 100 }).catch((e: unknown) => e);

it('reads the stored copy itself, with the same text as from the bytes', async () => {
  const fromDisk = await extractPdf(stored, { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 100 });
  const fromBytes = await extractPdf(bytes, { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 100 });
  expect(fromDisk.pages.map((p) => p.text)).toEqual(fromBytes.pages.map((p) => p.text));
  expect(fromDisk.numPages).toBe(3);
});

it('refuses a stored copy that changed size', async () => {
  fs.appendFileSync(stored.path, '% appended after it was hashed\n');
  const err = await extract(stored);
  expect(err).toBeInstanceOf(ExtractionError);
  expect(err).toMatchObject({ code: 'stored_copy' });
  expect((err as Error).message).toBe(
    `The workspace's stored copy changed size (${(bytes.byteLength + 31).toLocaleString('en-US')} bytes, not the ${bytes.byteLength.toLocaleString('en-US')} that were imported): refused. Import the file again.`,
  );
});

it('refuses a stored copy of the same size whose bytes are not the ones hashed', async () => {
  const altered = alteredCopy(bytes);
  fs.writeFileSync(stored.path, altered);
  expect(await extract(stored)).toMatchObject({
    code: 'stored_copy',
    message: "The workspace's stored copy is not the file that was imported (its SHA-256 differs): refused. Import the file again.",
  });
});

it('refuses a link, a folder, or nothing in place of the stored copy', async () => {
  const link = path.join(dir, 'link.pdf');
  fs.symlinkSync(stored.path, link);
  expect(await extract({ ...stored, path: link })).toMatchObject({
    code: 'stored_copy',
    message: "The workspace's stored copy could not be opened (ELOOP). Import the file again.",
  });
  expect(await extract({ ...stored, path: dir })).toMatchObject({ code: 'stored_copy', message: "The workspace's stored copy is not a plain file. Import the file again." });
  expect(await extract({ ...stored, path: path.join(dir, 'gone.pdf') })).toMatchObject({
    code: 'stored_copy',
    message: "The workspace's stored copy could not be opened (ENOENT). Import the file again.",
  });
});

it('an altered copy already stored under the file\'s name is refused at import, nothing is added, and the next import stores the file afresh', async () => {
  const t = tempWorkspace();
  try {
    const caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
    const file = t.write('policy.pdf', bytes);
    // Same name and size as the real file, so storing it again is skipped: only its reader can tell.
    const altered = alteredCopy(bytes);
    const planted = blobPath(t.ws.paths.blobs, stored.sha256);
    fs.mkdirSync(path.dirname(planted), { recursive: true });
    fs.writeFileSync(planted, altered);
    const before = importState(t);

    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    expect(r).toMatchObject({ ok: false, code: 'stored_copy' });
    expect(r.message).toBe("policy.pdf: The workspace's stored copy is not the file that was imported (its SHA-256 differs): refused. Import the file again.");
    expect(importState(t)).toEqual({ ...before, blobs: [] });

    const [again] = await t.call('documents.import', { caseId, paths: [file] });
    expect(again).toMatchObject({ ok: true, document: { pageCount: 3 } });
    expect(sha256Hex(fs.readFileSync(planted))).toBe(stored.sha256);
  } finally {
    t.cleanup();
  }
});
