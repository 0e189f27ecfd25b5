// The documents list names a scanned document's pages with no text yet, as runs (search says which
// pages it could not see), and its OCR page read with the least confidence (a damaged image reads
// as garbage the mean hides). OCR does not start here: the pages wait, and readings are written as
// ocr-service.ts stores them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
beforeAll(async () => {
  t = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
  // Pages 1 and 4 are typed; 2, 3, 5 and 6 scanned.
  const pages = [['One typed'], ['Two scanned'], ['Three scanned'], ['Four typed'], ['Five scanned'], ['Six scanned']];
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('mixed.pdf', await scannedPdf(pages, { textPages: [1, 4] }))] });
  documentId = r.document.id;
}, 120_000);
afterAll(() => t?.cleanup());

const ocrOf = async () => (await t.call('documents.list', { caseId }))[0].ocr;
const read = (page: number, confidence: number) =>
  t.ws.ctx.db.prepare(`UPDATE page_ocr SET source = 'ocr', status = 'done', mean_confidence = ? WHERE document_id = ? AND page_index = ?`).run(confidence, documentId, page - 1);

it('names the pages without text as runs, a typed page between them breaking a run', async () => {
  expect(await ocrOf()).toMatchObject({ total: 4, pagesOcr: 0, unreadRuns: [[2, 3], [5, 6]], weakestPage: null });
  read(3, 95);
  expect(await ocrOf()).toMatchObject({ unreadRuns: [[2, 2], [5, 6]] });
});

it('gives the page read with the least confidence', async () => {
  read(2, 96.04);
  read(5, 41.26);
  read(6, 94);
  expect(await ocrOf()).toMatchObject({ pagesOcr: 4, unreadRuns: [], meanConfidence: 81.6, weakestPage: { page: 5, confidence: 41.3 } });
});
