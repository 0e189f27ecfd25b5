// Pages that would cost gigabytes to draw for OCR: an image declaring 10 gigapixels from 4 KB,
// and a page 200 inches square; and pages whose scanned image is damaged. Each is refused for that page alone, saying why; the document's
// other page is read, and nothing else changes (the refused page keeps no text, no words).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billboardScan, damagedImageScan, imageBombScan, manyLargeImagesScan } from '../fixtures/hostile-scans.ts';
import { tempWorkspace } from '../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

const pageRow = (documentId: string, page: number) =>
  t.ws.ctx.db.prepare('SELECT p.text, o.source, o.status, o.error, o.words FROM pages p JOIN page_ocr o USING (document_id, page_index) WHERE document_id = ? AND page_index = ?').get(documentId, page - 1) as {
    text: string;
    source: string;
    status: string;
    error: string | null;
    words: string;
  };

async function importAndRead(name: string, bytes: Uint8Array) {
  const [r] = await t.call('documents.import', { caseId, paths: [t.write(name, bytes)] });
  await t.ws.services.ocr.whenIdle();
  return r.document.id as string;
}

describe('OCR refuses pages that would exhaust memory', () => {
  it('an image declaring 10 gigapixels is never decoded: that page fails, saying why', async () => {
    const id = await importAndRead('bomb.pdf', await imageBombScan(['Officers shall intervene']));
    expect(pageRow(id, 1)).toMatchObject({ source: 'ocr', status: 'done', text: 'Officers shall intervene' });
    expect(pageRow(id, 2)).toEqual({
      text: '',
      source: 'none',
      status: 'failed',
      words: '[]',
      error: 'Page 2 holds an image declaring more than 40 megapixels: it was not decoded and the page was not read. The file may be crafted to exhaust memory; ask the agency for another copy.',
    });
    const [doc] = await t.call('documents.list', { caseId });
    expect(doc.ocr).toMatchObject({ pagesOcr: 1, failed: 1, pending: 0 });
    // Read again, it would be refused again: no Retry, another copy is what helps.
    expect(doc.ocr).toMatchObject({ retryable: false, failures: [{ page: 2, kind: 'new_copy' }] });
  });

  it('a page whose only image is damaged fails saying so, instead of being read as a blank page; one with other marks is read', async () => {
    const id = await importAndRead('damaged.pdf', await damagedImageScan(['Officers shall intervene']));
    expect(pageRow(id, 1)).toMatchObject({ source: 'ocr', status: 'done', text: 'Officers shall intervene' });
    expect(pageRow(id, 2)).toEqual({
      text: '',
      source: 'none',
      status: 'failed',
      words: '[]',
      error: "Page 2's scanned image (JBIG2) is damaged and could not be decoded, so the page is blank and was not read. Ask the agency for another copy of the file.",
    });
    expect(pageRow(id, 3)).toMatchObject({ source: 'none', status: 'failed', error: "Page 3's scanned image (JPEG) is damaged and could not be decoded, so the page is blank and was not read. Ask the agency for another copy of the file." });
    expect(pageRow(id, 4)).toMatchObject({ source: 'ocr', status: 'done', error: null });
    const [doc] = await t.call('documents.list', { caseId });
    expect(doc.ocr).toMatchObject({ pagesOcr: 2, failed: 2, pending: 0 });
    expect(doc.ocr.failures.map((f: { page: number; kind: string }) => [f.page, f.kind])).toEqual([
      [2, 'new_copy'],
      [3, 'new_copy'],
    ]);
    expect(doc.ocr.retryable).toBe(false);
  });

  it('a page whose images together need more memory than a renderer may take fails saying so; the other page is read', async () => {
    // Ten images of 35 megapixels, each under the one-image cap: ~1.4 GB decoded. The renderer's
    // resident size is read from outside (its heap limit does not count decoded images) and the
    // page fails at the cap, lowered here so the test holds little.
    t.cleanup();
    t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150, renderMemoryMb: 600 } } });
    caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
    const id = await importAndRead('heavy.pdf', await manyLargeImagesScan(['Officers shall intervene']));
    expect(pageRow(id, 1)).toMatchObject({ source: 'ocr', status: 'done', text: 'Officers shall intervene' });
    expect(pageRow(id, 2)).toEqual({
      text: '',
      source: 'none',
      status: 'failed',
      words: '[]',
      error: 'Page 2 needs more than 600 MB of memory to draw: not read. The file may be crafted to exhaust memory; ask the agency for another copy.',
    });
    const [doc] = await t.call('documents.list', { caseId });
    expect(doc.ocr).toMatchObject({ retryable: false, failures: [{ page: 2, kind: 'new_copy' }] });
  });

  it('a page 200 inches square is not drawn: that page fails, saying its size', async () => {
    const id = await importAndRead('billboard.pdf', await billboardScan(['Officers shall intervene']));
    expect(pageRow(id, 1)).toMatchObject({ status: 'done', text: 'Officers shall intervene' });
    expect(pageRow(id, 2)).toEqual({
      text: '',
      source: 'none',
      status: 'failed',
      words: '[]',
      error: 'Page 2 is 200 × 200 inches: even at 50 dpi that is 100 megapixels, over the limit of 40 for one page. It was not read; ask the agency for a copy at a normal page size.',
    });
    const words = await t.call('ocr.pageWords', { caseId, documentId: id, page: 2 });
    expect(words).toMatchObject({ status: 'failed', failureKind: 'new_copy' });
    expect((await t.call('search.query', { caseId, query: 'intervene' })).map((h: { page: number }) => h.page)).toEqual([1]);
  });
});
