// A scanned blank sheet (the back of a page scanned both sides) holds nothing to read: it is stored
// as read, with no words and no confidence, and the document's mean confidence is its text pages'
// alone — a blank page counted as 0 halved a one-page scan's figure. The engine is not asked to
// read it. A faint page (light grey text, as a faded photocopy gives) is not blank: it is read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeAll(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Duplex County Sheriff', ori: 'IL0000777', state: 'IL' })).id;
}, 60_000);
afterAll(() => t?.cleanup());

const rowOf = (documentId: string, page: number) =>
  t.ws.ctx.db.prepare('SELECT p.text, o.source, o.status, o.mean_confidence AS conf, o.words FROM pages p JOIN page_ocr o USING (document_id, page_index) WHERE document_id = ? AND page_index = ?').get(documentId, page - 1) as {
    text: string;
    source: string;
    status: string;
    conf: number | null;
    words: string;
  };

it('stores a blank scanned page as read with no confidence, and leaves it out of the mean', async () => {
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('duplex.pdf', await scannedPdf([['Officers shall intervene'], []]))] });
  await t.ws.services.ocr.whenIdle();
  const id = r.document.id as string;
  const text = rowOf(id, 1);
  expect(text).toMatchObject({ source: 'ocr', status: 'done', text: 'Officers shall intervene' });
  expect(text.conf).toBeGreaterThan(50);
  expect(rowOf(id, 2)).toEqual({ text: '', source: 'ocr', status: 'done', conf: null, words: '[]' });
  const doc = (await t.call('documents.list', { caseId })).find((d: { id: string }) => d.id === id)!;
  expect(doc.ocr).toMatchObject({ pagesOcr: 2, failed: 0, pending: 0, meanConfidence: Math.round(text.conf! * 10) / 10 });
  // Pre-review does not say the blank page waits for OCR: it says OCR found no words on it.
  await t.ws.services.prereview.resultAsync(id);
  const pre = (await t.call('prereview.forCase', { caseId })).documents.find((d: { documentId: string }) => d.documentId === id);
  expect(pre).toMatchObject({ pagesWithoutText: [2], ocrEmptyPages: [2], ocrFailedPages: [], ocrStoppedPages: [] });
}, 120_000);

it('tells blank paper from a faint page whose text is light grey, which the engine still reads', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]);
  const faint = doc.addPage([612, 792]);
  for (let i = 0; i < 6; i++) faint.drawText('Officers shall render medical aid at once.', { x: 72, y: 700 - i * 30, size: 14, font, color: rgb(0.84, 0.84, 0.84) });
  const dark = doc.addPage([612, 792]);
  dark.drawText('Officers shall render medical aid at once.', { x: 72, y: 700, size: 14, font });
  const bytes = await doc.save();
  const [blankPage, faintPage, darkPage] = await Promise.all([1, 2, 3].map((n) => renderPageToPng(bytes, n, 150)));
  expect([blankPage!.blank, blankPage!.inked]).toEqual([true, false]);
  // Nothing darker than half-tone, so not inked; but not blank either, so the engine is asked.
  expect([faintPage!.blank, faintPage!.inked]).toEqual([false, false]);
  expect([darkPage!.blank, darkPage!.inked]).toEqual([false, true]);
});
