// PDFs that inflate far past their size: a 230 KB file whose one page expands to 64 MB of text,
// a file of spaces that inflates past the worker's buffer cap, one whose parsing fills the
// worker's heap. Each is refused with its own plain reason, nothing of it is stored, and the next
// file of the same batch imports in fresh workers.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractPdf, ExtractionError, SOURCE_WORKER_PATH } from '../../electron/services/extraction/extract-pool.ts';
import { DEFAULT_LIMITS } from '../../electron/services/extraction/limits.ts';
import { heapBombPdf, textBombPdf, whitespaceBombPdf } from '../fixtures/hostile-pdfs.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { importState, withEnv } from './support/import-state.ts';

const CRAFTED = 'The file may be crafted to exhaust memory; ask the agency for another copy.';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let restoreEnv: (() => void) | null = null;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => {
  restoreEnv?.();
  restoreEnv = null;
  t.cleanup();
});

/** Imports the bomb then a good file in one batch; asserts nothing of the bomb was kept. */
async function importBombThenGood(name: string, bomb: Uint8Array) {
  const good = t.write('good.pdf', await numberedPdf(2, 'Use of Force'));
  const before = importState(t);
  const [bad, next] = await t.call('documents.import', { caseId, paths: [t.write(name, bomb), good] });
  const docs = await t.call('documents.list', { caseId });
  expect(docs.map((d: { title: string }) => d.title)).toEqual(['Use of Force']);
  expect(next).toMatchObject({ ok: true, document: { pageCount: 2, pagesNeedingOcr: 0 } });
  // Everything that changed belongs to the good file: one document, its two pages, one blob.
  const after = importState(t);
  expect(after).toMatchObject({ documents: before.documents + 1, pages: before.pages + 2, links: before.links + 1, audit: before.audit + 1, tmp: before.tmp });
  expect(after.blobs.filter((b) => !before.blobs.includes(b)).map((b) => path.basename(b))).toEqual([`${next.document.sha256}.pdf`]);
  return bad;
}

describe('inflation bombs', () => {
  it('a page whose content inflates to 64 MB of text is refused at 2 MB of text, and the batch goes on', async () => {
    const bomb = textBombPdf(64);
    expect(bomb.byteLength).toBeLessThan(300 * 1024);
    const r = await importBombThenGood('bomb.pdf', bomb);
    expect(r).toMatchObject({ ok: false, code: 'too_much_text' });
    expect(r.message).toBe(`bomb.pdf: It expands to more than 2 MB of text on page 1: refused. ${CRAFTED}`);
  });

  it('a content stream of spaces that inflates past the buffer cap is refused, and the batch goes on', async () => {
    // 256 MB of spaces against a cap of 64 MB (the default 256 MB cap stops a 1 GB file the same way).
    restoreEnv = withEnv({ CREDENCE_EXTRACT_MEMORY_MB: '128' });
    const r = await importBombThenGood('spaces.pdf', whitespaceBombPdf(256));
    expect(r).toMatchObject({ ok: false, code: 'too_much_memory' });
    expect(r.message).toBe(`spaces.pdf: Its compressed contents expand to more than 64 MB while being read: refused. ${CRAFTED}`);
  });

  it('a file that fills the worker’s heap is refused; a fresh worker reads the next file', async () => {
    restoreEnv = withEnv({ CREDENCE_EXTRACT_MEMORY_MB: '128' });
    const r = await importBombThenGood('arrays.pdf', heapBombPdf(16));
    expect(r).toMatchObject({ ok: false, code: 'too_much_memory' });
    expect(r.message).toBe(`arrays.pdf: Reading it needs more than the text extractor's 128 MB of memory: refused. ${CRAFTED}`);
  });
});

describe('limits made small, straight through the extractor', () => {
  const refusal = async (bytes: Uint8Array, limits: Partial<typeof DEFAULT_LIMITS>) => {
    const err = await extractPdf(bytes, { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 5000, limits: { ...DEFAULT_LIMITS, ...limits } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    return err as ExtractionError;
  };

  it('refuses a document whose text in all passes the cap, naming the page where it did', async () => {
    // Each numbered page carries 66 characters of text.
    const err = await refusal(await numberedPdf(20), { documentTextChars: 1000 });
    expect(err.code).toBe('too_much_text');
    expect(err.message).toMatch(/^It expands to more than 1 KB of text in all \(passed on page \d+\): refused\. /);
  });

  // With the pool's own watch turned off, the worker reaches V8's heap limit in a burst, and V8
  // may then abort the whole process it runs in (SIGABRT, "Reached heap limit"). Workers are
  // child processes, so that process is the worker alone: the import goes on.
  it('a worker ended by V8 itself for its heap is refused alike, and the next file gets a fresh one', async () => {
    // The pool's own watch stands aside (it ends a worker at 90 % of its heap, earlier than V8 would).
    // The hard cap on its resident size stands aside too, so that V8's own limit is what acts.
    const limits = { heapMb: 128, bufferMb: 64, heapWatchFraction: 2, rssOverheadMb: 4096 };
    const err = await refusal(heapBombPdf(16), limits);
    expect(err.code).toBe('too_much_memory');
    expect(err.message).toBe(`Reading it needs more than the text extractor's 128 MB of memory: refused. ${CRAFTED}`);
    const next = await extractPdf(await numberedPdf(2), { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 5000, limits: { ...DEFAULT_LIMITS, ...limits } });
    expect(next.pages.map((p) => p.text.split('\n')[0])).toEqual(['Policy page 1', 'Policy page 2']);
  });

  it('refuses a page, and a document, cut into too many separately placed pieces', async () => {
    const page = await refusal(await numberedPdf(3), { pageItems: 1 });
    expect(page.message).toBe(`Page 1 is cut into more than 1 separately placed pieces of text: refused. ${CRAFTED}`);
    const doc = await refusal(await numberedPdf(20), { documentItems: 10 });
    expect(doc.message).toMatch(/^It is cut into more than 10 separately placed pieces of text \(passed on page \d+\): refused\. /);
  });
});
