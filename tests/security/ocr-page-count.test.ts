// PDFs that claim thousands of pages. One whose page tree claims 100,000 pages it does not hold is
// refused at import, nothing of it stored. One that really has a thousand scanned pages (one
// image drawn on each: a 30 KB file) imports, and OCR reads only as many of its pages as the
// per-document limit allows: the rest fail at once, each saying why, and nothing runs away.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pageCountLiar, thousandPageScan } from '../fixtures/hostile-scans.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { importState } from './support/import-state.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150, documentPages: 1 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

const ocrRows = () => (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM page_ocr').get() as { n: number }).n;

it('a page tree claiming 100,000 pages it does not hold is refused, nothing stored', async () => {
  const before = importState(t);
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('liar.pdf', pageCountLiar(100_000))] });
  expect(r).toMatchObject({ ok: false, code: 'damaged' });
  expect(r.message).toContain('liar.pdf: It is damaged (its page tree is broken)');
  expect(importState(t)).toEqual(before);
  expect(ocrRows()).toBe(0);
});

it('a thousand scanned pages: the first is read, the other 999 fail at once over the per-document limit', async () => {
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('thousand.pdf', await thousandPageScan(['Officers shall intervene'], 1000))] });
  expect(r).toMatchObject({ ok: true, document: { pageCount: 1000, pagesNeedingOcr: 1000 } });
  await t.ws.services.ocr.whenIdle();
  const [doc] = await t.call('documents.list', { caseId });
  expect(doc.ocr).toMatchObject({ pagesOcr: 1, pending: 0, failed: 999 });
  const failures = t.ws.services.ocr.failures(r.document.id);
  expect(failures[0]).toEqual({ page: 2, error: 'Page 2 was not read: OCR reads at most 1 page of one document. Ask the agency for the file in smaller parts.', kept: false, kind: 'page_limit' });
  // Retry would fail them again at once: it is not offered.
  expect(doc.ocr.retryable).toBe(false);
  expect(failures.at(-1)!.page).toBe(1000);
  const hits = await t.call('search.query', { caseId, query: 'intervene' });
  expect(hits.map((h: { page: number }) => h.page)).toEqual([1]);
});
